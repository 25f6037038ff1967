package io.github.gonefilter.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.gonefilter.registry.sync.SyncingTombstoneRegistry;
import io.github.gonefilter.registry.sync.TombstoneStoreException;
import io.github.gonefilter.support.LogCapture;
import io.github.gonefilter.support.StallingProxy;
import io.github.gonefilter.support.TestPool;
import io.github.gonefilter.support.TestServers;
import io.github.gonefilter.tombstone.Tombstone;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real PostgreSQL behind a TCP proxy that stalls: it accepts connections and forwards nothing, like a
 * partition that drops packets. The driver is left with its defaults (no socket or login timeout), so only
 * the registry can bound its calls. With {@code queryTimeout} 1 s, writes fail with a clear exception within
 * it, each node reports the outage, a node starts, and {@code close()} returns at once; once the network
 * forwards again, everything works. One node uses a pool that hands out established connections (the stall
 * hits statements), the other connects anew each time (the stall hits {@code getConnection}).
 */
class StalledNetworkTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SLACK = Duration.ofMillis(1500); // a shared 2-core machine
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void everyDatabaseCallIsBoundedWhenTheNetworkStalls() throws Exception {
        DataSource server = TestServers.postgres();
        URI url = URI.create(System.getenv("GONE_FILTER_PG_URL").substring("jdbc:".length()));
        String table = TestServers.freshTable();
        try (StallingProxy proxy = new StallingProxy(url.getHost(), url.getPort());
                LogCapture log = LogCapture.of(SyncingTombstoneRegistry.class)) {
            PGSimpleDataSource direct = new PGSimpleDataSource();
            direct.setURL("jdbc:postgresql://127.0.0.1:" + proxy.port() + url.getPath());
            direct.setUser(System.getenv().getOrDefault("GONE_FILTER_PG_USER", "gone_filter"));
            direct.setPassword(System.getenv().getOrDefault("GONE_FILTER_PG_PASSWORD", ""));
            TestPool pooled = TestPool.trusting(direct);
            JdbcTombstoneRegistry a = node(pooled, table, "a.bin", true);
            JdbcTombstoneRegistry b = node(direct, table, "b.bin", false);
            try {
                a.bury(Tombstone.builder("/gone/1").restorable(true).build());
                assertThat(b.syncNow()).isTrue();
                assertThat(b.find("/gone/1", NOW)).isPresent();

                proxy.stall();
                long stalled = System.nanoTime();
                within(TIMEOUT.plus(SLACK), () -> assertThatThrownBy(() -> a.bury(Tombstone.of("/gone/2")))
                        .isInstanceOf(TombstoneStoreException.class).hasMessageContaining("cannot bury /gone/2"));
                within(TIMEOUT.plus(SLACK), () -> assertThatThrownBy(() -> a.restore("/gone/1"))
                        .isInstanceOf(TombstoneStoreException.class).hasMessageContaining("cannot restore /gone/1"));
                within(TIMEOUT.plus(SLACK), () -> assertThatThrownBy(() -> b.bury(Tombstone.of("/gone/3")))
                        .isInstanceOf(TombstoneStoreException.class).hasMessageContaining("no connection"));

                // Each node notices within its sync interval plus the timeout, and says so.
                within(TIMEOUT.plus(SLACK).plusSeconds(1), () -> {
                    while (!a.outage() || !b.outage()) {
                        Thread.sleep(20);
                    }
                    return null;
                });
                System.out.println("StalledNetworkTest: both nodes reported the outage "
                        + (System.nanoTime() - stalled) / 1_000_000 + " ms after the stall began");
                assertThat(log.messages(Level.WARNING)).filteredOn(m -> m.contains("is unreachable")).hasSize(2);
                assertThat(a.find("/gone/1", NOW)).isPresent();
                assertThat(b.find("/gone/1", NOW)).isPresent();

                // A node starting now comes up from its snapshot file within the timeout.
                JdbcTombstoneRegistry c = within(TIMEOUT.plus(SLACK), () -> node(direct, table, "b.bin", false));
                assertThat(c.outage()).isTrue();
                assertThat(c.find("/gone/1", NOW)).isPresent();
                within(Duration.ofSeconds(1), () -> {
                    c.close();
                    a.close();
                    return null;
                });
            } finally {
                proxy.resume();
                a.close();
                b.close();
            }

            // Forwarding again: the stalled calls are gone and a node works as before.
            try (JdbcTombstoneRegistry d = node(pooled, table, "d.bin", false)) {
                assertThat(d.outage()).isFalse();
                d.restore("/gone/1");
                d.bury(Tombstone.of("/gone/4"));
                assertThat(d.find("/gone/1", NOW)).isEmpty();
                assertThat(d.find("/gone/4", NOW)).isPresent();
            }
        } finally {
            TestServers.dropTables(server, table);
        }
    }

    private JdbcTombstoneRegistry node(DataSource ds, String table, String snapshot, boolean createSchema) {
        return JdbcTombstoneRegistry.builder(ds).table(table).createSchema(createSchema).queryTimeout(TIMEOUT)
                .syncInterval(Duration.ofMillis(200)).snapshotFile(tmp.resolve(snapshot)).build();
    }

    /** Runs {@code action}, failing if it takes longer than {@code limit} (without waiting for it). */
    private static <T> T within(Duration limit, ThrowingSupplier<T> action) {
        return assertTimeoutPreemptively(limit, action);
    }
}
