package io.github.gonefilter.cli.pattern;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import java.util.ArrayList;
import java.util.List;

/**
 * A regular expression in the subset that PCRE (nginx, Apache httpd) and {@code java.util.regex} read alike,
 * parsed into a tree so that it can be rewritten exactly: into a Java expression matched against a whole
 * canonical path, and into an automaton to decide emptiness and inclusion. Anything outside the subset
 * (back-references, lookaround, {@code \b}, Unicode properties, inline flags other than {@code i}) is
 * refused with {@link UnsupportedRegexException} naming the construct, never guessed at.
 */
public final class Regex {

    /** How the source engine reads {@code .} and {@code $}, and whether it matches bytes or characters. */
    public record Dialect(String name, boolean dotAll, boolean dollarEndOnly, boolean bytes, boolean javaLines) {
        /** nginx: PCRE on the bytes of the decoded URI, {@code .} stops at a newline, {@code $} also before a final newline. */
        public static final Dialect NGINX = new Dialect("nginx", false, false, true, false);
        /** Apache httpd 2.4: PCRE on bytes with its default {@code RegexDefaultOptions DOTALL DOLLAR_ENDONLY}. */
        public static final Dialect APACHE = new Dialect("Apache httpd", true, true, true, false);
        /** java.util.regex without flags, as Tuckey uses it: {@code .} and {@code $} know every line terminator. */
        public static final Dialect JAVA = new Dialect("java.util.regex", false, false, false, true);
        /** A tombstone's own regex: java.util.regex with DOTALL, matched against the whole path. */
        public static final Dialect TOMBSTONE = new Dialect("tombstone", true, false, false, true);
    }

    /** Java's line terminators, which {@code .} (without DOTALL) and {@code $} know. */
    private static final int[] JAVA_LINE_TERMINATORS = {'\n', '\n', '\r', '\r', 0x85, 0x85, 0x2028, 0x2029};

    /** A regex that cannot be translated exactly; the message names the construct. */
    public static final class UnsupportedRegexException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedRegexException(String message) {
            super(message);
        }
    }

    sealed interface Node permits Chars, Seq, Alt, Repeat, Group, Anchor {
    }

    /** One character from a set: a literal (one range), a class, or {@code .}. Ranges are inclusive pairs. */
    record Chars(int[] ranges, boolean negated, String source) implements Node {
        boolean wide() {
            if (negated) {
                return true;
            }
            for (int i = 1; i < ranges.length; i += 2) {
                if (ranges[i] > 0x7f) {
                    return true;
                }
            }
            return false;
        }
    }

    record Seq(List<Node> items) implements Node {
    }

    record Alt(List<Node> options) implements Node {
    }

    /** {@code max} -1 means unbounded; {@code mode} is "", "?" (lazy) or "+" (possessive). */
    record Repeat(Node body, int min, int max, String mode) implements Node {
    }

    record Group(Node body) implements Node {
    }

    /** {@code ^}/{@code \A} (START), {@code $} (END_OR_FINAL_NEWLINE per dialect), {@code \z} (END). */
    record Anchor(Kind kind) implements Node {
        enum Kind { START, DOLLAR, END, END_OR_FINAL_NEWLINE }
    }

    private final Node root;
    private final Dialect dialect;
    private String startAnchor = "\\A";
    private final String source;

    private Regex(Node root, Dialect dialect, String source) {
        this.root = root;
        this.dialect = dialect;
        this.source = source;
    }

    /**
     * Parses {@code source} as the given engine reads it.
     *
     * @param caseInsensitive the engine's own case-insensitive switch ({@code ~*}, {@code [NC]}, Tuckey's default)
     * @throws UnsupportedRegexException for anything outside the common subset, or that would match
     *                                   differently on bytes than on characters
     */
    public static Regex parse(String source, Dialect dialect, boolean caseInsensitive) throws UnsupportedRegexException {
        Parser parser = new Parser(source, dialect, caseInsensitive);
        Node root = parser.alternation();
        if (parser.pos < source.length()) {
            throw new UnsupportedRegexException("unbalanced ')' at index " + parser.pos + " of '" + source + "'");
        }
        if (dialect.bytes()) {
            checkBytesLikeChars(root, source);
        }
        return new Regex(root, dialect, source);
    }

    public String source() {
        return source;
    }

    /**
     * A Java expression (for a tombstone, which is compiled with DOTALL and matched against the whole path)
     * that matches a path exactly when this expression, searched for anywhere in it as the engine does,
     * finds a match.
     */
    public String toTombstoneRegex() {
        return toTombstoneRegex("");
    }

    /**
     * As {@link #toTombstoneRegex()}, for an expression that the server matches against the path with
     * {@code consumed} (a directory) already stripped, the result to follow that prefix in a whole-path match:
     * a start anchor then means "right after the prefix".
     */
    public String toTombstoneRegex(String consumed) {
        this.startAnchor = consumed.isEmpty() ? "\\A" : "(?<=\\A" + quote(consumed) + ")";
        StringBuilder out = new StringBuilder();
        boolean anchoredStart = startsAnchored(root);
        if (!anchoredStart) {
            out.append(".*?");
        }
        out.append("(?:");
        java(root, out);
        // Also after an end anchor: '$' may leave a final newline unmatched, which the whole-path match must take.
        return out.append(").*").toString();
    }

    /**
     * The set of whole paths this expression finds a match in, as an automaton over characters, or
     * {@code null} when anchors sit where an automaton cannot follow them.
     */
    public Automaton toAutomaton() {
        StringBuilder out = new StringBuilder();
        if (!brics(root, out, true, true)) {
            return null;
        }
        String body = out.toString();
        String expression = (startsAnchored(root) ? "" : "@") + "(" + body + ")" + (endsAnchored(root) ? "" : "@");
        return new RegExp(expression, RegExp.ANYSTRING | RegExp.EMPTY).toAutomaton();
    }

    /**
     * A quantifier applied to something that itself holds an unbounded quantifier, such as {@code (a+)+} or
     * {@code (.*-)*}: the shape that makes a backtracking engine take exponential time. Empty if none.
     */
    public static java.util.Optional<String> nestedQuantifier(String javaRegex) {
        try {
            return nested(new Parser(javaRegex, Dialect.TOMBSTONE, false).alternation(), false);
        } catch (UnsupportedRegexException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<String> nested(Node node, boolean insideUnbounded) {
        if (node instanceof Repeat r) {
            boolean unbounded = r.max() < 0 || r.max() > 1;
            if (insideUnbounded && unbounded && r.mode().isEmpty()) {
                return java.util.Optional.of("a repeated group contains a repetition");
            }
            return nested(r.body(), insideUnbounded || (unbounded && r.mode().isEmpty()));
        }
        for (Node child : children(node)) {
            java.util.Optional<String> found = nested(child, insideUnbounded);
            if (found.isPresent()) {
                return found;
            }
        }
        return java.util.Optional.empty();
    }

    private static List<Node> children(Node node) {
        if (node instanceof Seq s) {
            return s.items();
        }
        if (node instanceof Alt a) {
            return a.options();
        }
        if (node instanceof Group g) {
            return List.of(g.body());
        }
        if (node instanceof Repeat r) {
            return List.of(r.body());
        }
        return List.of();
    }

    private static boolean startsAnchored(Node node) {
        if (node instanceof Anchor a) {
            return a.kind() == Anchor.Kind.START;
        }
        if (node instanceof Seq s) {
            return !s.items().isEmpty() && startsAnchored(s.items().get(0));
        }
        if (node instanceof Group g) {
            return startsAnchored(g.body());
        }
        if (node instanceof Alt a) {
            return a.options().stream().allMatch(Regex::startsAnchored);
        }
        return false;
    }

    private static boolean endsAnchored(Node node) {
        if (node instanceof Anchor a) {
            return a.kind() != Anchor.Kind.START;
        }
        if (node instanceof Seq s) {
            return !s.items().isEmpty() && endsAnchored(s.items().get(s.items().size() - 1));
        }
        if (node instanceof Group g) {
            return endsAnchored(g.body());
        }
        if (node instanceof Alt a) {
            return a.options().stream().allMatch(Regex::endsAnchored);
        }
        return false;
    }

    private void java(Node node, StringBuilder out) {
        if (node instanceof Chars c) {
            javaChars(c, out);
        } else if (node instanceof Seq s) {
            s.items().forEach(n -> java(n, out));
        } else if (node instanceof Alt a) {
            for (int i = 0; i < a.options().size(); i++) {
                if (i > 0) {
                    out.append('|');
                }
                java(a.options().get(i), out);
            }
        } else if (node instanceof Group g) {
            out.append("(?:");
            java(g.body(), out);
            out.append(')');
        } else if (node instanceof Repeat r) {
            out.append("(?:");
            java(r.body(), out);
            out.append(')');
            if (r.min() == 0 && r.max() < 0) {
                out.append('*');
            } else if (r.min() == 1 && r.max() < 0) {
                out.append('+');
            } else if (r.min() == 0 && r.max() == 1) {
                out.append('?');
            } else {
                out.append('{').append(r.min()).append(',').append(r.max() < 0 ? "" : Integer.toString(r.max())).append('}');
            }
            out.append(r.mode());
        } else if (node instanceof Anchor a) {
            out.append(switch (a.kind()) {
                case START -> startAnchor;
                case END -> "\\z";
                case DOLLAR -> dialect.dollarEndOnly() ? "\\z" : dialect.javaLines() ? "$" : "(?=\\n?\\z)";
                case END_OR_FINAL_NEWLINE -> dialect.javaLines() ? "\\Z" : "(?=\\n?\\z)";
            });
        }
    }

    private static void javaChars(Chars c, StringBuilder out) {
        int[] r = c.ranges();
        if (!c.negated() && r.length == 2 && r[0] == r[1]) {
            appendJavaChar(r[0], out);
            return;
        }
        out.append(c.negated() ? "[^" : "[");
        for (int i = 0; i < r.length; i += 2) {
            appendJavaChar(r[i], out);
            if (r[i + 1] != r[i]) {
                out.append('-');
                appendJavaChar(r[i + 1], out);
            }
        }
        if (r.length == 0) {
            out.append(c.negated() ? "\\x{0}&&[^\\x{0}]" : "\\x{0}&&[^\\x{0}]");
        }
        out.append(']');
    }

    /** Letters, digits and {@code /} as they are, so the filter can still index the literal prefix. */
    static void appendJavaChar(int cp, StringBuilder out) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '/'
                || (cp >= 0xa0 && Character.isLetterOrDigit(cp))) {
            out.appendCodePoint(cp);
        } else if (cp > 0x20 && cp < 0x7f) {
            out.append('\\').append((char) cp);
        } else {
            out.append("\\x{").append(Integer.toHexString(cp)).append('}');
        }
    }

    /** {@code text} as a PCRE (and Java) literal: ASCII punctuation escaped, everything else as it is. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            if (cp < 0x80 && !Character.isLetterOrDigit(cp)) {
                out.append('\\');
            }
            out.appendCodePoint(cp);
        });
        return out.toString();
    }

    /** A Java expression matching exactly {@code text}. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> appendJavaChar(cp, out));
        return out.toString();
    }

    /** Appends brics syntax; false if an anchor sits anywhere but at the very start or end. */
    private boolean brics(Node node, StringBuilder out, boolean atStart, boolean atEnd) {
        if (node instanceof Chars c) {
            int[] r = c.ranges();
            if (!c.negated() && r.length == 2 && r[0] == r[1]) {
                bricsChar(r[0], out);
                return true;
            }
            if (r.length == 0) {
                out.append(c.negated() ? "." : "#");
                return true;
            }
            out.append(c.negated() ? "[^" : "[");
            for (int i = 0; i < r.length; i += 2) {
                bricsChar(r[i], out);
                if (r[i + 1] != r[i]) {
                    out.append('-');
                    bricsChar(r[i + 1], out);
                }
            }
            out.append(']');
            return true;
        }
        if (node instanceof Seq s) {
            out.append('(');
            if (s.items().isEmpty()) {
                out.append("\"\"");
            }
            for (int i = 0; i < s.items().size(); i++) {
                if (!brics(s.items().get(i), out, atStart && i == 0, atEnd && i == s.items().size() - 1)) {
                    return false;
                }
            }
            out.append(')');
            return true;
        }
        if (node instanceof Alt a) {
            out.append('(');
            for (int i = 0; i < a.options().size(); i++) {
                if (i > 0) {
                    out.append('|');
                }
                if (!brics(a.options().get(i), out, atStart, atEnd)) {
                    return false;
                }
            }
            out.append(')');
            return true;
        }
        if (node instanceof Group g) {
            return brics(g.body(), out, atStart, atEnd);
        }
        if (node instanceof Repeat r) {
            if (r.mode().equals("+")) {
                return false; // possessive quantifiers can match less than their language
            }
            out.append('(');
            if (!brics(r.body(), out, false, false)) {
                return false;
            }
            out.append(')');
            out.append('{').append(r.min()).append(',').append(r.max() < 0 ? "" : Integer.toString(r.max())).append('}');
            return true;
        }
        Anchor a = (Anchor) node;
        if (a.kind() == Anchor.Kind.START) {
            out.append("\"\"");
            return atStart;
        }
        boolean finalNewline = a.kind() == Anchor.Kind.END_OR_FINAL_NEWLINE
                || (a.kind() == Anchor.Kind.DOLLAR && !dialect.dollarEndOnly());
        if (!finalNewline) {
            out.append("\"\"");
        } else if (dialect.javaLines()) {
            out.append("(\\\r\\\n|[\\\n\\\r\\\u0085\\\u2028\\\u2029])?");
        } else {
            out.append("(\\\n)?");
        }
        return atEnd;
    }

    private static void bricsChar(int cp, StringBuilder out) {
        if (cp > 0xffff) {
            out.append("\\").appendCodePoint(cp); // brics works on chars; supplementary code points are rare in rules
        } else if (Character.isLetterOrDigit(cp) && cp < 0x80) {
            out.append((char) cp);
        } else {
            out.append('\\').append((char) cp);
        }
    }

    /**
     * In PCRE's byte mode, {@code .} or {@code [^/]} match one byte of a multi-byte character; Java matches the
     * whole character. They agree only where such a set repeats without bound from at most one occurrence.
     */
    private static void checkBytesLikeChars(Node node, String source) throws UnsupportedRegexException {
        if (node instanceof Chars c && c.wide()) {
            throw new UnsupportedRegexException("'" + c.source() + "' matches one byte of a non-ASCII character in "
                    + "the server but a whole character in Java; only '" + c.source() + "*' and '" + c.source()
                    + "+' mean the same in both (in '" + source + "')");
        }
        if (node instanceof Repeat r) {
            if (r.body() instanceof Chars c && (c.wide() || isNonAsciiLiteral(c))) {
                if (isNonAsciiLiteral(c)) {
                    throw new UnsupportedRegexException("a quantifier after the non-ASCII character '" + c.source()
                            + "' repeats its last byte in the server (in '" + source + "')");
                }
                if (r.max() >= 0 || r.min() > 1) {
                    throw new UnsupportedRegexException("'" + c.source() + "{" + r.min() + "," + (r.max() < 0 ? "" : r.max())
                            + "}' counts bytes in the server but characters in Java (in '" + source + "')");
                }
                return;
            }
            checkBytesLikeChars(r.body(), source);
            return;
        }
        if (node instanceof Seq s) {
            int run = 0;
            for (Node item : s.items()) {
                if (item instanceof Repeat r && r.body() instanceof Chars c && c.wide()) {
                    run += r.min();
                    if (run > 1) {
                        throw new UnsupportedRegexException("consecutive '+' repetitions of '" + c.source() + "' count "
                                + "bytes in the server but characters in Java (in '" + source + "')");
                    }
                } else {
                    run = 0;
                }
                checkBytesLikeChars(item, source);
            }
            return;
        }
        for (Node child : children(node)) {
            checkBytesLikeChars(child, source);
        }
    }

    private static boolean isNonAsciiLiteral(Chars c) {
        return !c.negated() && c.ranges().length == 2 && c.ranges()[0] == c.ranges()[1] && c.ranges()[0] > 0x7f;
    }

    /** A recursive-descent parser for the common subset. */
    private static final class Parser {
        private final String s;
        private final Dialect dialect;
        private boolean ignoreCase;
        int pos;

        Parser(String s, Dialect dialect, boolean ignoreCase) {
            this.s = s;
            this.dialect = dialect;
            this.ignoreCase = ignoreCase;
        }

        Node alternation() throws UnsupportedRegexException {
            List<Node> options = new ArrayList<>();
            boolean saved = ignoreCase;
            options.add(sequence());
            while (pos < s.length() && s.charAt(pos) == '|') {
                pos++;
                options.add(sequence());
            }
            ignoreCase = saved;
            return options.size() == 1 ? options.get(0) : new Alt(options);
        }

        private Node sequence() throws UnsupportedRegexException {
            List<Node> items = new ArrayList<>();
            while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
                Node atom = atom();
                if (atom == null) {
                    continue; // an inline flag
                }
                items.add(quantified(atom));
            }
            return items.size() == 1 ? items.get(0) : new Seq(items);
        }

        private Node quantified(Node atom) throws UnsupportedRegexException {
            if (pos >= s.length()) {
                return atom;
            }
            char c = s.charAt(pos);
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = -1;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                pos++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '{' && s.indexOf('}', pos) > 0 && s.substring(pos + 1, s.indexOf('}', pos)).matches("\\d+(,\\d*)?")) {
                String[] parts = s.substring(pos + 1, s.indexOf('}', pos)).split(",", -1);
                min = Integer.parseInt(parts[0]);
                max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
                pos = s.indexOf('}', pos) + 1;
            } else {
                return atom;
            }
            if (atom instanceof Anchor) {
                throw unsupported("a quantifier on an anchor");
            }
            String mode = "";
            if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
                mode = String.valueOf(s.charAt(pos++));
            }
            if (pos < s.length() && "*+?".indexOf(s.charAt(pos)) >= 0) {
                throw unsupported("a repeated quantifier");
            }
            return new Repeat(atom, min, max, mode);
        }

        private Node atom() throws UnsupportedRegexException {
            int start = pos;
            char c = s.charAt(pos++);
            switch (c) {
                case '^':
                    return new Anchor(Anchor.Kind.START);
                case '$':
                    return new Anchor(Anchor.Kind.DOLLAR);
                case '.':
                    if (dialect.dotAll()) {
                        return new Chars(new int[0], true, ".");
                    }
                    return new Chars(dialect.javaLines() ? JAVA_LINE_TERMINATORS : new int[] {'\n', '\n'}, true, ".");
                case '[':
                    return charClass(start);
                case '(':
                    return group();
                case '\\':
                    return escape(start);
                case '*':
                case '+':
                case '?':
                    throw unsupported("a quantifier with nothing before it");
                case '{':
                    if (s.indexOf('}', pos) > 0 && s.substring(pos, s.indexOf('}', pos)).matches("\\d+(,\\d*)?")) {
                        throw unsupported("a quantifier with nothing before it");
                    }
                    return literal('{');
                default:
                    if (Character.isHighSurrogate(c) && pos < s.length()) {
                        pos++;
                        return literal(s.codePointAt(start));
                    }
                    return literal(c);
            }
        }

        private Node group() throws UnsupportedRegexException {
            if (s.startsWith("?:", pos)) {
                pos += 2;
            } else if (s.startsWith("?<", pos) && pos + 2 < s.length() && Character.isLetter(s.charAt(pos + 2))) {
                pos = s.indexOf('>', pos) + 1; // a named group; the name is irrelevant to matching
            } else if (s.startsWith("?P<", pos)) {
                pos = s.indexOf('>', pos) + 1;
            } else if (s.startsWith("?'", pos)) {
                pos = s.indexOf('\'', pos + 2) + 1;
            } else if (pos < s.length() && s.charAt(pos) == '?') {
                int end = pos + 1;
                while (end < s.length() && (s.charAt(end) == 'i' || s.charAt(end) == '-')) {
                    end++;
                }
                String flags = s.substring(pos + 1, end);
                if (end < s.length() && (s.charAt(end) == ')' || s.charAt(end) == ':') && !flags.isEmpty()
                        && flags.matches("i?(-i)?")) {
                    boolean value = !flags.startsWith("-");
                    pos = end + 1;
                    if (s.charAt(end) == ')') {
                        ignoreCase = value;
                        return null;
                    }
                    boolean saved = ignoreCase;
                    ignoreCase = value;
                    Node body = alternation();
                    expect(')');
                    ignoreCase = saved;
                    return new Group(body);
                }
                throw unsupported("the group '(" + s.substring(pos, Math.min(s.length(), pos + 3)) + "'");
            }
            if (pos <= 0) {
                throw unsupported("an unterminated group name");
            }
            boolean saved = ignoreCase;
            Node body = alternation();
            ignoreCase = saved;
            expect(')');
            return new Group(body);
        }

        private void expect(char c) throws UnsupportedRegexException {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw unsupported("a missing '" + c + "'");
            }
            pos++;
        }

        private Node escape(int start) throws UnsupportedRegexException {
            if (pos >= s.length()) {
                throw unsupported("a trailing backslash");
            }
            char c = s.charAt(pos++);
            switch (c) {
                case 'd': return new Chars(new int[] {'0', '9'}, false, "\\d");
                case 'D': return new Chars(new int[] {'0', '9'}, true, "\\D");
                case 'w': return new Chars(new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}, false, "\\w");
                case 'W': return new Chars(new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}, true, "\\W");
                case 's': return new Chars(new int[] {'\t', '\r', ' ', ' '}, false, "\\s");
                case 'S': return new Chars(new int[] {'\t', '\r', ' ', ' '}, true, "\\S");
                case 'A': return new Anchor(Anchor.Kind.START);
                case 'z': return new Anchor(Anchor.Kind.END);
                case 'Z': return new Anchor(Anchor.Kind.END_OR_FINAL_NEWLINE);
                case 'Q': {
                    int end = s.indexOf("\\E", pos);
                    String quoted = s.substring(pos, end < 0 ? s.length() : end);
                    pos = end < 0 ? s.length() : end + 2;
                    List<Node> items = new ArrayList<>();
                    quoted.codePoints().forEach(cp -> items.add(literal(cp)));
                    return items.size() == 1 ? items.get(0) : new Group(new Seq(items));
                }
                default:
                    int cp = escapedChar(c, start);
                    return literal(cp);
            }
        }

        /** The character of a simple escape such as {@code \.}, {@code \/}, {@code \n} or {@code \x2F}. */
        private int escapedChar(char c, int start) throws UnsupportedRegexException {
            switch (c) {
                case 'n': return '\n';
                case 't': return '\t';
                case 'r': return '\r';
                case 'f': return '\f';
                case 'e': return 0x1b;
                case 'a': return 7;
                case 'x': {
                    if (pos < s.length() && s.charAt(pos) == '{') {
                        int end = s.indexOf('}', pos);
                        int value = Integer.parseInt(s.substring(pos + 1, end), 16);
                        pos = end + 1;
                        return checkByte(value, start);
                    }
                    if (pos + 2 <= s.length() && s.substring(pos, pos + 2).matches("[0-9a-fA-F]{2}")) {
                        int value = Integer.parseInt(s.substring(pos, pos + 2), 16);
                        pos += 2;
                        return checkByte(value, start);
                    }
                    throw unsupported("the escape '" + s.substring(start, pos) + "'");
                }
                default:
                    if (Character.isLetterOrDigit(c)) {
                        throw unsupported("the escape '\\" + c + "'");
                    }
                    return c;
            }
        }

        private int checkByte(int value, int start) throws UnsupportedRegexException {
            if (value > 0x7f && dialect.bytes()) {
                throw unsupported("the byte escape '" + s.substring(start, pos) + "' (a byte of a non-ASCII character)");
            }
            return value;
        }

        private Node charClass(int start) throws UnsupportedRegexException {
            boolean negated = pos < s.length() && s.charAt(pos) == '^';
            if (negated) {
                pos++;
            }
            List<int[]> ranges = new ArrayList<>();
            boolean first = true;
            while (true) {
                if (pos >= s.length()) {
                    throw unsupported("an unterminated character class");
                }
                char c = s.charAt(pos);
                if (c == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                if (c == '[') {
                    throw unsupported("a nested or POSIX character class");
                }
                if (c == '&' && s.startsWith("&&", pos)) {
                    throw unsupported("a class intersection");
                }
                int low = classChar(ranges);
                if (low < 0) {
                    continue;
                }
                if (pos + 1 < s.length() && s.charAt(pos) == '-' && s.charAt(pos + 1) != ']') {
                    pos++;
                    int high = classChar(ranges);
                    if (high < 0 || high < low) {
                        throw unsupported("the class range in '" + s.substring(start, pos) + "'");
                    }
                    ranges.add(new int[] {low, high});
                } else {
                    ranges.add(new int[] {low, low});
                }
            }
            for (int[] r : ranges) {
                if (r[1] > 0x7f && dialect.bytes()) {
                    throw unsupported("the non-ASCII character class '" + s.substring(start, pos) + "'");
                }
            }
            return new Chars(normalize(ranges, ignoreCase), negated, s.substring(start, pos));
        }

        /** One class member; a shorthand such as {@code \d} is added to {@code ranges} and -1 returned. */
        private int classChar(List<int[]> ranges) throws UnsupportedRegexException {
            int start = pos;
            char c = s.charAt(pos++);
            if (c != '\\') {
                if (Character.isHighSurrogate(c) && pos < s.length()) {
                    pos++;
                    return s.codePointAt(start);
                }
                return c;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'd' -> ranges.add(new int[] {'0', '9'});
                case 'w' -> {
                    ranges.add(new int[] {'0', '9'});
                    ranges.add(new int[] {'A', 'Z'});
                    ranges.add(new int[] {'_', '_'});
                    ranges.add(new int[] {'a', 'z'});
                }
                case 's' -> {
                    ranges.add(new int[] {'\t', '\r'});
                    ranges.add(new int[] {' ', ' '});
                }
                default -> {
                    if ("DWS".indexOf(e) >= 0) {
                        throw unsupported("a negated shorthand inside a class");
                    }
                    return escapedChar(e, start);
                }
            }
            return -1;
        }

        private Node literal(int cp) {
            int[] ranges = normalize(List.of(new int[] {cp, cp}), ignoreCase);
            return new Chars(ranges, false, new String(Character.toChars(cp)));
        }

        private UnsupportedRegexException unsupported(String what) {
            return new UnsupportedRegexException(what + " in '" + s + "' is not supported");
        }
    }

    /** Sorted, merged ranges; with ignoreCase, ASCII letters get their other case (PCRE bytes, Java without UNICODE_CASE). */
    private static int[] normalize(List<int[]> input, boolean ignoreCase) {
        List<int[]> ranges = new ArrayList<>(input);
        if (ignoreCase) {
            for (int[] r : input) {
                int lo = Math.max(r[0], 'a');
                int hi = Math.min(r[1], 'z');
                if (lo <= hi) {
                    ranges.add(new int[] {lo - 32, hi - 32});
                }
                lo = Math.max(r[0], 'A');
                hi = Math.min(r[1], 'Z');
                if (lo <= hi) {
                    ranges.add(new int[] {lo + 32, hi + 32});
                }
            }
        }
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : ranges) {
            if (!merged.isEmpty() && r[0] <= merged.get(merged.size() - 1)[1] + 1) {
                int[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        int[] flat = new int[merged.size() * 2];
        for (int i = 0; i < merged.size(); i++) {
            flat[2 * i] = merged.get(i)[0];
            flat[2 * i + 1] = merged.get(i)[1];
        }
        return flat;
    }
}
