package io.github.gonefilter.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A page for browsers with {@code {{name}}} placeholders, every value HTML-escaped on substitution:
 * {@code status}, {@code title}, {@code message}, {@code alternative}, {@code deletedAt}, {@code reason},
 * {@code path}.
 */
public final class HtmlTemplate {

    public static final Set<String> PLACEHOLDERS =
            Set.of("status", "title", "message", "alternative", "deletedAt", "reason", "path");

    private static final String BUILT_IN = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{{status}} {{title}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;\
            color:#222}h1{font-size:1.6rem}p{line-height:1.5}.meta{color:#666;font-size:.9rem}</style>
            </head>
            <body>
            <main>
            <h1>{{status}} {{title}}</h1>
            <p>{{message}}</p>
            {{?alternative}}<p>You may find what you were looking for at <a href="{{alternative}}">{{alternative}}</a>.</p>{{/alternative}}
            {{?deletedAt}}<p class="meta">Removed {{deletedAt}}</p>{{/deletedAt}}
            </main>
            </body>
            </html>
            """;

    private final List<Part> parts;

    private HtmlTemplate(List<Part> parts) {
        this.parts = parts;
    }

    /** The built-in page. */
    public static HtmlTemplate builtIn() {
        return parse(BUILT_IN);
    }

    /**
     * Parses a template. Besides {@code {{name}}}, {@code {{?name}}...{{/name}}} keeps its content only when
     * the value is present.
     *
     * @throws IllegalArgumentException naming an unknown placeholder or an unclosed section
     */
    public static HtmlTemplate parse(String template) {
        Objects.requireNonNull(template, "template");
        List<Part> parts = new ArrayList<>();
        parseInto(template, 0, template.length(), parts);
        return new HtmlTemplate(List.copyOf(parts));
    }

    private static void parseInto(String t, int from, int to, List<Part> parts) {
        int i = from;
        while (i < to) {
            int open = t.indexOf("{{", i);
            if (open < 0 || open >= to) {
                parts.add(new Literal(t.substring(i, to)));
                return;
            }
            if (open > i) {
                parts.add(new Literal(t.substring(i, open)));
            }
            int close = t.indexOf("}}", open);
            if (close < 0 || close > to) {
                throw new IllegalArgumentException("unclosed '{{' at offset " + open);
            }
            String name = t.substring(open + 2, close).trim();
            if (name.startsWith("?")) {
                String section = name.substring(1).trim();
                checkName(section, open);
                String end = "{{/" + section + "}}";
                int endAt = t.indexOf(end, close + 2);
                if (endAt < 0 || endAt > to) {
                    throw new IllegalArgumentException("section '{{?" + section + "}}' at offset " + open
                            + " has no '" + end + "'");
                }
                List<Part> inner = new ArrayList<>();
                parseInto(t, close + 2, endAt, inner);
                parts.add(new Section(section, List.copyOf(inner)));
                i = endAt + end.length();
            } else {
                checkName(name, open);
                parts.add(new Placeholder(name));
                i = close + 2;
            }
        }
    }

    private static void checkName(String name, int offset) {
        if (!PLACEHOLDERS.contains(name)) {
            throw new IllegalArgumentException("unknown placeholder '{{" + name + "}}' at offset " + offset
                    + "; known: " + PLACEHOLDERS);
        }
    }

    /** Renders with {@code values} (absent or {@code null} values render empty), escaping every value. */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder(1024);
        renderParts(parts, values, out);
        return out.toString();
    }

    private static void renderParts(List<Part> parts, Map<String, String> values, StringBuilder out) {
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text);
            } else if (part instanceof Placeholder p) {
                out.append(Html.escape(values.get(p.name)));
            } else if (part instanceof Section s) {
                String value = values.get(s.name);
                if (value != null && !value.isEmpty()) {
                    renderParts(s.parts, values, out);
                }
            }
        }
    }

    private sealed interface Part permits Literal, Placeholder, Section {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String name) implements Part {
    }

    private record Section(String name, List<Part> parts) implements Part {
    }
}
