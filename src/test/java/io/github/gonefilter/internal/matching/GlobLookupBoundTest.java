package io.github.gonefilter.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A glob lookup costs at most linear time in the path's length times the globs that share its literal prefix:
 * adversarial paths (up to Tomcat's 8 KiB limit) against adversarial globs cost about what an ordinary path of
 * the same length costs against the same globs. Times are measured as a ratio within the test, so the bound
 * holds on a loaded machine; it is generous (the matcher stays within a few times the ordinary lookup), while
 * the backtracking matcher this replaced took seconds, minutes or longer for these paths (ratios of 10^4 and
 * up), which the timeout turns into a failure instead of a hang.
 */
class GlobLookupBoundTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    /** How many times an ordinary lookup of the same length an adversarial one may cost. */
    private static final double BOUND = 30;
    private static final int MAX_PATH = 8 * 1024;

    /**
     * An adversarial path against a glob set, and an ordinary path of about the same length against an
     * ordinary glob set (the same one, unless the glob set itself is what is adversarial).
     */
    private record Case(String name, List<String> globs, String adversarial, List<String> ordinaryGlobs, String ordinary) {
        Case(String name, List<String> globs, String adversarial, String ordinary) {
            this(name, globs, adversarial, globs, ordinary);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(value = 1, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void adversarialPathsCostAboutWhatOrdinaryPathsCost(Case c) {
        assertThat(c.adversarial.length()).isLessThanOrEqualTo(MAX_PATH);
        assertThat(c.ordinary.length()).isBetween(c.adversarial.length() - 16, c.adversarial.length() + 16);
        TombstoneIndex index = index(c.globs);
        double ratio = costRatio(index, c.adversarial, c.ordinaryGlobs == c.globs ? index : index(c.ordinaryGlobs), c.ordinary);
        assertThat(ratio).as("cost of %s over an ordinary lookup of the same length", c.name).isLessThan(BOUND);
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (int n : new int[] {2_000, MAX_PATH - 16}) {
            // Three stars in one segment: the old matcher tried every split of the segment, O(n^3).
            cases.add(new Case("*-*-*.zip, " + n + " dashes", List.of("/downloads/*-*-*.zip"),
                    "/downloads/" + "-".repeat(n), "/downloads/" + "release-2024-1" + "x".repeat(n - 17) + ".zip"));
            // ... and with its suffix present, so that the middle pieces are searched all along the segment.
            cases.add(new Case("*-*-x-*.zip, " + n + " dashes then .zip", List.of("/downloads/*-*-x-*.zip"),
                    "/downloads/" + "-".repeat(n - 4) + ".zip", "/downloads/" + "x".repeat(n - 8) + "-a-x-b.zip"));
        }
        // Many stars, pieces that overlap themselves: exponential for a backtracking matcher.
        cases.add(new Case("*a*a*a*a*a*a*a*a*b", List.of("/s/*a*a*a*a*a*a*a*a*b"),
                "/s/" + "a".repeat(MAX_PATH - 4), "/s/" + "ba".repeat((MAX_PATH - 4) / 2)));
        cases.add(new Case("*aab*aab*aab*", List.of("/s/*aab*aab*aab*"),
                "/s/" + "a".repeat(MAX_PATH - 8) + "aab", "/s/" + "x".repeat(MAX_PATH - 16) + "aabaabaab"));
        // Two '**' around a literal segment, the path that segment repeated (~45 ms at 800 before, climbing).
        for (int n : new int[] {800, MAX_PATH / 4}) {
            cases.add(new Case("/**/old/**/*.bak, /old x " + n, List.of("/**/old/**/*.bak"),
                    "/old".repeat(n), "/doc".repeat(n)));
        }
        // Several '**' between the same segment: one branch per way of dividing the path, before.
        cases.add(new Case("/**/a/**/a/**/a/**/b, /a x 4000", List.of("/**/a/**/a/**/a/**/b", "/**/**/**/**/*.bak"),
                "/a".repeat(MAX_PATH / 2), "/c".repeat(MAX_PATH / 2)));
        // The same segment repeated in the glob and the path.
        cases.add(new Case("/x/*/x/*/x/*/x/*/y, /x x 4000", List.of("/x/*/x/*/x/*/x/*/y", "/x/**/x/**/x/**/y"),
                "/x".repeat(MAX_PATH / 2), "/x" + "/c".repeat(MAX_PATH / 2 - 1)));
        // 50,000 sibling wildcard segments: tried one by one before, ~5 ms for every path under /files/. Against
        // one such glob, the same path is the ordinary lookup: the siblings must cost next to nothing.
        List<String> siblings = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            siblings.add("/files/*-" + i + ".pdf");
        }
        for (String path : List.of("/files/report-7-1.pdf", "/files/report-2024.txt",
                "/files/" + "-1".repeat((MAX_PATH - 12) / 2) + ".pdf", "/files/" + "r".repeat(MAX_PATH - 18) + "-12345.pdf")) {
            cases.add(new Case("50,000 x /files/*-N.pdf, " + path.length() + " characters", siblings, path,
                    List.of("/files/*-1.pdf"), path));
        }
        // The reviewer's shapes: siblings that share both literal ends (/files/*-N-*.pdf) or have none
        // (*-N-*), tried one by one before (1.4 ms per live lookup, 0.4 s per 8 KiB path, 1.9 s under '**').
        // Indexed by their middle piece, they cost about what one glob of the set costs.
        List<String> bothEnds = new ArrayList<>();
        List<String> noEnds = new ArrayList<>();
        List<String> noEndsAnyDepth = new ArrayList<>();
        List<String> twoPieces = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            bothEnds.add("/files/*-" + i + "-*.pdf");
            noEnds.add("/files/*-" + i + "-*");
            twoPieces.add("/files/*" + (char) ('a' + i % 26) + "*-" + i + "-*");
            if (i < 10_000) {
                noEndsAnyDepth.add("/**/*-" + i + "-*");
            }
        }
        // The ordinary lookup: a path of the same length that one glob of the set scans to its end and misses.
        String dashes = "/files/" + "-1".repeat((MAX_PATH - 12) / 2) + ".pdf";
        String letters = "/files/" + "y".repeat(dashes.length() - 11) + ".pdf";
        for (String path : List.of("/files/report.pdf", "/files/report-2024-1.pdf", dashes, letters)) {
            String missed = "/files/" + "x".repeat(path.length() - 11) + ".pdf";
            cases.add(new Case("50,000 x /files/*-N-*.pdf, " + path.length() + " characters", bothEnds, path,
                    List.of("/files/*-1-*.pdf"), missed));
            cases.add(new Case("50,000 x /files/*-N-*, " + path.length() + " characters", noEnds, path,
                    List.of("/files/*-1-*"), missed));
            cases.add(new Case("50,000 x /files/*L*-N-*, " + path.length() + " characters", twoPieces, path,
                    List.of("/files/*b*-1-*"), missed));
        }
        for (String path : List.of("/a".repeat(MAX_PATH / 2 - 4), "/-1-".repeat(MAX_PATH / 4 - 4))) {
            cases.add(new Case("10,000 x /**/*-N-*, " + path.length() + " characters", noEndsAnyDepth, path,
                    List.of("/**/*-1-*"), "/ab".repeat(path.length() / 3)));
        }
        // Every number from 0 to 999 in one segment: each of those 1,000 globs is a real match, found once.
        StringBuilder numbers = new StringBuilder("/files/");
        for (int i = 0; numbers.length() < MAX_PATH - 8; i++) {
            numbers.append('-').append(i % 1000);
        }
        numbers.append("-.pdf");
        cases.add(new Case("50,000 x /files/*-N-*.pdf, every number below 1,000", bothEnds, numbers.toString(),
                List.of("/files/*-1-*.pdf"), "/files/" + "x".repeat(numbers.length() - 11) + ".pdf"));

        return cases.stream();
    }

    /**
     * The cost of looking up {@code adversarial} in {@code index} over that of {@code ordinary} in
     * {@code ordinaryIndex}: both warmed up, then the
     * fastest of several interleaved rounds of each, so that load from elsewhere hits both alike. Stops
     * early when a single adversarial lookup already costs far more than the bound allows.
     */
    private static double costRatio(TombstoneIndex index, String adversarial, TombstoneIndex ordinaryIndex, String ordinary) {
        long warmUpEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        double ordinaryNanos = Double.MAX_VALUE;
        double adversarialNanos = Double.MAX_VALUE;
        while (System.nanoTime() < warmUpEnd) {
            ordinaryNanos = Math.min(ordinaryNanos, perLookup(ordinaryIndex, ordinary, 1));
            adversarialNanos = Math.min(adversarialNanos, perLookup(index, adversarial, 1));
            if (adversarialNanos > 1_000 * BOUND * ordinaryNanos && adversarialNanos > 10_000_000) {
                return adversarialNanos / ordinaryNanos; // far beyond the bound (the old matcher): no need to wait
            }
        }
        for (int round = 0; round < 7; round++) {
            ordinaryNanos = Math.min(ordinaryNanos, perLookup(ordinaryIndex, ordinary, batch(ordinaryNanos)));
            adversarialNanos = Math.min(adversarialNanos, perLookup(index, adversarial, batch(adversarialNanos)));
        }
        return adversarialNanos / ordinaryNanos;
    }

    private static TombstoneIndex index(List<String> globs) {
        List<Tombstone> tombstones = new ArrayList<>();
        for (String glob : globs) {
            tombstones.add(Tombstone.of(glob));
        }
        return TombstoneIndex.of(tombstones, true);
    }

    /** Enough lookups for about two milliseconds. */
    private static int batch(double nanosPerLookup) {
        return (int) Math.max(1, Math.min(100_000, 2_000_000 / Math.max(1, nanosPerLookup)));
    }

    /** Nanoseconds per lookup ({@code find} and {@code mayMatch}) over a batch of {@code count}. */
    private static double perLookup(TombstoneIndex index, String path, int count) {
        int found = 0;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            found += index.find(path, NOW).isPresent() ? 1 : 0;
            found += index.mayMatch(path) ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        if (found < 0) {
            throw new AssertionError(); // keeps the lookups from being optimized away
        }
        return (double) elapsed / count;
    }
}
