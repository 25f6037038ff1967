package io.github.gonefilter.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A page for browsers with {@code {{name}}} placeholders, every value HTML-escaped on substitution:
 * <ul>
 * <li>{@code status} ({@code 410}), {@code title} ({@code Gone}, as in the problem details), {@code heading}
 *     (for people: "This page has been removed", "Unavailable for legal reasons");</li>
 * <li>{@code message}, {@code reason}, {@code path} (the canonical path with the context path);</li>
 * <li>{@code alternative}: where the content lives now, ready for {@code href} (a path alternative carries the
 *     context path);</li>
 * <li>{@code deletedAt} (ISO-8601, for {@code <time datetime>}) and {@code deletedDate} (a date for readers,
 *     in the page's language);</li>
 * <li>{@code lang} (the {@code htmlLang} setting) and {@code blockedBy} (on 451 pages, when configured).</li>
 * </ul>
 */
public final class HtmlTemplate {

    public static final Set<String> PLACEHOLDERS = Set.of("status", "title", "heading", "message", "alternative",
            "deletedAt", "deletedDate", "reason", "path", "lang", "blockedBy");

    /**
     * Plain HTML and inline CSS: no script, no external resource, readable on a phone and in dark mode. Its own
     * words are English; {@code lang} declares the language of the tombstones' messages.
     */
    private static final String BUILT_IN = """
            <!DOCTYPE html>
            <html lang="{{lang}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{{heading}}</title>
            <style>
            :root{color-scheme:light dark}
            body{margin:0;background:#f3f4f6;color:#1f2328;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,\
            "Helvetica Neue",Arial,sans-serif}
            main{box-sizing:border-box;max-width:38rem;margin:12vh auto 3rem;padding:2.5rem 2.75rem;background:#fff;\
            border:1px solid #dfe2e6;border-radius:14px;box-shadow:0 1px 3px rgba(0,0,0,.06)}
            h1{margin:0 0 .25rem;font-size:1.9rem;line-height:1.2;letter-spacing:-.01em}
            .status{margin:0 0 1.5rem;color:#59636e;font-size:.9rem}
            p{margin:0 0 1rem}
            .next{margin:1.75rem 0 1.5rem}
            .action{display:inline-block;padding:.75rem 1.35rem;border-radius:8px;background:#0b57d0;color:#fff;\
            font-weight:600;text-decoration:none}
            .action:hover,.action:focus-visible{background:#0842a0}
            .action:focus-visible{outline:3px solid #8ab4f8;outline-offset:2px}
            .where{display:block;margin-top:.5rem;color:#59636e;font-size:.875rem;overflow-wrap:anywhere}
            .meta{margin:0;padding-top:1rem;border-top:1px solid #eaecef;color:#59636e;font-size:.9rem}
            .meta+.meta{border-top:0;padding-top:.25rem}
            .meta a{color:inherit}
            @media (max-width:34rem){main{margin:0;min-height:100vh;padding:2.5rem 1.5rem;border:0;border-radius:0;\
            box-shadow:none}h1{font-size:1.6rem}.action{display:block;text-align:center}}
            @media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}main{background:#161b22;\
            border-color:#30363d}.status,.where,.meta{color:#9198a1}.meta{border-color:#30363d}.action{background:#4493f8;\
            color:#0d1117}.action:hover,.action:focus-visible{background:#79b8ff}}
            </style>
            </head>
            <body>
            <main>
            <h1>{{heading}}</h1>
            <p class="status">Error {{status}}</p>
            <p>{{message}}</p>
            {{?alternative}}<p class="next"><a class="action" href="{{alternative}}">Go to the new page</a>\
            <span class="where">{{alternative}}</span></p>{{/alternative}}
            {{?deletedAt}}<p class="meta">Removed on <time datetime="{{deletedAt}}">{{deletedDate}}</time></p>{{/deletedAt}}
            {{?blockedBy}}<p class="meta">Blocked by <a href="{{blockedBy}}">{{blockedBy}}</a></p>{{/blockedBy}}
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
