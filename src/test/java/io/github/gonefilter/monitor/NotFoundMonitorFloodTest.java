package io.github.gonefilter.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A flood of a million random 404 paths, as a scanner or a broken crawler sends them: the monitor's memory stays
 * where it was once full, and the paths that were really requested before the flood are still its top entries.
 */
class NotFoundMonitorFloodTest {

    private static final int FLOOD = 1_000_000;
    private static final List<String> HOT = List.of("/blog/2019/old-post", "/shop/kettle-2000", "/docs/v1/install",
            "/news/archive/42", "/team/alice", "/downloads/tool-1.0.tar", "/api/v1/users", "/press/2018",
            "/careers/intern", "/events/2020/meetup");

    @Test
    void aMillionRandomPathsNeitherGrowTheHeapNorPushOutTheHotPaths() {
        NotFoundMonitor monitor = NotFoundMonitor.create();
        for (int i = 0; i < 2_000; i++) {
            for (String hot : HOT) {
                monitor.record(hot, null, null, null); // 2,000 requests each: more than a flood spread over 1,000 slots
            }
        }
        SplittableRandom random = new SplittableRandom(13);
        flood(monitor, random, FLOOD / 10); // full, and every class loaded and warm
        long before = usedHeapAfterGc();

        flood(monitor, random, FLOOD);
        long after = usedHeapAfterGc();

        assertThat(after - before).as("heap growth in bytes over a million random paths").isLessThan(4L << 20);
        NotFoundMonitor.Statistics statistics = monitor.statistics();
        assertThat(statistics.entries()).isEqualTo(NotFoundMonitor.DEFAULT_MAX_ENTRIES);
        assertThat(statistics.replaced()).isGreaterThan(FLOOD);
        List<NotFoundEntry> top = monitor.top(HOT.size());
        assertThat(top).extracting(NotFoundEntry::path).containsExactlyInAnyOrderElementsOf(HOT);
        assertThat(top).allSatisfy(e -> {
            assertThat(e.count()).isEqualTo(2_000);
            assertThat(e.error()).isZero();
        });
    }

    private static void flood(NotFoundMonitor monitor, SplittableRandom random, int requests) {
        for (int i = 0; i < requests; i++) {
            monitor.record("/" + Long.toHexString(random.nextLong()) + "/" + Integer.toHexString(random.nextInt()),
                    null, null, null);
        }
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
