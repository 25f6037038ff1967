package io.github.gonefilter.registry.table;

import io.github.gonefilter.path.PathCanonicalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path template such as {@code /api/documents/{id}} or {@code /shops/{shop}/items/{item:long}}: literal
 * segments and whole-segment variables, each bound in order to one {@code ?} of the query. A variable's
 * type decides both what it matches and how it is bound: {@code string} (default, any one segment, bound as
 * it is), {@code long} (bound as a {@code long}) or {@code uuid} (bound as a {@link UUID}). A segment matches
 * a typed variable when the application would parse it as that type, and every spelling of one value binds
 * the same value: {@code 1}, {@code +1}, {@code 001} and {@code 0x1} are all the id 1 (see
 * {@link #parseLong}). A path that does not match is never looked up.
 */
final class PathTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::(string|long|uuid))?}");

    enum Type {
        STRING, LONG, UUID
    }

    /** Any one segment: typed variables are told apart by parsing, not by a pattern. */
    private static final String SEGMENT = "([^/]+)";

    private final String template;
    private final Pattern pattern;
    private final boolean caseSensitive;
    private final List<Type> types;
    /** The canonical literal text before each variable, and after the last one. */
    private final List<String> literals;

    PathTemplate(String template, boolean caseSensitive) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/' but was '" + template + "'");
        }
        StringBuilder regex = new StringBuilder();
        List<Type> vars = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String segment : template.substring(1).split("/", -1)) {
            regex.append('/');
            text.append('/');
            Matcher m = VARIABLE.matcher(segment);
            if (m.matches()) {
                Type type = m.group(2) == null ? Type.STRING : Type.valueOf(m.group(2).toUpperCase(Locale.ROOT));
                vars.add(type);
                regex.append(SEGMENT);
                texts.add(text.toString());
                text.setLength(0);
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("path template '" + template + "': a variable must be a whole"
                        + " segment such as {id} or {id:long}, but found '" + segment + "'");
            } else if (segment.isEmpty()) {
                throw new IllegalArgumentException("path template '" + template + "' has an empty segment");
            } else {
                String canonical = PathCanonicalizer.canonicalizeEncoded("/" + segment).substring(1);
                // Case-insensitive: folded one code point at a time, as routers compare (equalsIgnoreCase).
                regex.append(Pattern.quote(caseSensitive ? canonical : PathCanonicalizer.foldCase(canonical)));
                text.append(canonical);
            }
        }
        if (vars.isEmpty()) {
            throw new IllegalArgumentException("path template '" + template + "' has no variable such as {id}");
        }
        this.template = template;
        this.pattern = Pattern.compile(regex.toString());
        this.caseSensitive = caseSensitive;
        this.types = List.copyOf(vars);
        texts.add(text.toString());
        this.literals = List.copyOf(texts);
    }

    int variables() {
        return types.size();
    }

    /**
     * The query parameters for {@code canonicalPath} ({@code String}, {@code Long} or {@link UUID}), or
     * {@code null} if it does not match or a typed variable does not parse.
     */
    Object[] match(String canonicalPath) {
        // Folding keeps every character's position, so the variables are read from the path as it was spelled.
        Matcher m = pattern.matcher(caseSensitive ? canonicalPath : PathCanonicalizer.foldCase(canonicalPath));
        if (!m.matches()) {
            return null;
        }
        Object[] values = new Object[types.size()];
        for (int i = 0; i < values.length; i++) {
            String v = canonicalPath.substring(m.start(i + 1), m.end(i + 1));
            values[i] = switch (types.get(i)) {
                case STRING -> v;
                case LONG -> parseLong(v);
                case UUID -> parseUuid(v);
            };
            if (values[i] == null) {
                return null;
            }
        }
        return values;
    }

    /** The one canonical path of {@code values}: the template's literals, ids written the usual way. */
    String path(Object[] values) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < values.length; i++) {
            out.append(values[i]).append(literals.get(i + 1));
        }
        return out.toString();
    }

    /**
     * A {@code long} the way Spring binds a path variable to one (its {@code NumberUtils.parseNumber}), which
     * accepts everything {@link Long#parseLong} does and more, so no spelling that reaches a Spring or JAX-RS
     * application as an id escapes its tombstone: every whitespace character removed first (anywhere, so
     * {@code "1 2"} is 12), then a hexadecimal number after an optional minus ({@code 0x1F}, {@code 0X1F},
     * {@code #1F}) or a decimal one with an optional sign and any number of leading zeros, in any Unicode
     * decimal digits. Outside the range of {@code long}: {@code null}, not a match.
     */
    static Long parseLong(String segment) {
        String s = segment;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                s = withoutWhitespace(s);
                break;
            }
        }
        int sign = s.startsWith("-") ? 1 : 0;
        try {
            return s.startsWith("0x", sign) || s.startsWith("0X", sign) || s.startsWith("#", sign)
                    ? Long.decode(s) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String withoutWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A UUID the way Spring binds one ({@link UUID#fromString} of the trimmed text), which takes upper case
     * and the short form {@code 1-2-3-4-5} too; {@code null} if it does not parse.
     */
    static UUID parseUuid(String segment) {
        try {
            return java.util.UUID.fromString(segment.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return template;
    }
}
