package io.github.gonefilter.internal.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds, in the text of a regular expression, the shape that makes {@code java.util.regex} backtrack
 * catastrophically: a repeated group holding a quantifier of its own, such as {@code (a+)+}, {@code (.*)*}
 * or {@code (\w+\s?)*}. On a path that almost matches, the matcher tries the ways of dividing the
 * characters between the inner and the outer repetition: on Java 17, quadratic in the path's length for a
 * greedy unbounded loop (which the JDK memoizes; {@code (a+)+b} takes about a second on an 8 KiB path) and
 * exponential for bounded ({@code (a+){1,30}}), lazy ({@code (a+)*?}) or doubly nested repetitions.
 *
 * <p>This is a static check of the expression, shared by the index (which logs it when a tombstone is
 * loaded) and by tools that check a tombstone file. It is a heuristic, not a proof either way:
 * <ul>
 * <li>it does not flag a group whose every repetition starts (or ends) with a character that nothing else
 * in the group can match, such as {@code (/[^/]+)*} or {@code (\d{1,3}\.){3}}: there each repetition starts
 * at the next {@code /} (ends at the next {@code .}), so the division is fixed; nor possessive quantifiers ({@code a++}) and atomic groups ({@code (?>...)}), which
 * never give back what they matched;</li>
 * <li>it does not find every slow expression: chains of quantifiers side by side ({@code .*a.*a.*a.*a.*b},
 * polynomial: about a second on a 100-character path) and overlapping alternatives ({@code (a|aa)+}) are
 * not reported.</li>
 * </ul>
 */
public final class RegexBacktracking {

    private static final int FLAGS = Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private RegexBacktracking() {
    }

    /**
     * The first repeated group of {@code expression} that holds a quantifier of its own, as written in the
     * expression with its quantifier (for example {@code (a+)+}); empty if there is none. The expression is
     * expected to be valid ({@link io.github.gonefilter.tombstone.PathPattern#regex} checks that); for an
     * invalid one the answer is empty or a part of it, never an exception.
     */
    public static Optional<String> nestedQuantifier(String expression) {
        try {
            return Optional.ofNullable(find(new Parser(expression).alternatives(false), expression));
        } catch (RuntimeException invalid) {
            return Optional.empty(); // not a valid expression: there is nothing to warn about
        } catch (StackOverflowError tooDeep) {
            return Optional.empty(); // groups nested thousands deep: a check must never keep an index from loading
        }
    }

    /**
     * A warning for operators if {@code expression} has a {@linkplain #nestedQuantifier nested quantifier}:
     * what was found, what it costs and how to avoid it; empty if there is none.
     */
    public static Optional<String> warning(String expression) {
        return nestedQuantifier(expression).map(part -> "regex '" + expression + "' repeats a group that has a"
                + " quantifier of its own, '" + part + "': a crafted request path can make matching it take"
                + " from a fraction of a second (quadratic in the path's length, at best) to minutes (exponential,"
                + " for bounded, lazy or doubly nested repetitions) per request. Rewrite it so that a path can be divided between the repetitions"
                + " in one way only (a possessive quantifier such as 'a++', an atomic group '(?>...)', or a"
                + " character class that excludes the separator, as in '(/[^/]+)*'), or use a glob, which"
                + " cannot backtrack.");
    }

    private static String find(Group group, String expression) {
        for (List<Item> alternative : group.alternatives) {
            for (Item item : alternative) {
                if (item.atom instanceof Group inner) {
                    if (item.repeats() && !inner.atomic && !inner.lookaround && hasVariable(inner)
                            && !delimited(inner)) {
                        return expression.substring(item.start, item.end);
                    }
                    String deeper = find(inner, expression);
                    if (deeper != null) {
                        return deeper;
                    }
                }
            }
        }
        return null;
    }

    /** Whether anything inside {@code group} can match a varying number of times. */
    private static boolean hasVariable(Group group) {
        for (List<Item> alternative : group.alternatives) {
            for (Item item : alternative) {
                if (item.variable() || (item.atom instanceof Group inner && !inner.lookaround && hasVariable(inner))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether every repetition of {@code group} starts, or ends, with one mandatory literal character that
     * nothing else in the group can match: then each repetition begins (or ends) exactly at such a character.
     */
    private static boolean delimited(Group group) {
        if (group.alternatives.size() != 1) {
            return false;
        }
        List<Item> items = group.alternatives.get(0);
        return !items.isEmpty() && (delimitedBy(items, 0) || delimitedBy(items, items.size() - 1));
    }

    private static boolean delimitedBy(List<Item> items, int at) {
        Item delimiter = items.get(at);
        if (!(delimiter.atom instanceof Literal literal) || delimiter.min != 1 || delimiter.max != 1) {
            return false;
        }
        String c = new String(Character.toChars(literal.codePoint));
        for (int i = 0; i < items.size(); i++) {
            if (i != at && canMatch(items.get(i).atom, c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean canMatch(Atom atom, String c) {
        if (atom instanceof Literal literal) {
            return new String(Character.toChars(literal.codePoint)).equalsIgnoreCase(c);
        }
        if (atom instanceof CharSet set) {
            return Pattern.compile(set.text, FLAGS).matcher(c).matches();
        }
        if (atom instanceof Group group) {
            if (group.lookaround) {
                return false;
            }
            for (List<Item> alternative : group.alternatives) {
                for (Item item : alternative) {
                    if (canMatch(item.atom, c)) {
                        return true;
                    }
                }
            }
            return false;
        }
        return atom instanceof BackReference;
    }

    // ---------------------------------------------------------------------------------------------------
    // A small parser of java.util.regex syntax, enough to see groups, atoms and quantifiers.

    private interface Atom {
    }

    /** One literal character. */
    private record Literal(int codePoint) implements Atom {
    }

    /** One character out of a set: a class, {@code .}, or an escape such as {@code \w}; text compiles alone. */
    private record CharSet(String text) implements Atom {
    }

    /** A back-reference: it can match anything the group it names matched. */
    private record BackReference() implements Atom {
    }

    /** Something that matches no character: an anchor, a boundary, an inline flag. */
    private record Empty() implements Atom {
    }

    private static final class Group implements Atom {
        final List<List<Item>> alternatives = new ArrayList<>();
        boolean atomic;
        boolean lookaround;
    }

    /** An atom with its quantifier ({@code max} -1: unbounded) and where it is written, quantifier included. */
    private record Item(Atom atom, int min, int max, boolean possessive, int start, int end) {
        boolean repeats() {
            return !possessive && (max < 0 || max > 1);
        }

        boolean variable() {
            return !possessive && min != max && !(atom instanceof Empty);
        }
    }

    private static final class Parser {
        private final String s;
        private int i;
        /** Free-spacing mode ({@code (?x)}): whitespace and {@code #} comments separate, but are not, atoms. */
        private boolean comments;

        Parser(String s) {
            this.s = s;
        }

        /** Alternatives up to the closing ')' (consumed) of a group, or to the end of the expression. */
        Group alternatives(boolean inGroup) {
            boolean outerComments = comments; // an inline flag holds to the end of its group
            Group group = new Group();
            List<Item> current = new ArrayList<>();
            group.alternatives.add(current);
            while (skipSpace() < s.length()) {
                char c = s.charAt(i);
                if (c == ')' && inGroup) {
                    i++;
                    comments = outerComments;
                    return group;
                }
                if (c == '|') {
                    i++;
                    current = new ArrayList<>();
                    group.alternatives.add(current);
                    continue;
                }
                int start = i;
                if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'Q') {
                    quoted(current);
                    continue;
                }
                Atom atom = atom();
                current.add(quantified(atom, start));
            }
            return group;
        }

        /** {@code \Q...\E}: each character is a literal; a following quantifier applies to the last. */
        private void quoted(List<Item> items) {
            int end = s.indexOf("\\E", i + 2);
            int stop = end < 0 ? s.length() : end;
            int before = items.size();
            for (int k = i + 2; k < stop; ) {
                int cp = s.codePointAt(k);
                items.add(new Item(new Literal(cp), 1, 1, false, k, k + Character.charCount(cp)));
                k += Character.charCount(cp);
            }
            i = end < 0 ? s.length() : end + 2;
            if (items.size() > before && i < s.length() && "*+?{".indexOf(s.charAt(i)) >= 0) {
                Item last = items.remove(items.size() - 1);
                items.add(quantified(last.atom, last.start));
            }
        }

        private Atom atom() {
            char c = s.charAt(i);
            switch (c) {
                case '(':
                    return group();
                case '[': {
                    int start = i;
                    skipClass();
                    return new CharSet(s.substring(start, i));
                }
                case '.':
                    i++;
                    return new CharSet(".");
                case '^':
                case '$':
                    i++;
                    return new Empty();
                case '\\':
                    return escape();
                default: {
                    int cp = s.codePointAt(i);
                    i += Character.charCount(cp);
                    return new Literal(cp);
                }
            }
        }

        private Atom group() {
            i++; // '('
            Group group;
            if (s.startsWith("?", i)) {
                if (s.startsWith("?:", i) || s.startsWith("?>", i)) {
                    boolean atomic = s.charAt(i + 1) == '>';
                    i += 2;
                    group = alternatives(true);
                    group.atomic = atomic;
                } else if (s.startsWith("?=", i) || s.startsWith("?!", i)) {
                    i += 2;
                    group = alternatives(true);
                    group.lookaround = true;
                } else if (s.startsWith("?<=", i) || s.startsWith("?<!", i)) {
                    i += 3;
                    group = alternatives(true);
                    group.lookaround = true;
                } else if (s.startsWith("?<", i)) {
                    i = past('>'); // a named group
                    group = alternatives(true);
                } else {
                    // inline flags: "(?x)" sets them to the end of the enclosing group and matches nothing;
                    // "(?x:...)" is a group with them
                    int k = i + 1;
                    while (k < s.length() && s.charAt(k) != ')' && s.charAt(k) != ':') {
                        k++;
                    }
                    String flags = s.substring(i + 1, Math.min(k, s.length()));
                    boolean outer = comments;
                    int off = flags.indexOf('-');
                    int x = flags.indexOf('x');
                    if (x >= 0) {
                        comments = off < 0 || x < off;
                    }
                    i = k + 1;
                    if (k < s.length() && s.charAt(k) == ')') {
                        return new Empty();
                    }
                    group = alternatives(true);
                    comments = outer;
                }
            } else {
                group = alternatives(true);
            }
            return group;
        }

        private Atom escape() {
            char n = i + 1 < s.length() ? s.charAt(i + 1) : '\\';
            int start = i;
            i += 2;
            if (!Character.isLetterOrDigit(n)) {
                return new Literal(n);
            }
            switch (n) {
                case 'p', 'P', 'x', 'N' -> {
                    if (i < s.length() && s.charAt(i) == '{') {
                        i = past('}');
                    } else {
                        i += n == 'x' ? 2 : 1;
                    }
                }
                case 'u' -> i += 4;
                case 'c' -> i += 1;
                case '0' -> {
                    while (i < s.length() && i < start + 5 && s.charAt(i) >= '0' && s.charAt(i) <= '7') {
                        i++;
                    }
                }
                case 'k' -> {
                    i = past('>');
                    return new BackReference();
                }
                case 'b', 'B', 'A', 'G', 'Z', 'z' -> {
                    if (n == 'b' && s.startsWith("{g}", i)) {
                        i += 3;
                    }
                    return new Empty();
                }
                default -> {
                    if (n >= '1' && n <= '9') {
                        while (i < s.length() && Character.isDigit(s.charAt(i))) {
                            i++;
                        }
                        return new BackReference();
                    }
                }
            }
            i = Math.min(i, s.length());
            return new CharSet(s.substring(start, i));
        }

        /** The index just after the next {@code c}; an expression without one is invalid. */
        private int past(char c) {
            int at = s.indexOf(c, i);
            if (at < 0) {
                throw new IllegalArgumentException("no '" + c + "' after index " + i);
            }
            return at + 1;
        }

        /** Moves past a character class, nested classes, escapes and quoting included. */
        private void skipClass() {
            int depth = 0;
            i++; // '['
            if (i < s.length() && s.charAt(i) == '^') {
                i++;
            }
            depth++;
            while (i < s.length() && depth > 0) {
                char c = s.charAt(i);
                if (c == '\\' && s.startsWith("Q", i + 1)) {
                    int end = s.indexOf("\\E", i + 2);
                    i = end < 0 ? s.length() : end + 2;
                    continue;
                }
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                }
                i++;
            }
        }

        /** In free-spacing mode, moves past whitespace and {@code #} comments; returns the index reached. */
        private int skipSpace() {
            while (comments && i < s.length()) {
                char c = s.charAt(i);
                if (c == '#') {
                    int eol = s.indexOf('\n', i);
                    i = eol < 0 ? s.length() : eol + 1;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else {
                    break;
                }
            }
            return i;
        }

        private Item quantified(Atom atom, int start) {
            skipSpace(); // "( a + ) +" repeats the group in free-spacing mode
            int min = 1;
            int max = 1;
            boolean quantifier = false;
            if (i < s.length()) {
                char c = s.charAt(i);
                if (c == '*' || c == '+' || c == '?') {
                    min = c == '+' ? 1 : 0;
                    max = c == '?' ? 1 : -1;
                    quantifier = true;
                    i++;
                } else if (c == '{') {
                    int close = s.indexOf('}', i);
                    String[] bounds = s.substring(i + 1, close).split(",", -1);
                    min = Integer.parseInt(bounds[0].trim());
                    max = bounds.length == 1 ? min : bounds[1].isBlank() ? -1 : Integer.parseInt(bounds[1].trim());
                    quantifier = true;
                    i = close + 1;
                }
            }
            boolean possessive = false;
            if (quantifier && i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '?')) {
                possessive = s.charAt(i) == '+'; // '?' makes it lazy, which still backtracks
                i++;
            }
            return new Item(atom, min, max, possessive, start, i);
        }
    }
}
