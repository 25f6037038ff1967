package io.github.gonefilter.registry.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.support.StallingProxy;
import io.github.gonefilter.support.TestPool;
import io.github.gonefilter.support.TestServers;
import io.github.gonefilter.support.TestSite;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The soft-delete adapter over an application table in PostgreSQL: in front of a real filter, under a flood, in a stall. */
class SoftDeleteTablePostgresTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void deletedRowsAnswer410AndOtherPathsNeverQuery() throws Exception {
        DataSource pg = TestServers.postgres();
        String table = TestServers.freshTable();
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, title TEXT, deleted_at TIMESTAMPTZ,"
                    + " deletion_reason TEXT)");
            s.execute("INSERT INTO " + table + " VALUES (1, 'live', NULL, NULL), (2, 'gone', now(), 'user_request')");
        }
        try (SoftDeleteTableRegistry registry = SoftDeleteTableRegistry.builder(new TestPool(pg))
                .route("/api/documents/{id:long}", "SELECT deleted_at, deletion_reason FROM " + table + " WHERE id = ?")
                .missWait(Duration.ofSeconds(2)).build();
                TestSite site = new TestSite(registry)) {
            assertThat(site.get("/api/documents/abc")).isEqualTo(200);
            assertThat(site.get("/somewhere/else")).isEqualTo(200);
            assertThat(registry.queries()).isZero();
            assertThat(site.get("/api/documents/2")).isEqualTo(410);
            assertThat(site.get("/api/documents/1")).isEqualTo(200);
            assertThat(site.get("/api/documents/3")).isEqualTo(200);
            for (int i = 0; i < 20; i++) {
                assertThat(site.get("/api/documents/2")).isEqualTo(410);
                assertThat(site.get("/api/documents/1")).isEqualTo(200);
                assertThat(site.get("/api/documents/%2B0002")).isEqualTo(410); // +0002: the same row
            }
            assertThat(registry.queries()).isEqualTo(3);
        } finally {
            TestServers.dropTables(pg, table);
        }
    }

    /**
     * 30,000 random ids nobody has seen, from four threads over about three seconds: the database gets at
     * most the rate limit's worth of queries in every second, and the 100 deleted ids asked for before are
     * all still answered gone, from the cache.
     */
    @Test
    void aFloodOfRandomIdsIsRateLimitedAndKeepsEveryGoneAnswer() throws Exception {
        DataSource pg = TestServers.postgres();
        String table = TestServers.freshTable();
        long[] deleted = new long[100];
        for (int i = 0; i < deleted.length; i++) {
            deleted[i] = i < 50 ? 1_000 + i : 1_700_000_000_000_000_000L + i; // half of them 19-digit snowflakes
        }
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, deleted_at TIMESTAMPTZ)");
            s.execute("INSERT INTO " + table + " SELECT g, NULL FROM generate_series(1, 999) g");
            s.execute("INSERT INTO " + table + " VALUES " + Arrays.stream(deleted).mapToObj(id -> "(" + id + ", now())")
                    .collect(Collectors.joining(", ")));
        }
        int rate = 100;
        try (SoftDeleteTableRegistry registry = SoftDeleteTableRegistry.builder(new TestPool(pg))
                .route("/api/documents/{id:long}", "SELECT deleted_at FROM " + table + " WHERE id = ?")
                .missQueriesPerSecond(rate).build()) {
            for (long id : deleted) {
                awaitGone(registry, "/api/documents/" + id);
            }
            assertThat(registry.cachedGoneAnswers()).isEqualTo(100);

            long queriesBefore = registry.queries();
            long shedBefore = registry.shedQueries();
            long start = System.nanoTime();
            int requests = 30_000;
            ExecutorService flood = Executors.newFixedThreadPool(5);
            List<long[]> samples = new java.util.concurrent.CopyOnWriteArrayList<>(); // {nanoTime, queries}
            try {
                Future<?> sampler = flood.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        samples.add(new long[] {System.nanoTime(), registry.queries()});
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(flood.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < requests / 4; i++) {
                            long id = random.nextBoolean() ? random.nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE)
                                    : random.nextLong(1_000_000, 1_000_000_000);
                            assertThat(registry.find("/api/documents/" + id, NOW)).isEmpty();
                            if (i % 10 == 9) {
                                Thread.sleep(4);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
                sampler.cancel(true);
            } finally {
                flood.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int i = 0; i < 500 && registry.pendingQueries() > 0; i++) {
                Thread.sleep(10);
            }
            long queries = registry.queries() - queriesBefore;
            long shed = registry.shedQueries() - shedBefore;
            System.out.printf("flood: %,d requests in %.2f s: %,d queries (%.0f/s), %,d shed%n", requests, seconds,
                    queries, queries / seconds, shed);
            // A full bucket (one second's worth) plus the refill while the flood lasted.
            assertThat(queries).isLessThanOrEqualTo((long) (rate + rate * seconds) + 1);
            assertThat(queries + shed).isGreaterThanOrEqualTo(requests - 10); // random ids practically never repeat
            // In any stretch of about a second: at most a full bucket plus the refill, with a fifth of a second of
            // slack because a query is counted when a loader thread runs it, a little after it took its token.
            for (int i = 0; i + 10 < samples.size(); i++) {
                double stretch = (samples.get(i + 10)[0] - samples.get(i)[0]) / 1e9;
                assertThat(samples.get(i + 10)[1] - samples.get(i)[1]).as("queries in %.2f s", stretch)
                        .isLessThanOrEqualTo((long) (rate + rate * (stretch + 0.2)));
            }

            long after = registry.queries();
            int stillGone = 0;
            for (long id : deleted) {
                if (registry.find("/api/documents/" + id, NOW).isPresent()) {
                    stillGone++;
                }
            }
            assertThat(stillGone).isEqualTo(100);
            assertThat(registry.queries()).isEqualTo(after); // from the cache
        } finally {
            TestServers.dropTables(pg, table);
        }
    }

    private static void awaitGone(SoftDeleteTableRegistry registry, String path) throws InterruptedException {
        for (int i = 0; i < 500 && registry.find(path, NOW).isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(registry.find(path, NOW)).as(path).isPresent();
    }

    /**
     * Through a proxy that stops forwarding (a network partition without resets), with connections opened
     * before the stall and a data source that connects anew afterwards: every call is bounded by the query
     * timeout, so lookups wait no longer than that, no loader thread stays in a socket read, known answers
     * keep being served, close() returns at once, and queries work again when the network does.
     */
    @Test
    void aStalledNetworkHoldsNoLoaderThreadBeyondTheTimeout() throws Exception {
        PGSimpleDataSource direct = TestServers.postgres();
        String table = TestServers.freshTable();
        try (Connection c = direct.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, deleted_at TIMESTAMPTZ)");
            s.execute("INSERT INTO " + table + " VALUES (1, NULL), (2, now()), (3, now())");
        }
        URI server = URI.create(direct.getURL().substring("jdbc:".length()));
        try (StallingProxy proxy = new StallingProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort())) {
            PGSimpleDataSource viaProxy = new PGSimpleDataSource();
            viaProxy.setURL(direct.getURL());
            viaProxy.setPortNumbers(new int[] {proxy.port()});
            viaProxy.setUser(direct.getUser());
            viaProxy.setPassword(direct.getPassword());
            viaProxy.setSocketTimeout(0); // as a careless pool would: no timeout of its own on reads
            viaProxy.setLoginTimeout(0);
            ConcurrentLinkedQueue<Connection> openBeforeTheStall = new ConcurrentLinkedQueue<>();
            DataSource dataSource = dataSource(openBeforeTheStall, viaProxy);
            Duration timeout = Duration.ofMillis(500);
            SoftDeleteTableRegistry registry = SoftDeleteTableRegistry.builder(dataSource)
                    .route("/api/documents/{id:long}", "SELECT deleted_at FROM " + table + " WHERE id = ?")
                    .queryTimeout(timeout).missWait(Duration.ofSeconds(4)).build();
            try {
                assertThat(registry.find("/api/documents/2", NOW)).isPresent();
                for (int i = 0; i < 2; i++) {
                    openBeforeTheStall.add(viaProxy.getConnection());
                }
                proxy.stall();

                // Two lookups read from connections opened before the stall, two must connect anew.
                for (long id = 10; id < 14; id++) {
                    long start = System.nanoTime();
                    assertThat(registry.find("/api/documents/" + id, NOW)).isEmpty();
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertThat(took).as("lookup of id " + id).isLessThan(Duration.ofMillis(2500)); // missWait is 4 s
                }
                assertThat(registry.find("/api/documents/2", NOW)).isPresent(); // known answers stay
                Thread.sleep(timeout.toMillis());
                assertThat(loaderThreadsInSocketReads()).isEmpty();

                proxy.resume();
                Thread.sleep(200);
                // Failed ids are retried after errorTtl; a new one is queried now.
                assertThat(registry.find("/api/documents/3", NOW)).isPresent();

                proxy.stall();
                ExecutorService request = Executors.newSingleThreadExecutor();
                Future<?> waiting = request.submit(() -> registry.find("/api/documents/20", NOW));
                Thread.sleep(100); // its query is stuck in the stall now
                long start = System.nanoTime();
                registry.close();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
                waiting.get(1, TimeUnit.SECONDS); // the waiting request is let go too
                request.shutdownNow();
            } finally {
                registry.close();
                proxy.resume();
                openBeforeTheStall.forEach(SoftDeleteTablePostgresTest::closeQuietly);
            }
        } finally {
            TestServers.dropTables(direct, table);
        }
    }

    /** Hands out the connections in {@code first} (never validated, as a pool with idle connections would), then new ones. */
    private static DataSource dataSource(ConcurrentLinkedQueue<Connection> first, DataSource then) {
        return (DataSource) Proxy.newProxyInstance(SoftDeleteTablePostgresTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && (args == null || args.length == 0)) {
                        Connection c = first.poll();
                        return c != null ? c : then.getConnection();
                    }
                    return method.invoke(then, args);
                });
    }

    private static List<String> loaderThreadsInSocketReads() {
        List<String> stuck = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey().getName().matches("gone-filter-table-\\d+")) {
                for (StackTraceElement frame : e.getValue()) {
                    if (frame.getClassName().startsWith("java.net.") || frame.getClassName().startsWith("sun.nio.ch.")) {
                        stuck.add(e.getKey().getName() + " in " + frame);
                        break;
                    }
                }
            }
        }
        return stuck;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
