package io.github.gonefilter.tombstone;

import io.github.gonefilter.path.PathCanonicalizer;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a tombstone covers: one exact path, an Ant-style glob, or a regular expression. Paths and globs
 * are canonicalized on construction exactly as request paths are, so {@code /blog/café},
 * {@code /blog/caf%C3%A9} and {@code /blog//café/} are the same pattern.
 */
public sealed interface PathPattern permits PathPattern.Exact, PathPattern.Glob, PathPattern.Regex {

    /**
     * The identity of the pattern inside a registry: the canonical path or glob, or {@code regex:} followed
     * by the expression. Burying a tombstone with the same key replaces the previous one.
     */
    String key();

    /** The text as it appears in a tombstone file ({@code path} or {@code regex} member). */
    String source();

    /**
     * An exact path, or a glob if it contains {@code *}: {@code *} matches within one segment, {@code **}
     * (a whole segment) matches any number of segments, including none.
     */
    static PathPattern of(String pathOrGlob) {
        Objects.requireNonNull(pathOrGlob, "path");
        if (pathOrGlob.isBlank()) {
            throw new IllegalArgumentException("path must not be blank");
        }
        String canonical;
        try {
            canonical = PathCanonicalizer.canonicalizeEncoded(pathOrGlob.startsWith("/") ? pathOrGlob : "/" + pathOrGlob);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("path '" + pathOrGlob + "' is not a valid path: " + e.getMessage(), e);
        }
        return canonical.indexOf('*') >= 0 ? new Glob(canonical) : new Exact(canonical);
    }

    /** A regular expression matched against the whole canonical path, with {@code .} matching line terminators. */
    static PathPattern regex(String expression) {
        return new Regex(expression);
    }

    /** One canonical path. */
    record Exact(String path) implements PathPattern {
        public Exact {
            Objects.requireNonNull(path, "path");
            if (!PathCanonicalizer.isCanonical(path)) {
                throw new IllegalArgumentException("path '" + path + "' is not canonical; use PathPattern.of");
            }
        }

        @Override
        public String key() {
            return path;
        }

        @Override
        public String source() {
            return path;
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /** A canonical Ant-style glob. */
    record Glob(String glob) implements PathPattern {
        public Glob {
            Objects.requireNonNull(glob, "glob");
            if (!PathCanonicalizer.isCanonical(glob) || glob.indexOf('*') < 0) {
                throw new IllegalArgumentException("glob '" + glob + "' is not a canonical glob; use PathPattern.of");
            }
            for (String segment : glob.substring(1).split("/")) {
                if (segment.contains("**") && !segment.equals("**")) {
                    throw new IllegalArgumentException(
                            "glob '" + glob + "': '**' must be a whole segment, but found segment '" + segment + "'");
                }
            }
        }

        /** The characters before the first wildcard; a longer literal prefix is more specific. */
        public String literalPrefix() {
            return glob.substring(0, glob.indexOf('*'));
        }

        @Override
        public String key() {
            return glob;
        }

        @Override
        public String source() {
            return glob;
        }

        @Override
        public String toString() {
            return glob;
        }
    }

    /** A regular expression; equality is by expression text. */
    final class Regex implements PathPattern {
        private final String expression;
        private final Pattern compiled;

        Regex(String expression) {
            Objects.requireNonNull(expression, "regex");
            if (expression.isEmpty()) {
                throw new IllegalArgumentException("regex must not be empty");
            }
            try {
                // DOTALL: a %0a in a request path must not slip past '.'.
                this.compiled = Pattern.compile(expression, Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("regex '" + expression + "' is invalid: " + e.getDescription()
                        + " near index " + e.getIndex(), e);
            }
            this.expression = expression;
        }

        public String expression() {
            return expression;
        }

        /** The compiled expression (case-sensitive, DOTALL). */
        public Pattern pattern() {
            return compiled;
        }

        @Override
        public String key() {
            return "regex:" + expression;
        }

        @Override
        public String source() {
            return expression;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Regex other && other.expression.equals(expression);
        }

        @Override
        public int hashCode() {
            return expression.hashCode();
        }

        @Override
        public String toString() {
            return "regex:" + expression;
        }
    }
}
