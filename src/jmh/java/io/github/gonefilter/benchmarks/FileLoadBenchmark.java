package io.github.gonefilter.benchmarks;

import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Loading a file of 1,000,000 exact tombstones, JSON and CSV, into a ready-to-serve registry. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class FileLoadBenchmark {

    @Param({"json", "csv"})
    public String format;

    @Param({"1000000"})
    public int tombstones;

    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("gone-filter-bench", "." + format);
        write(file, format, tombstones);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public int load() {
        try (FileTombstoneRegistry registry = FileTombstoneRegistry.builder(file.toString())
                .reloadInterval(Duration.ZERO).build()) {
            return registry.list().size();
        }
    }

    /** Writes {@code count} tombstones like {@link Corpus#exact}: shared reason and message, own deletedAt. */
    static void write(Path file, String format, int count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (format.equals("csv")) {
                out.write("path,deletedAt,reason,message\n");
                for (int i = 0; i < count; i++) {
                    out.write(Corpus.exactPath(i) + "," + Corpus.BASE.plusSeconds(i) + "," + Corpus.REASON + ","
                            + Corpus.MESSAGE + "\n");
                }
            } else {
                out.write("{\"tombstones\": [\n");
                for (int i = 0; i < count; i++) {
                    out.write("  {\"path\": \"" + Corpus.exactPath(i) + "\", \"deletedAt\": \"" + Corpus.BASE.plusSeconds(i)
                            + "\", \"reason\": \"" + Corpus.REASON + "\", \"message\": \"" + Corpus.MESSAGE + "\"}"
                            + (i + 1 < count ? ",\n" : "\n"));
                }
                out.write("]}\n");
            }
        }
    }
}
