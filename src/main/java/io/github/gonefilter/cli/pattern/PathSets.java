package io.github.gonefilter.cli.pattern;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import io.github.gonefilter.cli.pattern.PathSet.Exact;
import io.github.gonefilter.cli.pattern.PathSet.Segments;
import io.github.gonefilter.cli.pattern.PathSet.StartsWith;
import java.util.Optional;

/** Questions about {@link PathSet}s, answered over canonical paths only. */
public final class PathSets {

    private PathSets() {
    }

    /** Exactly {@code path}, ignoring the case of ASCII letters (nginx map keys, Redirection's case flag). */
    public static PathSet exactIgnoringAsciiCase(String path) {
        if (!path.matches("(?s).*[A-Za-z].*")) {
            return new Exact(path);
        }
        try {
            return new PathSet.Found(Regex.parse("\\A" + Regex.escape(path) + "\\z", Regex.Dialect.TOMBSTONE, true));
        } catch (Regex.UnsupportedRegexException e) {
            throw new IllegalStateException("an escaped literal is always supported", e);
        }
    }

    /** Every canonical path: the only spellings a tombstone is ever matched against. */
    public static Automaton canonicalPaths() {
        return Canonical.PATHS;
    }

    /**
     * Whether the set holds no canonical path; empty if that cannot be decided (a regex beyond automata).
     */
    public static Optional<Boolean> isEmpty(PathSet set) {
        Automaton a = set.automaton();
        return a == null ? Optional.empty() : Optional.of(a.intersection(Canonical.PATHS).isEmpty());
    }

    /** Whether {@code a} and {@code b} share a canonical path; {@code true} when it cannot be decided. */
    public static boolean mayOverlap(PathSet a, PathSet b) {
        if (a instanceof Exact x && b instanceof Exact y) {
            return x.path().equals(y.path());
        }
        if (a instanceof Exact x && (b instanceof StartsWith || b instanceof Segments)) {
            return b.automaton().run(x.path());
        }
        if (b instanceof Exact && (a instanceof StartsWith || a instanceof Segments)) {
            return mayOverlap(b, a);
        }
        Automaton x = a.automaton();
        Automaton y = b.automaton();
        return x == null || y == null || !x.intersection(y).intersection(Canonical.PATHS).isEmpty();
    }

    /**
     * Whether some string, canonical or not, may be in both sets: where a server sends a rewritten or redirected
     * URI, which it does not canonicalize first. {@code true} when it cannot be decided.
     */
    public static boolean mayShare(PathSet a, PathSet b) {
        Automaton x = a.automaton();
        Automaton y = b.automaton();
        return x == null || y == null || !x.intersection(y).isEmpty();
    }

    /** The paths in both {@code a} and {@code b}: one of them where it holds the other, so that a glob stays a glob. */
    public static PathSet both(PathSet a, PathSet b) {
        Automaton x = a.automaton();
        Automaton y = b.automaton();
        if (x != null && y != null) {
            if (y.subsetOf(x)) {
                return b;
            }
            if (x.subsetOf(y)) {
                return a;
            }
        }
        return new PathSet.Except(a, java.util.List.of(new PathSet.Except(a, java.util.List.of(b))));
    }

    /**
     * The URIs a server may make of {@code template} (a rewrite's substitution, an error page, a fallback): its text
     * up to any query string, each match of {@code variable} standing for any text. Empty if the template cannot be
     * read as a path.
     */
    public static Optional<PathSet> template(String template, java.util.regex.Pattern variable) {
        int query = template.indexOf('?');
        String path = query >= 0 ? template.substring(0, query) : template;
        StringBuilder regex = new StringBuilder("\\A");
        java.util.regex.Matcher m = variable.matcher(path);
        int at = 0;
        while (m.find()) {
            regex.append(Regex.escape(path.substring(at, m.start()))).append(".*"); // the dialect has DOTALL
            at = m.end();
        }
        regex.append(Regex.escape(path.substring(at))).append("\\z");
        try {
            return Optional.of(new PathSet.Found(Regex.parse(regex.toString(), Regex.Dialect.TOMBSTONE, false)));
        } catch (Regex.UnsupportedRegexException e) {
            return Optional.empty();
        }
    }

    /** Lazily built: brics automata are costly to make. */
    private static final class Canonical {
        static final Automaton PATHS;

        static {
            Automaton segmentChar = BasicAutomata.makeCharRange('\u0001', '.')
                    .union(BasicAutomata.makeCharRange('0', '['))
                    .union(BasicAutomata.makeCharRange(']', '\uffff'));
            Automaton segment = segmentChar.repeat(1)
                    .minus(BasicAutomata.makeString("."))
                    .minus(BasicAutomata.makeString(".."));
            Automaton slash = BasicAutomata.makeChar('/');
            PATHS = slash.union(slash.concatenate(segment).repeat(1));
        }

        private Canonical() {
        }
    }
}
