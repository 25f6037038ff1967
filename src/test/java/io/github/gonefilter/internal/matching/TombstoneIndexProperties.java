package io.github.gonefilter.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The index agrees with a reference matcher that tries every tombstone one by one. */
class TombstoneIndexProperties {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> SEGMENTS = List.of("a", "b", "ab", "x.php", "*", "**", "a*", "*b", "*.php");

    @Provide
    Arbitrary<String> globsAndPaths() {
        return Arbitraries.of(SEGMENTS).list().ofMinSize(0).ofMaxSize(4).map(s -> "/" + String.join("/", s));
    }

    @Provide
    Arbitrary<List<String>> patternLists() {
        return globsAndPaths().list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("a", "b", "ab", "x.php", "abb", "c").list().ofMaxSize(5)
                .map(s -> s.isEmpty() ? "/" : "/" + String.join("/", s));
    }

    /**
     * Shapes that made the old backtracking matcher explode: several stars in one segment, pieces that
     * overlap themselves ({@code aa}, {@code aba}), several {@code **}, the same segment repeated.
     */
    private static final List<String> ADVERSARIAL_SEGMENTS = List.of("a", "aa", "ab", "*", "**", "*a*", "*a*a*",
            "a*a", "*aa*b", "*ab*ab*", "a*b*a", "*b", "ab*", "*a*b*a*");

    @Provide
    Arbitrary<List<String>> adversarialPatternLists() {
        return Arbitraries.of(ADVERSARIAL_SEGMENTS).list().ofMinSize(1).ofMaxSize(5)
                .map(s -> "/" + String.join("/", s)).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> adversarialPaths() {
        return Arbitraries.of("a", "aa", "ab", "aab", "aba", "abab", "aaab", "ba", "b", "abba", "aabab")
                .list().ofMaxSize(7).map(s -> s.isEmpty() ? "/" : "/" + String.join("/", s));
    }

    /** Many wildcard segments under one node, so that they are looked up by their literal ends, not one by one. */
    @Provide
    Arbitrary<List<String>> siblingPatternLists() {
        Arbitrary<String> segment = Arbitraries.of("*", "a*", "*a", "ab*", "*ab", "a*b", "b*a", "*b*", "a*a*a",
                "ba*", "*ba", "aa*bb", "*aab", "b*", "*b", "a*ba*b", "x.*", "*.php");
        return Combinators.combine(Arbitraries.of("", "/a", "/**"), segment.list().ofMinSize(1).ofMaxSize(2))
                .as((parent, s) -> parent + "/" + String.join("/", s))
                .list().ofMinSize(4).ofMaxSize(24);
    }

    /**
     * Many wildcard segments that share both literal ends (or have none), so that they are indexed by their
     * longest middle piece: pieces that overlap and contain one another, several pieces per segment.
     */
    @Provide
    Arbitrary<List<String>> sharedEndsPatternLists() {
        Arbitrary<String> middle = Arbitraries.of("a", "b", "ab", "ba", "aa", "aba", "bab", "abab")
                .list().ofMinSize(0).ofMaxSize(3).map(pieces -> "*" + String.join("*", pieces) + (pieces.isEmpty() ? "" : "*"));
        Arbitrary<String> segment = Combinators.combine(Arbitraries.of("", "", "x"), middle, Arbitraries.of("", "", "b"))
                .as((prefix, m, suffix) -> prefix + m + suffix);
        return Combinators.combine(Arbitraries.of("", "/a", "/**"), segment)
                .as((parent, seg) -> parent + "/" + seg)
                .list().ofMinSize(5).ofMaxSize(30);
    }

    @Property(tries = 2000)
    void indexAgreesWithManySiblingsSharingTheirEnds(
            @ForAll("sharedEndsPatternLists") List<String> patterns, @ForAll("adversarialPaths") String path) {
        assertAgrees(patterns, path, true);
    }

    @Property(tries = 1000)
    void indexAgreesWithManySiblingsSharingTheirEndsUnderX(
            @ForAll("sharedEndsPatternLists") List<String> patterns, @ForAll("adversarialPaths") String path,
            @ForAll boolean withX, @ForAll boolean withB) {
        assertAgrees(patterns, (withX ? path.replaceFirst("/(?=[^/]*$)", "/x") : path) + (withB ? "b" : ""), true);
    }

    @Provide
    Arbitrary<String> siblingPaths() {
        return Arbitraries.of("a", "b", "ab", "ba", "aab", "abab", "aabb", "x.php", "bab", "aaa", "abba", "aba", "b.php")
                .list().ofMaxSize(4).map(s -> s.isEmpty() ? "/" : "/" + String.join("/", s));
    }

    @Property(tries = 2000)
    void indexAgreesWithTryingEveryTombstone(
            @ForAll("patternLists") List<String> patterns, @ForAll("paths") String path) {
        assertAgrees(patterns, path, true);
    }

    @Property(tries = 2000)
    void indexAgreesOnAdversarialShapes(
            @ForAll("adversarialPatternLists") List<String> patterns, @ForAll("adversarialPaths") String path) {
        assertAgrees(patterns, path, true);
    }

    @Property(tries = 2000)
    void indexAgreesWithManySiblingWildcards(
            @ForAll("siblingPatternLists") List<String> patterns, @ForAll("siblingPaths") String path) {
        assertAgrees(patterns, path, true);
    }

    /** Ignoring case, the index agrees with the reference on folded paths and patterns, whatever the case of either. */
    @Property(tries = 1000)
    void caseInsensitiveIndexAgreesOnFoldedPaths(
            @ForAll("siblingPatternLists") List<String> patterns, @ForAll("siblingPaths") String path,
            @ForAll long caseBits) {
        List<String> mixed = new ArrayList<>();
        for (String p : patterns) {
            mixed.add(withCase(p, caseBits));
        }
        assertAgrees(mixed, withCase(path, ~caseBits), false);
    }

    /**
     * Spellings of a few paths that fold alike, in the compact table's range (ASCII, Latin-1) and outside it
     * (Greek, the Kelvin sign, dotted capital I), each with its own time window.
     */
    @Provide
    Arbitrary<List<Tombstone>> foldedDuplicates() {
        Arbitrary<String> spelling = Arbitraries.of("/docs/7", "/Docs/7", "/DOCS/7", "/é/1", "/É/1", "/ω/1", "/Ω/1",
                "/k", "/K", "/\u212A", "/i\u0307", "/\u0130");
        Arbitrary<Tombstone> tombstone = Combinators.combine(spelling, Arbitraries.integers().between(0, 2))
                .as((path, window) -> switch (window) {
                    case 0 -> Tombstone.of(path);
                    case 1 -> Tombstone.builder(path).goneUntil(NOW.minusSeconds(86_400)).build(); // expired
                    default -> Tombstone.builder(path).goneFrom(NOW.plusSeconds(86_400)).build(); // scheduled
                });
        return tombstone.list().ofMinSize(1).ofMaxSize(8);
    }

    /**
     * Ignoring case, every tombstone whose path folds to the request's counts, chosen by time (expired never,
     * in force over scheduled), then declaration order; an expired or scheduled spelling never hides one in force.
     */
    @Property(tries = 3000)
    void spellingsThatFoldAlikeAreChosenByTimeThenDeclarationOrder(@ForAll("foldedDuplicates") List<Tombstone> given,
            @ForAll("foldedDuplicateRequests") String path) {
        java.util.Map<String, Tombstone> byKey = new java.util.LinkedHashMap<>(); // as TombstoneIndex.of: a later key replaces
        for (Tombstone t : given) {
            byKey.remove(t.pattern().key());
            byKey.put(t.pattern().key(), t);
        }
        List<Tombstone> tombstones = new ArrayList<>(byKey.values());
        String folded = PathCanonicalizer.foldCase(path);
        List<Tombstone> alike = tombstones.stream()
                .filter(t -> PathCanonicalizer.foldCase(t.pattern().source()).equals(folded)).toList();
        Optional<Tombstone> expected = alike.stream().filter(t -> t.isActiveAt(NOW)).findFirst()
                .or(() -> alike.stream().filter(t -> t.isScheduledAt(NOW)).findFirst());
        TombstoneIndex index = TombstoneIndex.of(tombstones, false);
        assertThat(index.find(path, NOW)).as("%s against %s", path, tombstones).isEqualTo(expected);
        assertThat(index.mayMatch(path)).isEqualTo(!alike.isEmpty());
    }

    @Provide
    Arbitrary<String> foldedDuplicateRequests() {
        return Arbitraries.of("/docs/7", "/dOcS/7", "/DOCS/7", "/é/1", "/É/1", "/ω/1", "/Ω/1", "/k", "/\u212A",
                "/\u0130", "/i\u0307", "/other");
    }

    private static void assertAgrees(List<String> patterns, String path, boolean caseSensitive) {
        List<Tombstone> tombstones = new ArrayList<>();
        for (String p : patterns) {
            if (tombstones.stream().noneMatch(t -> t.pattern().key().equals(PathPattern.of(p).key()))) {
                tombstones.add(Tombstone.of(p));
            }
        }
        tombstones.add(Tombstone.regexBuilder("/a.*b").build());
        TombstoneIndex index = TombstoneIndex.of(tombstones, caseSensitive);
        Optional<Tombstone> expected = caseSensitive ? reference(tombstones, path) : referenceIgnoringCase(tombstones, path);
        assertThat(index.find(path, NOW).map(t -> t.pattern().key()))
                .as("%s against %s", path, patterns)
                .isEqualTo(expected.map(t -> t.pattern().key()));
        assertThat(index.mayMatch(path)).as("mayMatch %s against %s", path, patterns).isEqualTo(expected.isPresent());
    }

    /**
     * The reference on folded text: each tombstone rebuilt with its pattern folded, matched against the folded
     * path, and mapped back. Among tombstones whose patterns fold alike the first declared wins, as in the index.
     */
    private static Optional<Tombstone> referenceIgnoringCase(List<Tombstone> tombstones, String path) {
        List<Tombstone> folded = new ArrayList<>();
        List<Tombstone> original = new ArrayList<>();
        for (Tombstone t : tombstones) {
            Tombstone f = t.pattern() instanceof PathPattern.Regex r
                    ? Tombstone.regexBuilder(r.expression()).build()
                    : Tombstone.of(PathCanonicalizer.foldCase(t.pattern().source()));
            if (folded.stream().noneMatch(x -> x.pattern().key().equals(f.pattern().key()))) {
                folded.add(f);
                original.add(t);
            }
        }
        return reference(folded, PathCanonicalizer.foldCase(path)).map(f -> original.get(folded.indexOf(f)));
    }

    /** Upper-cases the letters of {@code s} whose bit in {@code bits} (by position, cyclically) is set. */
    private static String withCase(String s, long bits) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append((bits >>> (i % 64) & 1) != 0 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    /** Exact first, then the matching glob with the longest literal prefix (earliest on ties), then regexes. */
    private static Optional<Tombstone> reference(List<Tombstone> tombstones, String path) {
        for (Tombstone t : tombstones) {
            if (t.pattern() instanceof PathPattern.Exact e && e.path().equals(path)) {
                return Optional.of(t);
            }
        }
        Optional<Tombstone> glob = tombstones.stream()
                .filter(t -> t.pattern() instanceof PathPattern.Glob g && globRegex(g.glob()).matcher(segmentsOf(path)).matches())
                .max(Comparator.comparingInt((Tombstone t) -> ((PathPattern.Glob) t.pattern()).literalPrefix().length())
                        .thenComparing(t -> -tombstones.indexOf(t)));
        if (glob.isPresent()) {
            return glob;
        }
        return tombstones.stream()
                .filter(t -> t.pattern() instanceof PathPattern.Regex r && r.pattern().matcher(path).matches())
                .findFirst();
    }

    /** The root path "/" has no segments at all; every other canonical path is its segments. */
    private static String segmentsOf(String path) {
        return path.equals("/") ? "" : path;
    }

    /** The glob rules as a regex: '**' is any number of whole segments, '*' anything within one. */
    private static Pattern globRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String segment : glob.substring(1).split("/", -1)) {
            if (segment.equals("**")) {
                regex.append("(/[^/]+)*");
            } else if (segment.equals("*")) {
                regex.append("/[^/]+"); // a segment is never empty: "/*" does not match the root
            } else {
                regex.append('/');
                for (String part : segment.split("\\*", -1)) {
                    regex.append(Pattern.quote(part)).append("[^/]*");
                }
                regex.setLength(regex.length() - "[^/]*".length());
            }
        }
        return Pattern.compile(regex.toString());
    }
}
