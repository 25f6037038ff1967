package io.github.gonefilter.registry.table;

import io.github.gonefilter.matching.PathCanonicalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path template such as {@code /api/documents/{id}} or {@code /shops/{shop}/items/{item:long}}: literal
 * segments and whole-segment variables, each bound in order to one {@code ?} of the query. A variable's
 * type decides both what it matches and how it is bound: {@code string} (default, any one segment),
 * {@code long} (an optional minus and up to 18 digits; bound as a {@code long}) or {@code uuid} (bound as a
 * {@link UUID}). A path that does not match is never looked up.
 */
final class PathTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::(string|long|uuid))?}");

    enum Type {
        STRING("[^/]+"), LONG("-?[0-9]{1,18}"), UUID("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

        final String regex;

        Type(String regex) {
            this.regex = regex;
        }
    }

    private final String template;
    private final Pattern pattern;
    private final List<Type> types;

    PathTemplate(String template, boolean caseSensitive) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/' but was '" + template + "'");
        }
        StringBuilder regex = new StringBuilder();
        List<Type> vars = new ArrayList<>();
        for (String segment : template.substring(1).split("/", -1)) {
            regex.append('/');
            Matcher m = VARIABLE.matcher(segment);
            if (m.matches()) {
                Type type = m.group(2) == null ? Type.STRING : Type.valueOf(m.group(2).toUpperCase(Locale.ROOT));
                vars.add(type);
                regex.append('(').append(type.regex).append(')');
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("path template '" + template + "': a variable must be a whole"
                        + " segment such as {id} or {id:long}, but found '" + segment + "'");
            } else if (segment.isEmpty()) {
                throw new IllegalArgumentException("path template '" + template + "' has an empty segment");
            } else {
                String canonical = PathCanonicalizer.canonicalizeEncoded("/" + segment).substring(1);
                regex.append(Pattern.quote(canonical));
            }
        }
        if (vars.isEmpty()) {
            throw new IllegalArgumentException("path template '" + template + "' has no variable such as {id}");
        }
        this.template = template;
        this.pattern = Pattern.compile(regex.toString(), caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.types = List.copyOf(vars);
    }

    int variables() {
        return types.size();
    }

    /** The query parameters for {@code canonicalPath}, or {@code null} if it does not match. */
    Object[] match(String canonicalPath) {
        Matcher m = pattern.matcher(canonicalPath);
        if (!m.matches()) {
            return null;
        }
        Object[] values = new Object[types.size()];
        for (int i = 0; i < values.length; i++) {
            String v = m.group(i + 1);
            values[i] = switch (types.get(i)) {
                case STRING -> v;
                case LONG -> Long.parseLong(v);
                case UUID -> java.util.UUID.fromString(v);
            };
        }
        return values;
    }

    @Override
    public String toString() {
        return template;
    }
}
