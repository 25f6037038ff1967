package io.github.gonefilter.registry.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.gonefilter.support.FakeTicker;
import io.github.gonefilter.support.H2Database;
import io.github.gonefilter.support.IsolatedClasses;
import io.github.gonefilter.tombstone.Tombstone;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The soft-delete adapter over an H2 table: templates and id parsing, the non-blocking miss, both caches,
 * the rate limit on misses, one query per row, timeouts, and the Caffeine requirement.
 */
class SoftDeleteTableRegistryTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String QUERY = "SELECT deleted_at, deletion_reason FROM documents WHERE id = ?";

    private final FakeTicker ticker = new FakeTicker();
    private final H2Database h2 = new H2Database();
    private final DataSource counting = h2.dataSource();
    private SoftDeleteTableRegistry registry;

    @BeforeEach
    void createTable() throws SQLException {
        sql("CREATE TABLE documents (id BIGINT PRIMARY KEY, deleted_at TIMESTAMP WITH TIME ZONE,"
                + " deletion_reason VARCHAR(200))");
        sql("INSERT INTO documents VALUES (1, NULL, NULL), (2, TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00',"
                + " 'user_request'), (3, CURRENT_TIMESTAMP, 'Not A Code!')");
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    private void sql(String statement) throws SQLException {
        h2.sql(statement);
    }

    private SoftDeleteTableRegistry.Builder builder() {
        return SoftDeleteTableRegistry.builder(counting).ticker(ticker).route("/api/documents/{id:long}", QUERY);
    }

    /** Waits until {@code expected} queries have run and every one has been answered and cached. */
    private void awaitQueries(long expected) throws InterruptedException {
        for (int i = 0; i < 500 && (registry.queries() < expected || registry.pendingQueries() > 0); i++) {
            Thread.sleep(10);
        }
        assertThat(registry.queries()).isEqualTo(expected);
        assertThat(registry.pendingQueries()).isZero();
    }

    @Test
    void pathsOutsideTheTemplateAndIdsThatDoNotParseNeverTouchTheDatabase() {
        registry = builder().build();
        for (String path : new String[] {"/", "/api/documents", "/api/documents/1/comments", "/api/documents/abc",
            "/api/documents/99999999999999999999", "/api/documents/9223372036854775808", "/api/documents/1.5",
            "/api/documents/0x", "/api/documents/--1", "/api/documents/1e3", "/API/documents/2", "/other/2"}) {
            assertThat(registry.find(path, NOW)).as(path).isEmpty();
        }
        assertThat(h2.connections()).isZero();
        assertThat(registry.queries()).isZero();
        assertThat(registry.shedQueries()).isZero();
    }

    @Test
    void firstLookupOfAnUnknownIdDoesNotWaitAndLaterOnesAnswerFromTheCache() throws Exception {
        sql("CREATE ALIAS SLOW_ID FOR \"" + H2Functions.class.getName() + ".slowId\"");
        registry = SoftDeleteTableRegistry.builder(counting).ticker(ticker)
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
    void everySpellingOfAnIdIsOneRowOneCacheEntryAndOneQuery() {
        registry = builder().missWait(Duration.ofSeconds(2)).build();
        for (String id : new String[] {"2", "02", "002", "+2", "0x2", "#2", " 2", "２", "0".repeat(500) + "2"}) {
            assertThat(registry.find("/api/documents/" + id, NOW)).as(id).get()
                    .extracting(t -> t.pattern().key()).isEqualTo("/api/documents/2");
        }
        assertThat(registry.queries()).isEqualTo(1);
        assertThat(registry.cachedAnswers()).isEqualTo(1);
        assertThat(registry.list()).extracting(t -> t.pattern().key()).containsExactly("/api/documents/2");
    }

    @Test
    void everyLongIsLookedUpSnowflakesIncluded() throws Exception {
        sql("INSERT INTO documents VALUES (1234567890123456789, CURRENT_TIMESTAMP, NULL),"
                + " (9223372036854775807, CURRENT_TIMESTAMP, NULL), (-9223372036854775808, CURRENT_TIMESTAMP, NULL)");
        registry = builder().missWait(Duration.ofSeconds(2)).build();
        assertThat(registry.find("/api/documents/1234567890123456789", NOW)).isPresent(); // 19 digits
        assertThat(registry.find("/api/documents/9223372036854775807", NOW)).isPresent();
        assertThat(registry.find("/api/documents/-9223372036854775808", NOW)).isPresent();
        assertThat(registry.find("/api/documents/9223372036854775808", NOW)).isEmpty(); // overflow: not an id
        assertThat(registry.queries()).isEqualTo(3);
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
        ticker.advance(Duration.ofSeconds(31)); // the live answer expired; the gone one has not
        assertThat(registry.find("/api/documents/1", NOW)).isPresent(); // a miss again: missWait gives the answer
        assertThat(registry.find("/api/documents/2", NOW)).isPresent();
        assertThat(registry.queries()).isEqualTo(3);
        ticker.advance(Duration.ofMinutes(10));
        assertThat(registry.find("/api/documents/2", NOW)).isPresent(); // stale: served while it is refreshed
        awaitQueries(4);
        assertThat(registry.find("/api/documents/2", NOW)).isEmpty();

        sql("UPDATE documents SET deleted_at = NULL WHERE id = 1");
        registry.invalidate("/api/documents/01"); // any spelling
        assertThat(registry.find("/api/documents/1", NOW)).isEmpty();
    }

    @Test
    void aFloodOfMissesNeverPushesOutAGoneAnswer() throws Exception {
        registry = builder().positiveCacheSize(100).negativeCacheSize(100).missQueriesPerSecond(1_000_000)
                .missWait(Duration.ofSeconds(2)).build();
        assertThat(registry.find("/api/documents/2", NOW)).isPresent();
        assertThat(registry.find("/api/documents/3", NOW)).isPresent();
        long before = registry.queries();
        for (int i = 0; i < 2000; i++) {
            assertThat(registry.find("/api/documents/" + (1000 + i), NOW)).isEmpty();
        }
        assertThat(registry.queries()).isEqualTo(before + 2000);
        assertThat(registry.cachedAnswers()).isLessThanOrEqualTo(102);
        assertThat(registry.find("/api/documents/2", NOW)).isPresent();
        assertThat(registry.find("/api/documents/3", NOW)).isPresent();
        assertThat(registry.queries()).isEqualTo(before + 2000); // answered from the cache, no query
    }

    @Test
    void queriesForIdsNotInTheCacheAreRateLimitedAndTheShedOnesCounted() throws Exception {
        registry = builder().missQueriesPerSecond(10).build();
        for (int i = 0; i < 100; i++) {
            assertThat(registry.find("/api/documents/" + (1000 + i), NOW)).isEmpty();
        }
        assertThat(registry.shedQueries()).isEqualTo(90);
        awaitQueries(10);

        ticker.advance(Duration.ofMillis(500)); // half a second refills five tokens
        for (int i = 0; i < 100; i++) {
            registry.find("/api/documents/" + (2000 + i), NOW);
        }
        assertThat(registry.shedQueries()).isEqualTo(185);
        awaitQueries(15);
        // Known answers need no token: id 1000 is cached as not gone.
        assertThat(registry.find("/api/documents/1000", NOW)).isEmpty();
        assertThat(registry.shedQueries()).isEqualTo(185);
    }

    @Test
    void refreshingAStaleGoneAnswerIsNotRateLimitedAndSeesTheRestore() throws Exception {
        registry = builder().missQueriesPerSecond(1).missWait(Duration.ofSeconds(2)).build();
        assertThat(registry.find("/api/documents/2", NOW)).isPresent(); // takes the one token
        ticker.advance(Duration.ofMinutes(11)); // stale now; the bucket holds one token again
        assertThat(registry.find("/api/documents/5000", NOW)).isEmpty(); // a miss takes it
        assertThat(registry.find("/api/documents/5001", NOW)).isEmpty();
        assertThat(registry.shedQueries()).isEqualTo(1);

        sql("UPDATE documents SET deleted_at = NULL WHERE id = 2");
        assertThat(registry.find("/api/documents/2", NOW)).isPresent(); // stale, refreshed behind
        awaitQueries(3);
        assertThat(registry.find("/api/documents/2", NOW)).isEmpty();
        assertThat(registry.shedQueries()).isEqualTo(1);
    }

    @Test
    void concurrentRequestsForOneRowMakeOneQuery() throws Exception {
        sql("CREATE ALIAS SLOW_ID FOR \"" + H2Functions.class.getName() + ".slowId\"");
        registry = SoftDeleteTableRegistry.builder(counting).ticker(ticker)
                .route("/api/documents/{id:long}", "SELECT deleted_at, deletion_reason FROM documents WHERE id = SLOW_ID(?)")
                .queryTimeout(Duration.ofSeconds(5)).missWait(Duration.ofSeconds(3)).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Tombstone>>> answers = new ArrayList<>();
            String[] spellings = {"2", "02", "+2", "0x2"};
            for (int i = 0; i < 40; i++) {
                String path = "/api/documents/" + spellings[i % spellings.length];
                answers.add(pool.submit(() -> registry.find(path, NOW)));
            }
            for (Future<Optional<Tombstone>> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.queries()).isEqualTo(1);
    }

    @Test
    void aSlowQueryIsCancelledAtTheTimeoutAndFailsOpen() throws Exception {
        registry = SoftDeleteTableRegistry.builder(counting).ticker(ticker)
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
        assertThatThrownBy(() -> builder().positiveCacheSize(0)).hasMessageContaining("positiveCacheSize must be at least 1");
        assertThatThrownBy(() -> builder().negativeCacheSize(-1)).hasMessageContaining("negativeCacheSize");
        assertThatThrownBy(() -> builder().missQueriesPerSecond(0)).hasMessageContaining("missQueriesPerSecond");
        assertThatThrownBy(() -> builder().missWait(Duration.ZERO).missWait(Duration.ZERO))
                .hasMessageContaining("missWait was already set");
        assertThatThrownBy(() -> builder().ticker(System::nanoTime)).hasMessageContaining("ticker was already set");
        assertThatThrownBy(() -> SoftDeleteTableRegistry.builder(counting).build()).hasMessageContaining("route");
    }

    @Test
    void withoutCaffeineTheBuilderNamesTheMissingDependency() throws Exception {
        try (URLClassLoader isolated = IsolatedClasses.libraryWith()) {
            Method builder = isolated.loadClass(SoftDeleteTableRegistry.class.getName()).getMethod("builder", DataSource.class);
            assertThatThrownBy(() -> builder.invoke(null, counting)).isInstanceOf(InvocationTargetException.class)
                    .cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("com.github.ben-manes.caffeine:caffeine").hasMessageContaining("optional");
        }
        try (URLClassLoader isolated = IsolatedClasses.libraryWith(Caffeine.class)) {
            Method builder = isolated.loadClass(SoftDeleteTableRegistry.class.getName()).getMethod("builder", DataSource.class);
            assertThat(builder.invoke(null, counting)).isNotNull();
        }
    }
}
