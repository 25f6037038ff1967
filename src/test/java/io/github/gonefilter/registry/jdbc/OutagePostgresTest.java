package io.github.gonefilter.registry.jdbc;

import static io.github.gonefilter.registry.jdbc.TwoNodePostgresTest.millisUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.registry.sync.TombstoneStoreException;
import io.github.gonefilter.support.TestPool;
import io.github.gonefilter.support.TestSite;
import io.github.gonefilter.tombstone.Tombstone;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outages against a private PostgreSQL server that the test stops and starts: requests keep being answered
 * from the snapshot and nothing hangs; a node that starts during the outage enforces the snapshot it kept on
 * disk; after the database returns, and after a node was cut off from it, changes made meanwhile arrive.
 */
class OutagePostgresTest {

    @TempDir
    Path tmp;

    @Test
    void answersFromTheSnapshotThroughAnOutageAndCatchesUpAfterwards() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start()) {
            TestPool poolB = new TestPool(pg.dataSource());
            try (JdbcTombstoneRegistry a = node(new TestPool(pg.dataSource()), "a.bin", true);
                    JdbcTombstoneRegistry b = node(poolB, "b.bin", false);
                    TestSite siteB = new TestSite(b)) {
                a.bury(Tombstone.builder("/gone/1").restorable(true).build());
                a.bury(Tombstone.builder("/gone/2").build());
                a.bury(Tombstone.builder("/gone/3").restorable(true).build());
                for (String path : new String[] {"/gone/1", "/gone/2", "/gone/3"}) {
                    assertThat(millisUntil(siteB, path, 410)).isLessThan(2000);
                }

                // The database goes away while requests flow.
                Traffic traffic = new Traffic(siteB, Map.of("/gone/1", 410, "/gone/2", 410, "/gone/3", 410,
                        "/live", 200));
                traffic.start();
                Thread.sleep(300);
                pg.stopServer();
                awaitOutage(b);
                long before = System.nanoTime();
                assertThatThrownBy(() -> a.bury(Tombstone.of("/gone/never"))).isInstanceOf(TombstoneStoreException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));

                // A node that starts during the outage enforces what node B knew, from B's snapshot file.
                long startNanos = System.nanoTime();
                try (JdbcTombstoneRegistry restarted = node(new TestPool(pg.dataSource()), "b.bin", false)) {
                    System.out.println("OutagePostgresTest: a node started during the outage in "
                            + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
                    assertThat(restarted.find("/gone/1", Instant.now())).isPresent();
                    assertThat(restarted.find("/gone/2", Instant.now())).isPresent();
                    assertThat(restarted.find("/live", Instant.now())).isEmpty();
                }
                Thread.sleep(1000);

                pg.startServer();
                Thread.sleep(300);
                traffic.stopAndCheck("outage");

                // Changes made as soon as the database is back reach B without help.
                a.restore("/gone/1");
                a.bury(Tombstone.builder("/gone/4").build());
                assertThat(millisUntil(siteB, "/gone/1", 200)).isLessThan(5000);
                assertThat(millisUntil(siteB, "/gone/4", 410)).isLessThan(5000);
                assertThat(b.outage()).isFalse();

                // B is cut off from the database while A changes things; B catches up when it is back.
                poolB.cut();
                awaitOutage(b);
                Traffic cutOff = new Traffic(siteB, Map.of("/gone/3", 410, "/gone/2", 410, "/live", 200));
                cutOff.start();
                a.restore("/gone/3");
                a.bury(Tombstone.builder("/gone/5").build());
                Thread.sleep(1000);
                cutOff.stopAndCheck("partition");
                poolB.heal();
                assertThat(millisUntil(siteB, "/gone/3", 200)).isLessThan(5000);
                assertThat(millisUntil(siteB, "/gone/5", 410)).isLessThan(5000);

                // Nothing lost: both nodes hold the same set.
                b.syncNow();
                a.syncNow();
                assertThat(b.list()).containsExactlyElementsOf(a.list());
                assertThat(b.list()).extracting(t -> t.pattern().key()).containsExactly("/gone/2", "/gone/4", "/gone/5");
                assertThat(siteB.get("/gone/2")).isEqualTo(410);
            }
        }
    }

    private JdbcTombstoneRegistry node(DataSource ds, String snapshot, boolean createSchema) {
        return JdbcTombstoneRegistry.builder(ds).createSchema(createSchema).syncInterval(Duration.ofMillis(200))
                .queryTimeout(Duration.ofSeconds(2)).snapshotFile(tmp.resolve(snapshot)).build();
    }

    private static void awaitOutage(JdbcTombstoneRegistry r) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!r.outage() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(r.outage()).as("the registry noticed the outage").isTrue();
    }

    /** Requests in a loop from one thread, checking every answer and the slowest one. */
    private static final class Traffic extends Thread {
        private final TestSite site;
        private final Map<String, Integer> expected;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicLong slowestNanos = new AtomicLong();

        Traffic(TestSite site, Map<String, Integer> expected) {
            super("traffic");
            this.site = site;
            this.expected = new LinkedHashMap<>(expected);
        }

        @Override
        public void run() {
            while (!stop.get()) {
                for (Map.Entry<String, Integer> e : expected.entrySet()) {
                    long start = System.nanoTime();
                    try {
                        int status = site.get(e.getKey());
                        if (status != e.getValue()) {
                            wrong.add(e.getKey() + " answered " + status);
                        }
                    } catch (Exception ex) {
                        wrong.add(e.getKey() + " failed: " + ex);
                    }
                    slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    requests.incrementAndGet();
                }
            }
        }

        void stopAndCheck(String phase) throws InterruptedException {
            stop.set(true);
            join(10_000);
            System.out.println("OutagePostgresTest (" + phase + "): " + requests.get() + " requests, slowest "
                    + slowestNanos.get() / 1_000_000 + " ms, wrong answers: " + wrong.size());
            assertThat(wrong).as(phase).isEmpty();
            assertThat(requests.get()).as(phase).isGreaterThan(20);
            assertThat(Duration.ofNanos(slowestNanos.get())).as(phase).isLessThan(Duration.ofSeconds(1));
        }
    }
}
