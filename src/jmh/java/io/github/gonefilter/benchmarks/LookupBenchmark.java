package io.github.gonefilter.benchmarks;

import io.github.gonefilter.internal.matching.TombstoneIndex;
import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
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
 * {@link TombstoneIndex#find} alone, per matcher kind and size: {@code kind:count} builds an index holding
 * only {@code count} tombstones of that kind, so the table shows how each kind's cost grows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LookupBenchmark {

    @Param({"exact:1000", "exact:1000000", "glob:100", "glob:10000", "glob:100000", "regex:10", "regex:100",
            "regex:1000"})
    public String shape;

    private TombstoneIndex index;
    private String hitPath;
    private String missPath;
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Setup(Level.Trial)
    public void setUp() {
        String kind = shape.substring(0, shape.indexOf(':'));
        int count = Integer.parseInt(shape.substring(shape.indexOf(':') + 1));
        List<Tombstone> tombstones;
        switch (kind) {
            case "exact" -> {
                tombstones = Corpus.exacts(count);
                hitPath = Corpus.exactPath(count / 2);
                missPath = Corpus.LIVE_PATH;
            }
            case "glob" -> {
                tombstones = Corpus.globs(count);
                hitPath = "/archive/" + (count / 4) + "/2019/05/report.html";
                missPath = Corpus.LIVE_NEAR_GLOB_PATH;
            }
            case "regex" -> {
                tombstones = Corpus.regexes(count);
                hitPath = "/reports/r" + (count / 2) + "/2019/q3.pdf";
                missPath = "/reports/r999999/2019/q3.pdf";
            }
            default -> throw new IllegalArgumentException(shape);
        }
        index = TombstoneIndex.of(tombstones, true);
        if (index.find(hitPath, now).isEmpty() || index.find(missPath, now).isPresent()) {
            throw new IllegalStateException("lookup set-up is wrong for " + shape);
        }
    }

    @Benchmark
    public Optional<Tombstone> hit() {
        return index.find(hitPath, now);
    }

    @Benchmark
    public Optional<Tombstone> miss() {
        return index.find(missPath, now);
    }
}
