package io.github.gonefilter.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.support.TestPool;
import io.github.gonefilter.support.TestServers;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory and lookup cost with many tombstones in PostgreSQL. Not part of the normal build (the class name
 * matches no surefire include, and it needs a system property). Run by hand, e.g. for 10 million:
 *
 * <pre>
 * source .ci/services.sh
 * mvn -B -Dgonefilter.buildDirectory=target-db test -Dtest=ScaleMeasurement \
 *     -Dgonefilter.scale=10000000 -DargLine=-Xmx512m
 * </pre>
 *
 * Add {@code -Dgonefilter.compactAbove=20000000} to measure the same set held in full (needs a larger heap).
 *
 * The rows are generated inside PostgreSQL and kept between runs in table {@code gf_scale_N}. Figures are in
 * docs/shared-registries.md.
 */
@EnabledIfSystemProperty(named = "gonefilter.scale", matches = "\\d+")
class ScaleMeasurement {

    @TempDir
    Path tmp;

    @Test
    void measure() throws Exception {
        int n = Integer.getInteger("gonefilter.scale");
        org.postgresql.ds.PGSimpleDataSource server = TestServers.postgres();
        server.setSocketTimeout(0); // generating millions of rows takes minutes
        DataSource pg = new TestPool(server);
        AtomicInteger connections = new AtomicInteger();
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    return method.invoke(pg, args);
                });
        String table = "gf_scale_" + n;
        fill(pg, table, n);

        long heapBefore = usedHeap();
        long start = System.nanoTime();
        Path snapshot = tmp.resolve("snapshot.bin");
        try (JdbcTombstoneRegistry r = JdbcTombstoneRegistry.builder(counting).table(table)
                .compactAbove(Integer.getInteger("gonefilter.compactAbove", 100_000))
                .syncInterval(Duration.ofMinutes(10)).snapshotFile(snapshot).build()) {
            long loadMillis = (System.nanoTime() - start) / 1_000_000;
            awaitFile(snapshot); // written in the background after the load
            long heapAfter = usedHeap();
            report("tombstones", n);
            report("compact mode", r.compact());
            report("full load (ms)", loadMillis);
            report("heap held by the registry (MB)", (heapAfter - heapBefore) / 1e6);
            report("bytes per tombstone", (double) (heapAfter - heapBefore) / n);
            report("max heap (-Xmx, MB)", Runtime.getRuntime().maxMemory() / 1e6);
            assertThat(r.size()).isGreaterThanOrEqualTo(n + 2);

            Instant now = Instant.now();
            SplittableRandom random = new SplittableRandom(42);
            int lookups = 2_000_000;
            for (int warm = 0; warm < 2; warm++) {
                int before = connections.get();
                long t0 = System.nanoTime();
                for (int i = 0; i < lookups; i++) {
                    if (r.find("/doc/" + (n + 1 + random.nextInt(1_000_000_000)), now).isPresent()) {
                        throw new AssertionError("live path found");
                    }
                }
                long ns = System.nanoTime() - t0;
                if (warm == 1) {
                    report("live lookups, ns each", (double) ns / lookups);
                    report("live lookups, database connections", connections.get() - before);
                    assertThat(connections.get()).isEqualTo(before);
                }
            }
            int before = connections.get();
            long t0 = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                if (r.find("/doc/" + (1 + random.nextInt(n)), now).isEmpty()) {
                    throw new AssertionError("gone path not found");
                }
            }
            report("gone lookups, ns each (details loaded in background)", (double) (System.nanoTime() - t0) / lookups);
            report("gone lookups, background detail queries (bounded by the queue)", connections.get() - before);
            assertThat(r.find("/legacy/a/b", now)).isPresent();

            long w0 = System.nanoTime();
            r.bury(io.github.gonefilter.tombstone.Tombstone.of("/doc/extra-" + System.nanoTime()));
            report("bury + sync (ms)", (System.nanoTime() - w0) / 1_000_000);
            awaitFile(snapshot);
            report("snapshot file (MB)", Files.size(snapshot) / 1e6);
        }
    }

    /** Waits until the snapshot file exists and has stopped growing. */
    private static void awaitFile(Path file) throws Exception {
        long last = -1;
        while (!Files.exists(file) || Files.size(file) != last) {
            last = Files.exists(file) ? Files.size(file) : -1;
            Thread.sleep(300);
        }
    }

    private static void report(String what, Object value) {
        System.out.printf("SCALE %-62s %s%n", what, value instanceof Double d ? String.format("%.1f", d) : value);
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Creates {@code n} exact-path tombstones and two globs inside PostgreSQL, unless a previous run did. */
    private static void fill(DataSource pg, String table, int n) throws SQLException {
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : JdbcTombstoneRegistry.schemaStatements("postgresql", table)) {
                s.execute(ddl);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE restored_at IS NULL")) {
                rs.next();
                if (rs.getLong(1) >= n + 2) {
                    report("rows already in " + table, rs.getLong(1));
                    return;
                }
            }
            long t0 = System.nanoTime();
            s.execute("TRUNCATE " + table);
            s.execute("ALTER TABLE " + table + " SET UNLOGGED");
            s.execute("INSERT INTO " + table + " (pattern_key, path, deleted_at, reason, message, visibility,"
                    + " restorable, version) SELECT '/doc/' || g, '/doc/' || g, now(), 'user_request',"
                    + " 'This document was deleted by its owner.', 'gone', true, g FROM generate_series(1, " + n + ") g");
            s.execute("INSERT INTO " + table + " (pattern_key, path, visibility, restorable, version) VALUES"
                    + " ('/legacy/**', '/legacy/**', 'gone', false, " + (n + 1) + "),"
                    + " ('/old-api/*/v1', '/old-api/*/v1', 'gone', false, " + (n + 2) + ")");
            s.execute("UPDATE " + table + "_version SET version = " + (n + 2));
            s.execute("ANALYZE " + table);
            report("rows inserted (ms)", (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
