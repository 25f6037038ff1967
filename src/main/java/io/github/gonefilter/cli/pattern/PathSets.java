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
