package io.github.gonefilter.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.github.gonefilter.registry.sync.RegistryUnavailableException;
import io.github.gonefilter.support.FakeTicker;
import io.github.gonefilter.support.H2Database;
import io.github.gonefilter.support.IsolatedClasses;
import io.github.gonefilter.support.TestClock;
import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistryListener;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Start-up, outage policy and configuration of the JDBC registry, over H2 that the test can "take down". */
class JdbcTombstoneRegistryTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final H2Database h2 = new H2Database();
    private final DataSource ds = h2.dataSource();
    private final TestClock clock = new TestClock(NOW);
    private final FakeTicker ticker = new FakeTicker();

    @Test
    void tablesAreCreatedOnTheFirstWorkingConnectionWhenTheDatabaseWasDownAtStart() {
        h2.down(true);
        try (JdbcTombstoneRegistry r = JdbcTombstoneRegistry.builder(ds).createSchema(true)
                .syncInterval(Duration.ofMinutes(10)).build()) {
            assertThat(r.outage()).isTrue();
            assertThat(r.find("/a", NOW)).isEmpty();
            h2.down(false);
            assertThat(r.syncNow()).isTrue();
            r.bury(Tombstone.of("/a"));
            assertThat(r.find("/a", NOW)).isPresent();
        }
    }

    @Test
    void failClosedRegistryRefusesLookupsOnceItsSnapshotIsTooOld() {
        try (JdbcTombstoneRegistry r = JdbcTombstoneRegistry.builder(ds).createSchema(true).ticker(ticker)
                .failOpen(false).maxStaleness(Duration.ofSeconds(30)).syncInterval(Duration.ofMinutes(10)).build()) {
            r.bury(Tombstone.of("/a"));
            h2.down(true);
            ticker.advance(Duration.ofSeconds(20));
            assertThat(r.syncNow()).isFalse();
            assertThat(r.find("/a", NOW)).isPresent(); // still within maxStaleness
            ticker.advance(Duration.ofSeconds(20));
            assertThatThrownBy(() -> r.find("/b", NOW)).isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("fail-closed");
            h2.down(false);
            assertThat(r.syncNow()).isTrue();
            assertThat(r.find("/a", NOW)).isPresent();
        }
    }

    @Test
    void aStaleFailClosedRegistryLetsNoPathPassUnchecked() {
        try (JdbcTombstoneRegistry r = JdbcTombstoneRegistry.builder(ds).createSchema(true).ticker(ticker)
                .failOpen(false).maxStaleness(Duration.ofSeconds(30)).syncInterval(Duration.ofMinutes(10)).build()) {
            r.bury(Tombstone.of("/a"));
            assertThat(r.mayMatch("/b")).as("fresh: a live path needs no lookup").isFalse();
            h2.down(true);
            ticker.advance(Duration.ofSeconds(31));
            assertThat(r.syncNow()).isFalse();
            // The filter must call find, which refuses: a live path is not known to be live any more.
            assertThat(r.mayMatch("/b")).isTrue();
            assertThatThrownBy(() -> r.find("/b", NOW)).isInstanceOf(RegistryUnavailableException.class);
        }
    }

    @Test
    void aFailClosedRegistryThatNeverSyncedLetsNoPathPassUnchecked() {
        h2.down(true);
        try (JdbcTombstoneRegistry r = JdbcTombstoneRegistry.builder(ds).createSchema(true).ticker(ticker)
                .failOpen(false).syncInterval(Duration.ofMinutes(10)).build()) {
            assertThat(r.mayMatch("/anything")).isTrue();
        }
    }

    @Test
    void wallClockSteppedBackDoesNotHideStaleness() {
        try (JdbcTombstoneRegistry r = failClosed(Duration.ofSeconds(3))) {
            r.bury(Tombstone.of("/a"));
            // The database is down for 7 s while the system time is corrected an hour back.
            h2.down(true);
            clock.advance(Duration.ofHours(-1));
            ticker.advance(Duration.ofSeconds(7));
            assertThat(r.syncNow()).isFalse();
            assertThatThrownBy(() -> r.find("/a", NOW)).isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("stale (last sync 7 s ago)");
        }
    }

    @Test
    void wallClockSteppedForwardDoesNotFakeStaleness() {
        try (JdbcTombstoneRegistry r = failClosed(Duration.ofSeconds(3))) {
            r.bury(Tombstone.of("/a"));
            // The database is up; the system time jumps 5 minutes ahead, one second after the last sync.
            clock.advance(Duration.ofMinutes(5));
            ticker.advance(Duration.ofSeconds(1));
            assertThat(r.find("/a", NOW)).isPresent();
            assertThat(r.find("/b", NOW)).isEmpty();
        }
    }

    private JdbcTombstoneRegistry failClosed(Duration maxStaleness) {
        return JdbcTombstoneRegistry.builder(ds).createSchema(true).clock(clock).ticker(ticker).failOpen(false)
                .maxStaleness(maxStaleness).syncInterval(Duration.ofMinutes(10)).build();
    }

    @Test
    void failOpenRegistryAnswersFromItsSnapshotHoweverOld() {
        try (JdbcTombstoneRegistry r = JdbcTombstoneRegistry.builder(ds).createSchema(true).ticker(ticker)
                .syncInterval(Duration.ofMinutes(10)).build()) {
            r.bury(Tombstone.of("/a"));
            h2.down(true);
            ticker.advance(Duration.ofDays(3));
            assertThat(r.syncNow()).isFalse();
            assertThat(r.outage()).isTrue();
            assertThat(r.find("/a", NOW)).isPresent();
            assertThatThrownBy(() -> r.bury(Tombstone.of("/b"))).hasMessageContaining("cannot bury /b");
        }
    }

    @Test
    void failClosedRegistryThatNeverReadItsStoreRefusesLookups() {
        h2.down(true);
        try (JdbcTombstoneRegistry r = JdbcTombstoneRegistry.builder(ds).createSchema(true).ticker(ticker)
                .failOpen(false).syncInterval(Duration.ofMinutes(10)).build()) {
            assertThatThrownBy(() -> r.find("/a", NOW)).isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("never been read");
        }
    }

    @Test
    void statusSaysWhetherLookupsAreAnsweredAndFromWhat() {
        try (JdbcTombstoneRegistry r = JdbcTombstoneRegistry.builder(ds).createSchema(true).clock(clock).ticker(ticker)
                .failOpen(false).maxStaleness(Duration.ofSeconds(30)).syncInterval(Duration.ofMinutes(10)).build()) {
            TombstoneRegistryListener listener = mock(TombstoneRegistryListener.class);
            r.addListener(listener);
            r.bury(Tombstone.of("/a"));
            RegistryStatus current = r.status();
            assertThat(current.kind()).isEqualTo("jdbc");
            assertThat(current.state()).isEqualTo(RegistryStatus.State.CURRENT);
            assertThat(current.size()).isEqualTo(1);
            assertThat(current.lastLoaded()).isEqualTo(clock.instant());
            assertThat(current.lastError()).isNull();

            h2.down(true);
            ticker.advance(Duration.ofSeconds(10));
            assertThat(r.syncNow()).isFalse();
            verify(listener).synced(false);
            RegistryStatus stale = r.status();
            assertThat(stale.state()).as("answers from its snapshot").isEqualTo(RegistryStatus.State.STALE);
            assertThat(stale.lastError()).contains("database down");
            assertThat(stale.lastLoaded()).isEqualTo(current.lastLoaded());

            ticker.advance(Duration.ofSeconds(30));
            assertThat(r.status().state()).as("fail-closed past maxStaleness").isEqualTo(RegistryStatus.State.UNAVAILABLE);

            h2.down(false);
            assertThat(r.syncNow()).isTrue();
            assertThat(r.status().state()).isEqualTo(RegistryStatus.State.CURRENT);
            assertThat(r.status().lastError()).isNull();
        }
    }

    @Test
    void aRegistryThatNeverReadItsStoreIsUnavailable() {
        h2.down(true);
        try (JdbcTombstoneRegistry r = JdbcTombstoneRegistry.builder(ds).createSchema(true).ticker(ticker)
                .syncInterval(Duration.ofMinutes(10)).build()) {
            assertThat(r.status().state()).isEqualTo(RegistryStatus.State.UNAVAILABLE);
            assertThat(r.status().lastLoaded()).isNull();
            h2.down(false);
            assertThat(r.syncNow()).isTrue();
            assertThat(r.status().state()).isEqualTo(RegistryStatus.State.CURRENT);
        }
    }

    @Test
    void configurationErrorsNameTheSetting() {
        assertThatThrownBy(() -> JdbcTombstoneRegistry.builder(ds).table("x; DROP TABLE y").build())
                .hasMessageContaining("table must be an SQL identifier");
        assertThatThrownBy(() -> JdbcTombstoneRegistry.builder(ds).syncInterval(Duration.ofSeconds(1))
                .syncInterval(Duration.ofSeconds(2))).hasMessageContaining("syncInterval was already set");
        assertThatThrownBy(() -> JdbcTombstoneRegistry.builder(ds).syncInterval(Duration.ZERO))
                .hasMessageContaining("syncInterval must be positive");
        assertThatThrownBy(() -> JdbcTombstoneRegistry.builder(ds).compactAbove(-1))
                .hasMessageContaining("compactAbove");
        assertThatThrownBy(() -> JdbcTombstoneRegistry.builder(ds).ticker(System::nanoTime).ticker(System::nanoTime))
                .hasMessageContaining("ticker was already set");
        assertThatThrownBy(() -> JdbcTombstoneRegistry.schemaStatements("oracle", "t"))
                .hasMessageContaining("postgresql or h2");
    }

    /** Caffeine is optional: only compact mode, for registries past 100,000 tombstones, keeps its details there. */
    @Test
    void withoutCaffeineTheRegistryWorksAndOnlyCompactModeNamesTheMissingDependency() throws Exception {
        try (URLClassLoader isolated = IsolatedClasses.libraryWith()) {
            Class<?> registryClass = isolated.loadClass(JdbcTombstoneRegistry.class.getName());
            Class<?> tombstone = isolated.loadClass(Tombstone.class.getName());
            Object builder = registryClass.getMethod("builder", DataSource.class).invoke(null, ds);
            builder.getClass().getMethod("createSchema", boolean.class).invoke(builder, true);
            try (AutoCloseable r = (AutoCloseable) builder.getClass().getMethod("build").invoke(builder)) {
                registryClass.getMethod("bury", tombstone).invoke(r, tombstone.getMethod("of", String.class).invoke(null, "/a"));
                assertThat((Optional<?>) registryClass.getMethod("find", String.class, Instant.class).invoke(r, "/a", NOW))
                        .isPresent();
                assertThat(registryClass.getMethod("compact").invoke(r)).isEqualTo(false);
            }
            Object compact = registryClass.getMethod("builder", DataSource.class).invoke(null, ds);
            compact.getClass().getMethod("compactAbove", int.class).invoke(compact, 5);
            assertThatThrownBy(() -> compact.getClass().getMethod("build").invoke(compact))
                    .isInstanceOf(InvocationTargetException.class).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("compactAbove").hasMessageContaining("com.github.ben-manes.caffeine:caffeine");
        }
    }

    @Test
    void shippedDdlNamesTheConfiguredTable() {
        assertThat(JdbcTombstoneRegistry.schemaStatements("postgresql", "app.tombstones"))
                .anyMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS app.tombstones ("))
                .anyMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS app.tombstones_version"))
                .noneMatch(s -> s.contains("gone_filter_tombstone"));
    }
}
