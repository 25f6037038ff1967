package io.github.gonefilter.cli;

import dk.brics.automaton.Automaton;
import io.github.gonefilter.cli.pattern.PathSets;
import io.github.gonefilter.cli.pattern.Regex;
import io.github.gonefilter.internal.matching.TombstoneIndex;
import io.github.gonefilter.internal.response.ResponseSettings;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reviewer's warnings about tombstones that load but do not do what their author meant. */
final class Checks {

    /** A warning: its code (stable, for scripts), the line of the tombstone (0 if unknown) and the message. */
    record Warning(String code, int line, String message) {
    }

    /** Finds regexes whose shape makes a backtracking engine take exponential time. */
    interface RegexRisk {
        /** Why {@code regex} is risky, or empty. */
        Optional<String> nestedQuantifier(String regex);
    }

    // TODO(issue 8 item 1): use the matching package's nested-quantifier check once it lands.
    static final RegexRisk NESTED_QUANTIFIERS = Regex::nestedQuantifier;

    private Checks() {
    }

    /** The warnings for {@code entries}, lifetimes judged with the filter's {@code settings}. */
    static List<Warning> check(List<TombstoneFile.Entry> entries, boolean caseSensitive, Instant now,
            ResponseSettings settings) {
        List<Warning> warnings = new ArrayList<>();
        List<Tombstone> all = entries.stream().map(TombstoneFile.Entry::tombstone).toList();
        TombstoneIndex index = TombstoneIndex.of(all, caseSensitive);
        Map<String, TombstoneFile.Entry> byFolded = new HashMap<>();
        for (TombstoneFile.Entry e : entries) {
            Tombstone t = e.tombstone();
            String name = label(t);
            if (!(t.pattern() instanceof PathPattern.Regex)) {
                String folded = caseSensitive ? t.pattern().key() : PathCanonicalizer.foldCase(t.pattern().key());
                TombstoneFile.Entry first = byFolded.putIfAbsent(folded, e);
                if (first != null) {
                    warnings.add(new Warning("same-path", e.line(), name + " covers the same canonical path as "
                            + label(first.tombstone()) + at(first.line()) + " (paths match ignoring case); only the first is used"));
                }
                if (e.writtenPath() != null) {
                    String decoded = decode(e.writtenPath());
                    if (!decoded.equals(t.pattern().source()) && !("/" + decoded).equals(t.pattern().source())) {
                        warnings.add(new Warning("canonicalized", e.line(), "path '" + e.writtenPath()
                                + "' is read as " + t.pattern().source() + " (trailing slash, '//', dot segments, ';' and '\\' are"
                                + " canonicalized away)"));
                    }
                }
            } else {
                Optional<String> risk = NESTED_QUANTIFIERS.nestedQuantifier(((PathPattern.Regex) t.pattern()).expression());
                risk.ifPresent(r -> warnings.add(new Warning("nested-quantifier", e.line(), name + ": " + r
                        + "; on a long path a backtracking match can take exponential time")));
            }
            if (t.goneUntil() != null && !now.isBefore(t.goneUntil())) {
                warnings.add(new Warning("gone-until-past", e.line(), name + ": goneUntil " + t.goneUntil()
                        + " has passed; the tombstone no longer applies"));
            }
            Duration maxAge = LifetimeOptions.lifetime(t, settings);
            if (t.goneUntil() != null && now.isBefore(t.goneUntil())) {
                Instant from = t.goneFrom() != null && t.goneFrom().isAfter(now) ? t.goneFrom() : now;
                Duration left = Duration.between(from, t.goneUntil());
                if (maxAge.compareTo(left) > 0) {
                    warnings.add(new Warning("max-age-beyond-gone-until", e.line(), name + ": maxAge " + text(maxAge)
                            + " is longer than the " + text(left) + " until goneUntil; the filter shortens it to the time left"));
                }
            }
            if (t.restorable() && maxAge.compareTo(settings.restorableMaxAge()) > 0) {
                warnings.add(new Warning("restorable-long-lifetime", e.line(), name + " is restorable but cached for "
                        + text(maxAge) + ", longer than restorableMaxAge " + text(settings.restorableMaxAge())
                        + "; caches keep answering 410 that long after a restore"));
            }
            URI alternative = t.alternative();
            if (alternative != null && !alternative.isAbsolute() && alternative.getRawPath() != null) {
                try {
                    String path = PathCanonicalizer.canonicalizeEncoded(alternative.getRawPath());
                    index.find(path, now).filter(x -> x.isActiveAt(now)).ifPresent(x -> warnings.add(new Warning(
                            "alternative-gone", e.line(), name + ": its alternative " + alternative + " is itself gone ("
                            + label(x) + ")")));
                } catch (IllegalArgumentException ignored) {
                    // the tombstone's own validation already refuses such an alternative
                }
            }
        }
        shadowed(entries, caseSensitive, warnings);
        warnings.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return warnings;
    }

    /**
     * A glob or regex that never wins: every path it matches is matched by one that ranks above it (an earlier
     * regex; a glob with a longer literal prefix, or the same and declared first; any glob over a regex) and
     * is in force whenever it is. Decided with automata; patterns beyond them are not reported.
     */
    private static void shadowed(List<TombstoneFile.Entry> entries, boolean caseSensitive, List<Warning> warnings) {
        if (!caseSensitive) {
            return; // folding is not modelled in the automata; no false alarms
        }
        List<Automaton> automata = new ArrayList<>();
        for (TombstoneFile.Entry e : entries) {
            automata.add(automaton(e.tombstone().pattern()));
        }
        for (int i = 0; i < entries.size(); i++) {
            Tombstone t = entries.get(i).tombstone();
            if (t.pattern() instanceof PathPattern.Exact || automata.get(i) == null) {
                continue;
            }
            Automaton rest = automata.get(i).intersection(PathSets.canonicalPaths());
            List<String> winners = new ArrayList<>();
            for (int j = 0; j < entries.size() && !rest.isEmpty(); j++) {
                Tombstone s = entries.get(j).tombstone();
                if (j == i || automata.get(j) == null || !beats(s, j, t, i) || !covers(s, t)) {
                    continue;
                }
                Automaton next = rest.minus(automata.get(j));
                if (!next.equals(rest)) {
                    winners.add(label(s) + at(entries.get(j).line()));
                }
                rest = next;
            }
            if (rest.isEmpty() && !winners.isEmpty()) {
                warnings.add(new Warning("shadowed", entries.get(i).line(), label(t) + " never wins: "
                        + String.join(", ", winners) + " win on every path it matches"));
            }
        }
    }

    private static boolean beats(Tombstone s, int j, Tombstone t, int i) {
        PathPattern a = s.pattern();
        PathPattern b = t.pattern();
        if (a instanceof PathPattern.Exact) {
            return true;
        }
        if (a instanceof PathPattern.Glob ga) {
            if (b instanceof PathPattern.Regex) {
                return true;
            }
            if (b instanceof PathPattern.Glob gb) {
                int la = ga.literalPrefix().length();
                int lb = gb.literalPrefix().length();
                return la > lb || (la == lb && j < i);
            }
            return false;
        }
        return b instanceof PathPattern.Regex && j < i;
    }

    /** Whether {@code s} is in force at every instant {@code t} is (so it wins whenever both match). */
    private static boolean covers(Tombstone s, Tombstone t) {
        boolean from = s.goneFrom() == null || (t.goneFrom() != null && !t.goneFrom().isBefore(s.goneFrom()));
        boolean until = s.goneUntil() == null || (t.goneUntil() != null && !t.goneUntil().isAfter(s.goneUntil()));
        return from && until;
    }

    /** The paths {@code pattern} matches (case-sensitively), or {@code null} for a regex beyond automata. */
    static Automaton automaton(PathPattern pattern) {
        if (pattern instanceof PathPattern.Exact e) {
            return dk.brics.automaton.BasicAutomata.makeString(e.path());
        }
        if (pattern instanceof PathPattern.Glob g) {
            return globAutomaton(g.glob());
        }
        try {
            String expression = ((PathPattern.Regex) pattern).expression();
            return Regex.parse("\\A(?:" + expression + ")\\z", Regex.Dialect.TOMBSTONE, false).toAutomaton();
        } catch (Regex.UnsupportedRegexException e) {
            return null;
        }
    }

    /** A glob as the filter reads it: '*' within a segment, a '**' segment any number of segments. */
    static Automaton globAutomaton(String glob) {
        Automaton segmentChar = dk.brics.automaton.BasicAutomata.makeCharRange('\u0000', '.')
                .union(dk.brics.automaton.BasicAutomata.makeCharRange('0', '\uffff'));
        Automaton slash = dk.brics.automaton.BasicAutomata.makeChar('/');
        Automaton result = dk.brics.automaton.BasicAutomata.makeEmptyString();
        String[] segments = glob.substring(1).split("/", -1);
        for (String segment : segments) {
            if (segment.equals("**")) {
                result = result.concatenate(slash.concatenate(segmentChar.repeat(1)).repeat());
                continue;
            }
            Automaton s = dk.brics.automaton.BasicAutomata.makeEmptyString();
            for (char c : segment.toCharArray()) {
                s = s.concatenate(c == '*' ? segmentChar.repeat() : dk.brics.automaton.BasicAutomata.makeChar(c));
            }
            result = result.concatenate(slash).concatenate(s);
        }
        if (glob.equals("/**")) {
            result = result.union(slash);
        }
        return result;
    }

    /** P30D rather than PT720H: lifetimes are read in days. */
    static String text(Duration d) {
        return d.toSeconds() % 86400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    static String label(Tombstone t) {
        PathPattern p = t.pattern();
        return p instanceof PathPattern.Regex r ? "regex " + r.expression() : p instanceof PathPattern.Glob ? "glob " + p.source()
                : "path " + p.source();
    }

    private static String at(int line) {
        return line > 0 ? " (line " + line + ")" : "";
    }

    private static String decode(String written) {
        try {
            return URLDecoder.decode(written.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return written;
        }
    }
}
