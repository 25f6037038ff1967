package io.github.gonefilter.benchmarks;

import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.tombstone.Tombstone;
import jakarta.servlet.Filter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Retained heap per tombstone, measured as the difference in used heap after full GCs with and without the
 * structure alive. Run with a fixed heap and a stop-the-world collector for stable numbers:
 * {@code java -Xms4g -Xmx4g -XX:+UseParallelGC -cp target-jmh/benchmarks.jar io.github.gonefilter.benchmarks.HeapFootprint}
 */
public final class HeapFootprint {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println("java " + System.getProperty("java.version") + ", " + ManagementFactory.getRuntimeMXBean()
                .getInputArguments());

        long base = usedAfterGc();
        InMemoryTombstoneRegistry registry = buildInMemory(n);
        long used = usedAfterGc() - base;
        report("GoneFilter in-memory registry, " + n + " exact tombstones", used, n);
        check(registry.find(Corpus.exactPath(n / 2), Instant.now()).isPresent());
        registry = null;

        Path file = Files.createTempFile("gone-filter-heap", ".csv");
        try {
            FileLoadBenchmark.write(file, "csv", n);
            base = usedAfterGc();
            FileTombstoneRegistry fromFile = FileTombstoneRegistry.builder(file.toString())
                    .reloadInterval(Duration.ZERO).build();
            used = usedAfterGc() - base;
            report("GoneFilter file registry (CSV), " + n + " exact tombstones", used, n);
            check(fromFile.find(Corpus.exactPath(n / 2), Instant.now()).isPresent());
            fromFile.close();
            fromFile = null;
        } finally {
            Files.deleteIfExists(file);
        }

        int rules = 10_000;
        base = usedAfterGc();
        Filter tuckey = Filters.tuckey(rules, null);
        used = usedAfterGc() - base;
        report("Tuckey UrlRewriteFilter, " + rules + " rules", used, rules);
        check(tuckey != null);
    }

    private static InMemoryTombstoneRegistry buildInMemory(int n) {
        List<Tombstone> tombstones = Corpus.exacts(n);
        InMemoryTombstoneRegistry registry = new InMemoryTombstoneRegistry();
        registry.replaceAll(tombstones);
        return registry;
    }

    private static void report(String what, long bytes, int count) {
        System.out.printf("%-60s %,14d bytes  %8.1f bytes each%n", what, bytes, (double) bytes / count);
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("footprint structure does not work");
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
