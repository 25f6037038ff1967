package io.github.gonefilter.benchmarks;

import io.github.gonefilter.internal.matching.TombstoneIndex;
import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link TombstoneIndex#find} for adversarial paths against adversarial glob sets (issue 8, item 1), next to
 * ordinary paths against the same globs: {@code adversarial} and {@code ordinaryLong} are paths of the same
 * length (close to Tomcat's 8 KiB limit), {@code ordinaryShort} a typical request path. Compare with
 * {@link LookupBenchmark} ({@code glob:10000}) in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GlobBenchmark {

    private static final int LENGTH = 8 * 1024 - 16;

    @Param({"stars", "manyStars", "anyDepth", "manyAnyDepth", "siblings", "siblingsBothEnds", "siblingsNoEnds",
            "siblingsAnyDepth"})
    public String globSet;

    private TombstoneIndex index;
    private String adversarial;
    private String ordinaryLong;
    private String ordinaryShort;
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Setup(Level.Trial)
    public void setUp() {
        List<String> globs = new ArrayList<>();
        switch (globSet) {
            case "stars" -> { // three stars in one segment, 8,000 dashes: cubic before
                globs.add("/downloads/*-*-*.zip");
                adversarial = "/downloads/" + "-".repeat(LENGTH - 11);
                ordinaryLong = "/downloads/release-2024-1" + "x".repeat(LENGTH - 29) + ".zip";
                ordinaryShort = "/downloads/release-2024-1.zip";
            }
            case "manyStars" -> { // eight stars, a path of the letter they look for: exponential before
                globs.add("/s/*a*a*a*a*a*a*a*a*b");
                adversarial = "/s/" + "a".repeat(LENGTH - 3);
                ordinaryLong = "/s/" + "ba".repeat((LENGTH - 3) / 2) + "b";
                ordinaryShort = "/s/banana-bread-ab";
            }
            case "anyDepth" -> { // '**' around a segment the path repeats: ~16 ms at 3,200 characters before
                globs.add("/**/old/**/*.bak");
                adversarial = "/old".repeat(LENGTH / 4);
                ordinaryLong = "/doc".repeat(LENGTH / 4);
                ordinaryShort = "/docs/2019/old/notes.bak";
            }
            case "manyAnyDepth" -> { // four '**' in one glob: one branch per division of the path before
                globs.add("/**/a/**/a/**/a/**/b");
                globs.add("/**/**/**/**/*.bak");
                adversarial = "/a".repeat(LENGTH / 2);
                ordinaryLong = "/c".repeat(LENGTH / 2);
                ordinaryShort = "/x/a/y/a/z/a/b";
            }
            case "siblings" -> { // 50,000 wildcard siblings: tried one by one before (~2-5 ms per path under /files/)
                for (int i = 0; i < 50_000; i++) {
                    globs.add("/files/*-" + i + ".pdf");
                }
                adversarial = "/files/" + "-1".repeat((LENGTH - 11) / 2) + ".pdf";
                ordinaryLong = "/files/" + "r".repeat(LENGTH - 17) + "-12345.pdf";
                ordinaryShort = "/files/report-12345.pdf";
            }
            case "siblingsBothEnds" -> { // 50,000 siblings with the same ends (review of issue 8): one by one before
                for (int i = 0; i < 50_000; i++) {
                    globs.add("/files/*-" + i + "-*.pdf");
                }
                adversarial = "/files/" + "-1".repeat((LENGTH - 11) / 2) + ".pdf";
                ordinaryLong = "/files/" + "r".repeat(LENGTH - 17) + "-12345.pdf";
                ordinaryShort = "/files/report.pdf";
            }
            case "siblingsNoEnds" -> { // 50,000 siblings with no literal end at all
                for (int i = 0; i < 50_000; i++) {
                    globs.add("/files/*-" + i + "-*");
                }
                adversarial = "/files/" + "-1".repeat((LENGTH - 7) / 2);
                ordinaryLong = "/files/" + "r".repeat(LENGTH - 17) + "-12345.pdf";
                ordinaryShort = "/files/report.pdf";
            }
            case "siblingsAnyDepth" -> { // 10,000 such siblings under '**': every segment is a candidate
                for (int i = 0; i < 10_000; i++) {
                    globs.add("/**/*-" + i + "-*");
                }
                adversarial = "/a".repeat(LENGTH / 2);
                ordinaryLong = "/b".repeat(LENGTH / 2);
                ordinaryShort = "/docs/2019/report.pdf";
            }
            default -> throw new IllegalArgumentException(globSet);
        }
        List<Tombstone> tombstones = new ArrayList<>();
        for (String glob : globs) {
            tombstones.add(Tombstone.builder(glob).reason("sunset").build());
        }
        index = TombstoneIndex.of(tombstones, true);
        if (Math.abs(adversarial.length() - ordinaryLong.length()) > 2 || adversarial.length() > 8 * 1024) {
            throw new IllegalStateException("paths of different lengths for " + globSet);
        }
    }

    @Benchmark
    public Optional<Tombstone> adversarial() {
        return index.find(adversarial, now);
    }

    @Benchmark
    public Optional<Tombstone> ordinaryLong() {
        return index.find(ordinaryLong, now);
    }

    @Benchmark
    public Optional<Tombstone> ordinaryShort() {
        return index.find(ordinaryShort, now);
    }
}
