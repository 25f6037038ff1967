package io.github.gonefilter.registry.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.tombstone.Tombstone;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The soft-delete adapter over an H2 table: templates, the non-blocking miss, both caches, timeouts. */
class SoftDeleteTableRegistryTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String QUERY = "SELECT deleted_at, deletion_reason FROM documents WHERE id = ?";

    private final AtomicInteger connections = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private JdbcDataSource h2;
    private DataSource counting;
    private SoftDeleteTableRegistry registry;

    @BeforeEach
    void createTable() throws SQLException {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        sql("CREATE TABLE documents (id BIGINT PRIMARY KEY, deleted_at TIMESTAMP WITH TIME ZONE,"
                + " deletion_reason VARCHAR(200))");
        sql("INSERT INTO documents VALUES (1, NULL, NULL), (2, TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00',"
                + " 'user_request'), (3, CURRENT_TIMESTAMP, 'Not A Code!')");
        counting = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    return method.invoke(h2, args);
                });
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private SoftDeleteTableRegistry.Builder builder() {
        return SoftDeleteTableRegistry.builder(counting).clock(clock).route("/api/documents/{id:long}", QUERY);
    }

    /** Looks up until the background query has answered. */
    private Optional<Tombstone> settled(String path) throws InterruptedException {
        registry.find(path, NOW);
        for (int i = 0; i < 200 && registry.cachedAnswers() == 0; i++) {
            Thread.sleep(10);
        }
        int before = registry.queries();
        Optional<Tombstone> answer = registry.find(path, NOW);
        for (int i = 0; i < 200; i++) {
            Thread.sleep(10);
            Optional<Tombstone> again = registry.find(path, NOW);
            if (again.equals(answer) && registry.queries() == before) {
                return again;
            }
            answer = again;
            before = registry.queries();
        }
        return answer;
    }

    @Test
    void pathsOutsideTheTemplateNeverTouchTheDatabase() {
        registry = builder().build();
        for (String path : new String[] {"/", "/api/documents", "/api/documents/1/comments", "/api/documents/abc",
                "/api/documents/99999999999999999999", "/API/documents/2", "/other/2"}) {
            assertThat(registry.find(path, NOW)).as(path).isEmpty();
        }
        assertThat(connections.get()).isZero();
        assertThat(registry.queries()).isZero();
    }

    @Test
    void firstLookupOfAnUnknownIdDoesNotWaitAndLaterOnesAnswerFromTheCache() throws Exception {
        sql("CREATE ALIAS SLOW_ID FOR \"" + H2Functions.class.getName() + ".slowId\"");
        registry = SoftDeleteTableRegistry.builder(counting).clock(clock)
                .route("/api/documents/{id:long}", "SELECT deleted_at, deletion_reason FROM documents WHERE id = SLOW_ID(?)")
                .queryTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        assertThat(registry.find("/api/documents/2", NOW)).isEmpty(); // not known yet: passes, query runs behind
        // SLOW_ID takes a second: the lookup returned before the query could have answered.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
        for (int i = 0; i < 1000 && registry.cachedAnswers() == 0; i++) {
            Thread.sleep(10);
        }
        Optional<Tombstone> gone = registry.find("/api/documents/2", NOW);
        assertThat(gone).isPresent();
        assertThat(gone.get().deletedAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(gone.get().reason()).isEqualTo("user_request");
        assertThat(gone.get().pattern().key()).isEqualTo("/api/documents/2");
        assertThat(gone.get().restorable()).isTrue();
        assertThat(registry.queries()).isEqualTo(1);
    }

    @Test
    void missWaitGivesTheAnswerOnTheFirstRequest() {
        registry = builder().missWait(Duration.ofSeconds(2)).build();
        assertThat(registry.find("/api/documents/2", NOW)).isPresent();
        assertThat(registry.find("/api/documents/1", NOW)).isEmpty();
        assertThat(registry.find("/api/documents/404", NOW)).isEmpty();
        // An invalid reason code is left out rather than failing the lookup.
        assertThat(registry.find("/api/documents/3", NOW)).get().extracting(Tombstone::reason).isNull();
    }

    @Test
    void liveAndGoneAnswersAreCachedForTheirLifetimes() throws Exception {
        registry = builder().missWait(Duration.ofSeconds(2)).positiveTtl(Duration.ofMinutes(10))
                .negativeTtl(Duration.ofSeconds(30)).build();
        assertThat(registry.find("/api/documents/1", NOW)).isEmpty();
        assertThat(registry.find("/api/documents/2", NOW)).isPresent();
        for (int i = 0; i < 100; i++) {
            registry.find("/api/documents/1", NOW);
            registry.find("/api/documents/2", NOW);
        }
        assertThat(registry.queries()).isEqualTo(2);

        sql("UPDATE documents SET deleted_at = CURRENT_TIMESTAMP WHERE id = 1");
        sql("UPDATE documents SET deleted_at = NULL WHERE id = 2");
        clock.advance(Duration.ofSeconds(31)); // the live answer expired; the gone one has not
        assertThat(settled("/api/documents/1")).isPresent();
        assertThat(registry.find("/api/documents/2", NOW)).isPresent();
        clock.advance(Duration.ofMinutes(10));
        assertThat(settled("/api/documents/2")).isEmpty();

        sql("UPDATE documents SET deleted_at = NULL WHERE id = 1");
        registry.invalidate("/api/documents/1");
        assertThat(registry.find("/api/documents/1", NOW)).isEmpty();
    }

    @Test
    void theCacheIsBounded() throws Exception {
        registry = builder().cacheSize(100).missWait(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 1000; i++) {
            registry.find("/api/documents/" + (1000 + i), NOW);
        }
        assertThat(registry.cachedAnswers()).isLessThanOrEqualTo(100);
        assertThat(registry.find("/api/documents/2", NOW)).isPresent();
    }

    @Test
    void aSlowQueryIsCancelledAtTheTimeoutAndFailsOpen() throws Exception {
        registry = SoftDeleteTableRegistry.builder(counting).clock(clock)
                .route("/slow/{id:long}", "SELECT deleted_at, deletion_reason FROM documents WHERE id = ?"
                        + " AND (SELECT MAX(a.X + b.X) FROM SYSTEM_RANGE(1, 100000) a, SYSTEM_RANGE(1, 100000) b) > 0")
                .queryTimeout(Duration.ofMillis(200)).missWait(Duration.ofSeconds(3)).build();
        long start = System.nanoTime();
        assertThat(registry.find("/slow/2", NOW)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        // The failure is cached briefly, so an outage does not turn into a query per request.
        assertThat(registry.find("/slow/2", NOW)).isEmpty();
        assertThat(registry.queries()).isEqualTo(1);
    }

    @Test
    void configurationErrorsNameTheSetting() {
        assertThatThrownBy(() -> SoftDeleteTableRegistry.builder(counting).route("/a/{id}", "SELECT 1"))
                .hasMessageContaining("0 '?' parameters").hasMessageContaining("1 variables");
        assertThatThrownBy(() -> SoftDeleteTableRegistry.builder(counting).route("/a/x{id}", QUERY))
                .hasMessageContaining("whole segment");
        assertThatThrownBy(() -> SoftDeleteTableRegistry.builder(counting).route("/a/b", QUERY))
                .hasMessageContaining("no variable");
        assertThatThrownBy(() -> builder().cacheSize(0)).hasMessageContaining("cacheSize");
        assertThatThrownBy(() -> builder().missWait(Duration.ZERO).missWait(Duration.ZERO))
                .hasMessageContaining("missWait was already set");
        assertThatThrownBy(() -> SoftDeleteTableRegistry.builder(counting).build()).hasMessageContaining("route");
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = NOW;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
