package io.github.gonefilter.matching;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Property(tries = 2000)
    void indexAgreesWithTryingEveryTombstone(
            @ForAll("patternLists") List<String> patterns, @ForAll("paths") String path) {
        List<Tombstone> tombstones = new ArrayList<>();
        for (String p : patterns) {
            if (tombstones.stream().noneMatch(t -> t.pattern().key().equals(PathPattern.of(p).key()))) {
                tombstones.add(Tombstone.of(p));
            }
        }
        tombstones.add(Tombstone.regexBuilder("/a.*b").build());
        TombstoneIndex index = TombstoneIndex.of(tombstones, true);
        Optional<Tombstone> expected = reference(tombstones, path);
        assertThat(index.find(path, NOW).map(t -> t.pattern().key()))
                .as("%s against %s", path, patterns)
                .isEqualTo(expected.map(t -> t.pattern().key()));
        assertThat(index.mayMatch(path)).as("mayMatch %s against %s", path, patterns).isEqualTo(expected.isPresent());
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
