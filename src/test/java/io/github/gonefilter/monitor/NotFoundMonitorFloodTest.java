package io.github.gonefilter.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A flood of a million random 404 paths, as a scanner or a broken crawler sends them, each requested once: the
 * monitor's memory stays where it was once full, and the paths with a real, repeated history keep their place and
 * their exact counts, however modest that history is next to the flood.
 */
class NotFoundMonitorFloodTest {

    private static final int FLOOD = 1_000_000;
    private static final int REAL = 50;

    @Test
    void aMillionRandomPathsNeitherGrowTheHeapNorPushOutPathsWithARealHistory() {
        NotFoundMonitor monitor = NotFoundMonitor.create();
        SplittableRandom random = new SplittableRandom(13);
        Map<String, Integer> truth = new HashMap<>();
        // a modest history, 20 to 50 404s per path, among one-off paths, before the monitor is full
        List<String> history = new ArrayList<>();
        for (int p = 0; p < REAL; p++) {
            for (int hit = 20 + random.nextInt(31); hit > 0; hit--) {
                history.add("/real/" + p);
            }
        }
        int oneOffs = NotFoundMonitor.DEFAULT_MAX_ENTRIES / 2;
        for (int i = 0; i < history.size() + oneOffs; i++) {
            if (random.nextInt(history.size() + oneOffs) < history.size() && !history.isEmpty()) {
                String real = history.remove(random.nextInt(history.size()));
                monitor.record(real, null, null, null);
                truth.merge(real, 1, Integer::sum);
            } else {
                monitor.record(randomPath(random), null, null, null);
            }
        }
        history.forEach(real -> {
            monitor.record(real, null, null, null);
            truth.merge(real, 1, Integer::sum);
        });
        flood(monitor, random, FLOOD / 10, truth); // every class loaded and warm
        long before = usedHeapAfterGc();

        flood(monitor, random, FLOOD, truth);
        long after = usedHeapAfterGc();

        assertThat(after - before).as("heap growth in bytes over a million random paths").isLessThan(4L << 20);
        NotFoundMonitor.Statistics statistics = monitor.statistics();
        assertThat(statistics.entries()).isEqualTo(NotFoundMonitor.DEFAULT_MAX_ENTRIES);
        assertThat(statistics.rejected()).as("one-off paths turned away").isGreaterThan(FLOOD * 9L / 10);
        List<NotFoundEntry> top = monitor.top(REAL);
        assertThat(top).extracting(NotFoundEntry::path).containsExactlyInAnyOrderElementsOf(truth.keySet());
        assertThat(top).allSatisfy(e -> {
            assertThat(e.count()).as(e.path()).isEqualTo(truth.get(e.path()).longValue());
            assertThat(e.error()).as(e.path()).isZero();
        });
    }

    @Test
    void aPathThatBecomesFrequentDuringTheFloodIsTakenInWithASmallError() {
        NotFoundMonitor monitor = NotFoundMonitor.create();
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < FLOOD; i++) {
            if (i >= FLOOD - 100_000 && i % 500 == 0) {
                monitor.record("/real/new", null, null, null); // 200 404s over the last tenth of the flood
            }
            monitor.record(randomPath(random), null, null, null);
        }
        NotFoundEntry entry = monitor.entry("/real/new").orElseThrow();
        assertThat(entry.count()).isBetween(200L - 20, 200L + entry.error());
        assertThat(entry.error()).isLessThan(10);
        assertThat(monitor.top(1)).extracting(NotFoundEntry::path).containsExactly("/real/new");
    }

    /** The flood, with one request for a real path now and then, as real visitors go on meanwhile. */
    private static void flood(NotFoundMonitor monitor, SplittableRandom random, int requests,
            Map<String, Integer> truth) {
        for (int i = 0; i < requests; i++) {
            if (i % 20_000 == 0) {
                String real = "/real/" + random.nextInt(REAL);
                monitor.record(real, null, null, null);
                truth.merge(real, 1, Integer::sum);
            }
            monitor.record(randomPath(random), null, null, null);
        }
    }

    private static String randomPath(SplittableRandom random) {
        return "/" + Long.toHexString(random.nextLong()) + "/" + Integer.toHexString(random.nextInt());
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the lowest of a few collections: a collection may leave some garbage behind
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
