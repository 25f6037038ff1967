package io.github.gonefilter.cli.pattern;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A set of canonical request paths, composed the way a web server decides which rule answers: one path, the
 * paths under a prefix, the paths a regex is found in, and intersections and differences of those. Each set
 * renders as a tombstone: an exact path or glob where one means exactly the set, else a Java regex over the
 * whole path (the only form that can express "this prefix, except where that rule wins").
 */
public sealed interface PathSet permits PathSet.Exact, PathSet.StartsWith, PathSet.Segments, PathSet.Found,
        PathSet.Except, PathSet.AnyOf, PathSet.Under, PathSet.JavaFound {

    /** A full-match Java expression for the set (the filter compiles tombstone regexes with DOTALL). */
    String regex();

    /** An exact path or glob meaning exactly this set, if there is one. */
    Optional<String> glob();

    /** The set as an automaton over characters, or {@code null} if it cannot be built. */
    Automaton automaton();

    /** Exactly {@code path}. */
    record Exact(String path) implements PathSet {
        @Override
        public String regex() {
            return Regex.quote(path);
        }

        @Override
        public Optional<String> glob() {
            return path.indexOf('*') < 0 && PathCanonicalizer.isCanonical(path)
                    ? Optional.of(PathCanonicalizer.encode(path)) : Optional.empty();
        }

        @Override
        public Automaton automaton() {
            return BasicAutomata.makeString(path);
        }
    }

    /** Every path starting with {@code prefix}, as nginx matches a prefix location. */
    record StartsWith(String prefix) implements PathSet {
        @Override
        public String regex() {
            return Regex.quote(prefix) + ".*";
        }

        @Override
        public Optional<String> glob() {
            if (prefix.equals("/")) {
                return Optional.of("/**");
            }
            return checkedGlob(prefix + "*/**");
        }

        @Override
        public Automaton automaton() {
            return BasicAutomata.makeString(prefix).concatenate(BasicAutomata.makeAnyString());
        }
    }

    /**
     * {@code prefix} and the paths below it, as Apache's {@code Redirect} and {@code <Location>} match: the
     * prefix must end at a segment boundary unless it ends with a slash.
     */
    record Segments(String prefix) implements PathSet {
        @Override
        public String regex() {
            return prefix.endsWith("/") ? Regex.quote(prefix) + ".*" : Regex.quote(prefix) + "(?:/.*)?";
        }

        @Override
        public Optional<String> glob() {
            if (prefix.endsWith("/")) {
                return new StartsWith(prefix).glob();
            }
            return checkedGlob(prefix + "/**");
        }

        @Override
        public Automaton automaton() {
            if (prefix.endsWith("/")) {
                return new StartsWith(prefix).automaton();
            }
            Automaton below = BasicAutomata.makeChar('/').concatenate(BasicAutomata.makeAnyString()).optional();
            return BasicAutomata.makeString(prefix).concatenate(below);
        }
    }

    /** The paths in which {@code regex} finds a match, as the server searches for it. */
    record Found(Regex expression) implements PathSet {
        @Override
        public String regex() {
            return expression.toTombstoneRegex();
        }

        @Override
        public Optional<String> glob() {
            return Optional.empty();
        }

        @Override
        public Automaton automaton() {
            return expression.toAutomaton();
        }
    }

    /** The paths of {@code base} that none of {@code excluded} holds: a rule minus the rules that win over it. */
    record Except(PathSet base, List<PathSet> excluded) implements PathSet {
        public Except {
            excluded = List.copyOf(excluded);
        }

        @Override
        public String regex() {
            StringBuilder out = new StringBuilder();
            for (PathSet e : excluded) {
                out.append("(?!(?:").append(e.regex()).append(")\\z)");
            }
            return out.append("(?:").append(base.regex()).append(')').toString();
        }

        @Override
        public Optional<String> glob() {
            return excluded.isEmpty() ? base.glob() : Optional.empty();
        }

        @Override
        public Automaton automaton() {
            Automaton result = base.automaton();
            for (PathSet e : excluded) {
                Automaton a = e.automaton();
                if (result == null || a == null) {
                    return null;
                }
                result = result.minus(a);
            }
            return result;
        }
    }

    /** The union of {@code members}. */
    record AnyOf(List<PathSet> members) implements PathSet {
        public AnyOf {
            members = List.copyOf(members);
        }

        @Override
        public String regex() {
            if (members.isEmpty()) {
                return "(?!)";
            }
            List<String> parts = new ArrayList<>();
            members.forEach(m -> parts.add("(?:" + m.regex() + ")"));
            return String.join("|", parts);
        }

        @Override
        public Optional<String> glob() {
            return members.size() == 1 ? members.get(0).glob() : Optional.empty();
        }

        @Override
        public Automaton automaton() {
            Automaton result = BasicAutomata.makeEmpty();
            for (PathSet m : members) {
                Automaton a = m.automaton();
                if (a == null) {
                    return null;
                }
                result = result.union(a);
            }
            return result;
        }
    }

    /** {@code glob} if the library reads it back unchanged (no dot segment, no literal '*' before it). */
    private static Optional<String> checkedGlob(String glob) {
        String body = glob.substring(0, glob.indexOf("*"));
        if (body.indexOf('*') >= 0 || body.indexOf('%') >= 0 || body.indexOf(';') >= 0 || body.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        try {
            return PathPattern.of(glob).source().equals(glob) ? Optional.of(glob) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The paths under {@code directory} (ending with '/') whose rest is in {@code rest}: a per-directory rule. */
    record Under(String directory, PathSet rest) implements PathSet {
        @Override
        public String regex() {
            String inner = rest instanceof Found f ? f.expression().toTombstoneRegex(directory) : rest.regex();
            return Regex.quote(directory) + "(?:" + inner + ")";
        }

        @Override
        public Optional<String> glob() {
            return Optional.empty();
        }

        @Override
        public Automaton automaton() {
            Automaton a = rest.automaton();
            return a == null ? null : BasicAutomata.makeString(directory).concatenate(a);
        }
    }

    /**
     * The paths in which a java.util.regex expression (as Tuckey uses it) finds a match. The expression is kept
     * verbatim, with DOTALL switched off for it as its source compiled it without.
     */
    record JavaFound(String expression, boolean ignoreCase) implements PathSet {
        @Override
        public String regex() {
            return "(?s:.*?)(?" + (ignoreCase ? "i" : "") + "-s:" + expression + ")(?s:.*)";
        }

        @Override
        public Optional<String> glob() {
            return Optional.empty();
        }

        @Override
        public Automaton automaton() {
            try {
                return Regex.parse(expression, Regex.Dialect.JAVA, ignoreCase).toAutomaton();
            } catch (Regex.UnsupportedRegexException e) {
                return null;
            }
        }
    }
}
