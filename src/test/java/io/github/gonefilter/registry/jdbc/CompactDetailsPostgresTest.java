package io.github.gonefilter.registry.jdbc;

import static io.github.gonefilter.support.CompactDetails.awaitDetails;
import static io.github.gonefilter.support.CompactDetails.withoutDetailsAfterOneBurst;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.support.TestServers;
import io.github.gonefilter.tombstone.Tombstone;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compact mode's details over the real PostgreSQL: after one burst of requests for thousands of distinct
 * gone paths every one gets its details, and a tombstone's details cost one query whatever the spelling of
 * the requests (case-insensitive registry). Detail queries are counted at the data source.
 */
class CompactDetailsPostgresTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private DataSource server;
    private String table;
    private final AtomicInteger detailQueries = new AtomicInteger();
    private DataSource counting;

    @BeforeEach
    void tables() throws Exception {
        server = TestServers.postgres();
        table = TestServers.freshTable();
        counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(server, method, args);
                    return result instanceof Connection c ? countingDetailQueries(c) : result;
                });
        try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
            for (String sql : JdbcTombstoneRegistry.schemaStatements("postgresql", table)) {
                s.execute(sql);
            }
        }
    }

    @AfterEach
    void dropTables() {
        TestServers.dropTables(server, table);
    }

    @Test
    void everyGonePathGetsItsDetailsAfterOneBurstOfDistinctPaths() throws Exception {
        insertPlain("/doc/", 5000);
        try (JdbcTombstoneRegistry r = open(true)) {
            assertThat(r.compact()).isTrue();
            List<String> paths = new ArrayList<>();
            for (int i = 1; i <= 5000; i++) {
                paths.add("/doc/" + i);
            }
            long start = System.nanoTime();
            assertThat(withoutDetailsAfterOneBurst(r, paths, Duration.ofSeconds(30))).isEmpty();
            System.out.println("CompactDetailsPostgresTest: details of 5,000 paths after one burst in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms, " + detailQueries.get() + " queries");
            assertThat(detailQueries.get()).as("batched").isLessThanOrEqualTo(5000 / 100 + 10);
            assertThat(r.detailRequestsDropped()).isZero();
            assertThat(awaitDetails(r, "/doc/4321").message()).isEqualTo("gone 4321");
        }
    }

    @Test
    void oneDetailQueryPerTombstoneWhateverTheSpelling() throws Exception {
        insertPlain("/docs/", 50);
        try (JdbcTombstoneRegistry r = open(false)) {
            r.bury(Tombstone.builder("/Docs/Mixed").message("mixed case").build());
            assertThat(r.compact()).isTrue();
            int before = detailQueries.get();
            for (int i = 0; i < 2000; i++) {
                assertThat(r.find("/DOCS/7", NOW)).isPresent();
            }
            assertThat(awaitDetails(r, "/DOCS/7").message()).isEqualTo("gone 7");
            assertThat(awaitDetails(r, "/Docs/7").message()).isEqualTo("gone 7");
            assertThat(awaitDetails(r, "/docs/7").message()).isEqualTo("gone 7");
            assertThat(detailQueries.get() - before).as("detail queries for /docs/7").isEqualTo(1);

            // A key with capitals is held in full, so any spelling finds its details without a query.
            assertThat(r.list()).extracting(t -> t.pattern().key()).contains("/Docs/Mixed");
            assertThat(r.find("/DOCS/MIXED", NOW)).get().extracting(Tombstone::message).isEqualTo("mixed case");
            assertThat(detailQueries.get() - before).isEqualTo(1);
        }
    }

    private JdbcTombstoneRegistry open(boolean caseSensitive) {
        return JdbcTombstoneRegistry.builder(counting).table(table).caseSensitive(caseSensitive).compactAbove(20)
                .syncInterval(Duration.ofMinutes(10)).build();
    }

    /** Writes {@code n} plain tombstones {@code prefix1..prefixN} as a bulk import would, by the protocol. */
    private void insertPlain(String prefix, int n) throws Exception {
        try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE " + table + "_version SET version = version + " + n + " WHERE id = 1");
            s.execute("INSERT INTO " + table + " (pattern_key, path, message, version) SELECT '" + prefix + "' || i, '"
                    + prefix + "' || i, 'gone ' || i, i FROM generate_series(1, " + n + ") i");
            c.commit();
        }
    }

    private Connection countingDetailQueries(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String sql = method.getName().equals("prepareStatement") ? String.valueOf(args[0]) : "";
                    if (sql.startsWith("SELECT pattern_key") && sql.contains(" WHERE pattern_key")) {
                        detailQueries.incrementAndGet();
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
