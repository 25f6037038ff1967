package io.github.gonefilter.purge;

import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one tombstone pattern covers, in the terms caches use, for {@link CachePurger}s: the URL of an exact path,
 * the URL prefix of a glob's or regex's literal directory, a regular expression over URLs, and surrogate keys.
 *
 * <p>Caches key their entries by the URL as the client spelled it, while the filter matches canonical paths. A
 * URL or prefix purge therefore reaches the canonical spelling (and, for the regex, the usual variants: a trailing
 * slash, path parameters, a query string, either case); other spellings ({@code //a}, {@code /%61}, {@code /./a})
 * are reached only through {@link #surrogateKeys() surrogate keys}, which the filter puts on every response when
 * configured to.
 */
public final class PurgeScope {

    /** After the path: an optional trailing slash, then path parameters or a query string. */
    private static final String URL_SUFFIX = "/?(?:[;?].*)?$";

    private final PathPattern pattern;
    private final String contextPath;
    private final String directory;

    private PurgeScope(PathPattern pattern, String contextPath) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.contextPath = normalizeContextPath(Objects.requireNonNull(contextPath, "contextPath"));
        this.directory = literalDirectory(pattern);
    }

    /**
     * @param pattern     a tombstone's pattern
     * @param contextPath the application's context path, {@code ""} at the root
     */
    public static PurgeScope of(PathPattern pattern, String contextPath) {
        return new PurgeScope(pattern, contextPath);
    }

    public PathPattern pattern() {
        return pattern;
    }

    /** For an exact path: the URL path caches hold it under: the context path plus the percent-encoded path. */
    public Optional<String> url() {
        return pattern instanceof PathPattern.Exact exact ? Optional.of(urlPath(exact.path())) : Optional.empty();
    }

    /**
     * The URL path that every path the pattern covers starts with, ending at a segment boundary: for
     * {@code /blog/**} and {@code /blog/2019-*} it is {@code /blog}; for a regex, the directory of its literal
     * beginning ({@code /promo} for {@code /promo/20(19|20)/.*}), or the application's root when it has none. For
     * an exact path, the path itself.
     */
    public String prefix() {
        return urlPath(directory);
    }

    /**
     * A regular expression (PCRE and Java alike) over request targets as a cache sees them (path and query, e.g.
     * Varnish's {@code req.url}) that matches the usual spellings of every covered path: percent-encoded as browsers
     * do, in either case, with or without a trailing slash, path parameters and query string. It contains no
     * whitespace and no double quotes. For a regex tombstone it is the tombstone's expression run over the encoded
     * URL: exact for paths that need no percent-encoding, approximate for others; where the expression uses what
     * PCRE (Varnish) would read differently or refuse, or anchors inside it, it is every URL under the regex's
     * literal directory instead (see {@link #urlRegexExact()}): broader, never narrower.
     */
    public String urlRegex() {
        String start = "(?i)^" + literal(PathCanonicalizer.toUriPath(contextPath));
        if (pattern instanceof PathPattern.Exact exact) {
            return start + literal(PathCanonicalizer.toUriPath(exact.path())) + URL_SUFFIX;
        }
        if (pattern instanceof PathPattern.Glob glob) {
            return start + globRegex(glob.glob()) + URL_SUFFIX;
        }
        PathPattern.Regex regex = (PathPattern.Regex) pattern;
        String expression = withoutAnchors(regex.expression());
        if (!PortableRegex.isPortable(expression)) {
            String directoryPath = directory.equals("/") ? "" : PathCanonicalizer.toUriPath(directory);
            return "(?s)" + start + literal(directoryPath) + "(?:[/;?].*)?$";
        }
        return "(?s)" + start + "(?:" + encodeForUrls(expression) + ")" + URL_SUFFIX;
    }

    /**
     * Whether {@link #urlRegex()} is the pattern itself (true for exact paths and globs), or, for a regex that PCRE
     * would read differently from Java or that anchors inside itself, the broader ban of its literal directory.
     */
    public boolean urlRegexExact() {
        return !(pattern instanceof PathPattern.Regex regex) || PortableRegex.isPortable(withoutAnchors(regex.expression()));
    }

    /**
     * The surrogate keys (as the filter tags responses with {@code surrogateKeys} on) whose purge removes every
     * cached answer for every covered path, whatever its spelling: the path's key for an exact path; for a glob or
     * regex, the keys of its literal directory, which also remove its siblings.
     */
    public List<String> surrogateKeys() {
        if (pattern instanceof PathPattern.Exact exact) {
            return List.of(SurrogateKeys.pathKey(contextPath, exact.path()));
        }
        return SurrogateKeys.forDirectory(contextPath, directory);
    }

    /** The context path, canonical ({@code ""} for the root), and {@code canonicalPath} below it. */
    static String fullPath(String contextPath, String canonicalPath) {
        String context = normalizeContextPath(contextPath);
        if (context.isEmpty()) {
            return canonicalPath;
        }
        return canonicalPath.equals("/") ? context : context + canonicalPath;
    }

    private String urlPath(String canonicalPath) {
        return PathCanonicalizer.toUriPath(contextPath) + PathCanonicalizer.toUriPath(canonicalPath);
    }

    private static String normalizeContextPath(String contextPath) {
        if (contextPath.isEmpty() || contextPath.equals("/")) {
            return "";
        }
        String canonical = PathCanonicalizer.canonicalizeDecoded(contextPath);
        return canonical.equals("/") ? "" : canonical;
    }

    /** The canonical directory every covered path lies at or below. */
    private static String literalDirectory(PathPattern pattern) {
        if (pattern instanceof PathPattern.Exact exact) {
            return exact.path();
        }
        String literal = pattern instanceof PathPattern.Glob glob ? glob.literalPrefix()
                : regexLiteralPrefix(((PathPattern.Regex) pattern).expression());
        int slash = literal.lastIndexOf('/');
        if (!literal.startsWith("/") || slash <= 0) {
            return "/";
        }
        return PathCanonicalizer.canonicalizeDecoded(literal.substring(0, slash));
    }

    /**
     * The characters every match of {@code expression} starts with, read conservatively: up to the first
     * metacharacter, without a character a quantifier applies to, and nothing at all if there is an alternation
     * anywhere (it might be at the top level).
     */
    static String regexLiteralPrefix(String expression) {
        if (expression.indexOf('|') >= 0) {
            return "";
        }
        String metacharacters = "\\^$.|?*+()[]{}";
        StringBuilder literal = new StringBuilder();
        int i = expression.startsWith("^") ? 1 : 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (metacharacters.indexOf(c) >= 0 || Character.isHighSurrogate(c) || Character.isWhitespace(c)) {
                break;
            }
            if (i + 1 < expression.length() && "?*+{".indexOf(expression.charAt(i + 1)) >= 0) {
                break;
            }
            literal.append(c);
            i++;
        }
        return literal.toString();
    }

    /** A canonical glob over percent-encoded URL paths: {@code *} within a segment, {@code **} across them. */
    private static String globRegex(String glob) {
        StringBuilder out = new StringBuilder();
        for (String segment : glob.substring(1).split("/", -1)) {
            if (segment.equals("**")) {
                out.append("(?:/[^?]*)?");
                continue;
            }
            out.append('/');
            String[] parts = segment.split("\\*", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    out.append("[^/?]*");
                }
                out.append(literal(PathCanonicalizer.toUriPath(parts[i])));
            }
        }
        return out.toString();
    }

    /**
     * Quotes percent-encoded text for a regex without backslashes (Varnish ban expressions and VCL strings pass
     * them on, but other tools may not): the metacharacters {@code toUriPath} leaves alone become character classes.
     */
    private static String literal(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length() + 8);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (".$()*+".indexOf(c) >= 0) {
                out.append('[').append(c).append(']');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Without a leading {@code ^} and an unescaped trailing {@code $}: the expression is embedded in a longer one. */
    private static String withoutAnchors(String expression) {
        String e = expression.startsWith("^") ? expression.substring(1) : expression;
        if (e.endsWith("$")) {
            int backslashes = 0;
            for (int i = e.length() - 2; i >= 0 && e.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            if (backslashes % 2 == 0) {
                e = e.substring(0, e.length() - 1);
            }
        }
        return e;
    }

    /**
     * The expression's literal non-ASCII characters, whitespace, controls and double quotes as browsers send them
     * (UTF-8, percent-encoded), so the expression applies to encoded URLs and fits in a header and a ban.
     */
    private static String encodeForUrls(String expression) {
        StringBuilder out = new StringBuilder(expression.length() + 16);
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c > ' ' && c < 0x7f && c != '"') {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < expression.length() ? i + 2 : i + 1;
            for (byte b : expression.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
            i = end - 1;
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return pattern + (contextPath.isEmpty() ? "" : " under " + contextPath);
    }
}
