package io.github.gonefilter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.github.gonefilter.tombstone.NotRestorableException;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.TombstoneRegistryListener;
import io.github.gonefilter.tombstone.Visibility;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TombstoneRegistry} passes: the library's own registries, and yours. Extend this class
 * in a JUnit Jupiter test and supply {@link #createRegistry}; every test that applies to your registry runs.
 * Optional abilities are declared by flags, and the tests that need one are skipped without it:
 * {@link #writable()}, {@link #shared()}, {@link #holdsArbitraryTombstones()}, {@link #holdsExtensions()},
 * {@link #preChecksPaths()}. Registries that apply changes asynchronously implement {@link #awaitSync}.
 *
 * <p>Shipped in the {@code tests} artifact ({@code <type>test-jar</type>}) of gone-filter; it needs JUnit
 * Jupiter, AssertJ and Mockito on the test class path. Tests of exact paths use paths under
 * {@code /api/users/}, so that a registry that derives tombstones from application data (one row per user) can
 * take part in them.
 */
public abstract class TombstoneRegistryContract {

    protected static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final List<TombstoneRegistry> opened = new ArrayList<>();

    /**
     * A new registry whose storage holds exactly {@code initial}, in that order. Each call for a shared
     * registry should start from empty storage; use {@link #createPeer} for a second node on the same storage.
     */
    protected abstract TombstoneRegistry createRegistry(List<Tombstone> initial) throws Exception;

    /** Whether registries from {@link #createRegistry} implement {@link WritableTombstoneRegistry}. */
    protected boolean writable() {
        return false;
    }

    /** Whether {@link #createPeer} gives a second registry over the same storage (a second cluster node). */
    protected boolean shared() {
        return false;
    }

    /**
     * Whether {@link #createRegistry} can hold any tombstone: globs, regular expressions, time windows and every
     * field. False for registries that derive tombstones from application data (e.g. a soft-delete table
     * behind a path template), which only take part in the tests of exact paths under {@code /api/users/}.
     */
    protected boolean holdsArbitraryTombstones() {
        return true;
    }

    /**
     * Whether the registry's storage keeps {@link Tombstone#extensions()}. False for a format that cannot (a CSV
     * file): {@link #everyFieldSurvivesStorage} then checks every other field, in that format.
     */
    protected boolean holdsExtensions() {
        return true;
    }

    /**
     * Whether {@link TombstoneRegistry#mayMatch} turns away paths that nothing matches, so that the filter lets
     * them through without reading its clock. The default of {@code mayMatch}, always {@code true}, is correct
     * but gives up that saving.
     */
    protected boolean preChecksPaths() {
        return false;
    }

    /** A second registry over the same storage as {@code registry}. Only called when {@link #shared()}. */
    protected TombstoneRegistry createPeer(TombstoneRegistry registry) throws Exception {
        throw new UnsupportedOperationException();
    }

    /** Makes changes written through any registry visible to {@code registry}; default: they already are. */
    protected void awaitSync(TombstoneRegistry registry) throws Exception {
    }

    private TombstoneRegistry registry(Tombstone... initial) throws Exception {
        TombstoneRegistry r = track(createRegistry(List.of(initial)));
        return r;
    }

    /** Registers a registry to be closed after the test, and returns it. */
    protected final <R extends TombstoneRegistry> R track(R registry) {
        opened.add(registry);
        return registry;
    }

    @AfterEach
    void closeRegistries() {
        opened.forEach(TombstoneRegistry::close);
        opened.clear();
    }

    private static Optional<String> found(TombstoneRegistry r, String path) {
        return r.find(path, NOW).map(t -> t.pattern().key());
    }

    @Test
    void emptyRegistryFindsNothing() throws Exception {
        TombstoneRegistry r = registry();
        assertThat(r.find("/", NOW)).isEmpty();
        assertThat(r.find("/anything/at/all", NOW)).isEmpty();
        assertThat(r.list()).isEmpty();
    }

    @Test
    void exactPathMatchesOnlyItself() throws Exception {
        TombstoneRegistry r = registry(Tombstone.of("/api/users/123"));
        assertThat(found(r, "/api/users/123")).contains("/api/users/123");
        assertThat(r.find("/api/users/1234", NOW)).isEmpty();
        assertThat(r.find("/api/users/12", NOW)).isEmpty();
        assertThat(r.mayMatch("/api/users/123")).isTrue();
        assertThat(r.find("/api/users", NOW)).isEmpty();
        assertThat(r.find("/API/users/123", NOW)).isEmpty();
    }

    @Test
    void livePathsAreTurnedAwayWithoutAClock() throws Exception {
        assumeTrue(preChecksPaths(), "registry leaves every path to find");
        TombstoneRegistry r = holdsArbitraryTombstones()
                ? registry(Tombstone.of("/api/users/123"), Tombstone.of("/old/**"),
                        Tombstone.regexBuilder("/reports/\\d+").build(),
                        Tombstone.builder("/later").goneFrom(NOW.plus(Duration.ofDays(1))).build())
                : registry(Tombstone.of("/api/users/123"));
        assertThat(r.mayMatch("/api/users/123")).isTrue();
        assertThat(r.mayMatch("/")).isFalse();
        assertThat(r.mayMatch("/static/app.js")).isFalse();
        if (holdsArbitraryTombstones()) {
            assertThat(r.mayMatch("/api/users/124")).isFalse();
            assertThat(r.mayMatch("/old/a/b")).isTrue();
            assertThat(r.mayMatch("/reports/7")).isTrue();
            assertThat(r.mayMatch("/later")).as("scheduled: a request may announce it").isTrue();
            assertThat(r.mayMatch("/older")).isFalse();
            assertThat(r.mayMatch("/reports/x")).isFalse();
        }
    }

    @Test
    void tombstonePathsAreCanonicalizedLikeRequests() throws Exception {
        TombstoneRegistry r = registry(Tombstone.of("/api/users/caf%C3%A9/"), Tombstone.of("//api/users/./x/../7"));
        assertThat(found(r, "/api/users/café")).contains("/api/users/café");
        assertThat(found(r, "/api/users/7")).contains("/api/users/7");
        assertThat(r.find("/api/users/x", NOW)).isEmpty();
    }

    @Test
    void eachOfManyExactPathsFindsItsOwnTombstone() throws Exception {
        List<Tombstone> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(Tombstone.of("/api/users/" + (i * 7)));
        }
        TombstoneRegistry r = registry(many.toArray(Tombstone[]::new));
        for (int i = 0; i < 200; i++) {
            assertThat(found(r, "/api/users/" + (i * 7))).contains("/api/users/" + (i * 7));
            assertThat(r.find("/api/users/" + (i * 7 + 1), NOW)).isEmpty();
        }
    }

    /** {@code false} from {@code mayMatch} lets a request through unchecked: it must never hide a tombstone. */
    @Test
    void mayMatchNeverDeniesAPathThatFindAnswers() throws Exception {
        List<Tombstone> initial = new ArrayList<>(List.of(Tombstone.of("/api/users/1"), Tombstone.of("/api/users/2")));
        List<String> paths = new ArrayList<>(List.of("/api/users/1", "/api/users/2", "/api/users/3"));
        if (holdsArbitraryTombstones()) {
            initial.add(Tombstone.of("/old/**"));
            initial.add(Tombstone.regexBuilder("/reports/\\d+").build());
            initial.add(Tombstone.builder("/soon").goneFrom(NOW.plus(Duration.ofDays(1))).build());
            initial.add(Tombstone.builder("/window").goneFrom(NOW.minus(Duration.ofDays(1)))
                    .goneUntil(NOW.plus(Duration.ofDays(1))).build());
            paths.addAll(List.of("/old", "/old/a/b", "/reports/7", "/soon", "/window", "/elsewhere"));
        }
        TombstoneRegistry r = registry(initial.toArray(Tombstone[]::new));
        for (String path : paths) {
            for (Instant at : List.of(NOW, NOW.plus(Duration.ofDays(2)))) {
                if (r.find(path, at).isPresent()) {
                    assertThat(r.mayMatch(path)).as("mayMatch(%s) while find answers at %s", path, at).isTrue();
                }
            }
        }
    }

    @Test
    void globsMatchWithinAndAcrossSegments() throws Exception {
        assumeTrue(holdsArbitraryTombstones(), "registry derives its tombstones from application data");
        TombstoneRegistry r = registry(Tombstone.of("/legacy/**"), Tombstone.of("/files/*.php"),
                Tombstone.of("/u/*/avatar"));
        assertThat(found(r, "/legacy")).contains("/legacy/**");
        assertThat(found(r, "/legacy/a/b")).contains("/legacy/**");
        assertThat(r.find("/legacyx", NOW)).isEmpty();
        assertThat(found(r, "/files/x.php")).contains("/files/*.php");
        assertThat(r.find("/files/a/x.php", NOW)).isEmpty();
        assertThat(r.find("/files/x.php5", NOW)).isEmpty();
        assertThat(found(r, "/u/ann/avatar")).contains("/u/*/avatar");
        assertThat(r.find("/u/ann/bob/avatar", NOW)).isEmpty();
    }

    @Test
    void mostSpecificTombstoneWins() throws Exception {
        assumeTrue(holdsArbitraryTombstones(), "registry derives its tombstones from application data");
        TombstoneRegistry r = registry(
                Tombstone.regexBuilder("/docs/.*").message("regex-1").build(),
                Tombstone.regexBuilder("/docs/a.*").message("regex-2").build(),
                Tombstone.of("/docs/**"),
                Tombstone.of("/docs/api/**"),
                Tombstone.of("/docs/api/v1"));
        assertThat(found(r, "/docs/api/v1")).contains("/docs/api/v1");
        assertThat(found(r, "/docs/api/v2")).contains("/docs/api/**");
        assertThat(found(r, "/docs/other")).contains("/docs/**");
        TombstoneRegistry regexOnly = registry(
                Tombstone.regexBuilder("/docs/.*").message("regex-1").build(),
                Tombstone.regexBuilder("/docs/a.*").message("regex-2").build());
        assertThat(regexOnly.find("/docs/abc", NOW)).map(Tombstone::message).contains("regex-1");
    }

    @Test
    void regexMatchesTheWholePathAcrossLineTerminators() throws Exception {
        assumeTrue(holdsArbitraryTombstones(), "registry derives its tombstones from application data");
        TombstoneRegistry r = registry(Tombstone.regexBuilder("/reports/\\d+/.+").build());
        assertThat(r.find("/reports/42/x\ny", NOW)).isPresent();
        assertThat(r.find("/reports/42/", NOW)).isEmpty(); // canonical paths never end in '/', but the regex needs more
        assertThat(r.find("/x/reports/42/a", NOW)).isEmpty();
    }

    @Test
    void timeWindowsDecideWhatApplies() throws Exception {
        assumeTrue(holdsArbitraryTombstones(), "registry derives its tombstones from application data");
        Duration day = Duration.ofDays(1);
        TombstoneRegistry r = registry(
                Tombstone.builder("/scheduled").goneFrom(NOW.plus(day)).build(),
                Tombstone.builder("/expired").goneUntil(NOW.minus(day)).build(),
                Tombstone.builder("/window").goneFrom(NOW.minus(day)).goneUntil(NOW.plus(day)).build(),
                Tombstone.builder("/area/**").build(),
                Tombstone.builder("/area/soon").goneFrom(NOW.plus(day)).build(),
                Tombstone.builder("/area/was").goneUntil(NOW.minus(day)).build());
        assertThat(r.find("/scheduled", NOW)).get().matches(t -> t.isScheduledAt(NOW));
        assertThat(r.find("/expired", NOW)).isEmpty();
        // mayMatch is time-free: it may say yes for a tombstone outside its window, never no for one inside.
        assertThat(r.mayMatch("/scheduled")).isTrue();
        assertThat(r.mayMatch("/window")).isTrue();
        assertThat(r.mayMatch("/area/anything")).isTrue();
        assertThat(r.find("/window", NOW)).get().matches(t -> t.isActiveAt(NOW));
        assertThat(r.find("/window", NOW.plus(day.multipliedBy(2)))).isEmpty();
        // A tombstone in force beats a more specific one that is scheduled or expired.
        assertThat(found(r, "/area/soon")).contains("/area/**");
        assertThat(found(r, "/area/was")).contains("/area/**");
    }

    @Test
    void everyFieldSurvivesStorage() throws Exception {
        assumeTrue(holdsArbitraryTombstones(), "registry derives its tombstones from application data");
        Tombstone full = Tombstone.builder("/full/ü%20space")
                .deletedAt(Instant.parse("2025-01-02T03:04:05Z"))
                .reason("policy_violation")
                .message("Removed: <b>\"quoted\"</b> & more")
                .alternative(URI.create("https://example.com/new?x=1"))
                .maxAge(Duration.ofDays(30))
                .goneFrom(Instant.parse("2025-01-01T00:00:00Z"))
                .goneUntil(Instant.parse("2030-01-01T00:00:00Z"))
                .visibility(Visibility.LEGAL)
                .restorable(true)
                .mode(TombstoneMode.FALLBACK)
                .extensions(holdsExtensions() ? Map.of("migrationGuide", "https://example.com/guide", "version", 2,
                        "tags", List.of("a", "b")) : Map.of())
                .build();
        Tombstone regex = Tombstone.regexBuilder("/r/[0-9]+").reason("expired").mode(TombstoneMode.SHORT_CIRCUIT)
                .build();
        TombstoneRegistry r = registry(full, regex);
        assertThat(r.list()).containsExactly(full, regex);
        assertThat(r.find("/full/ü space", NOW)).contains(full);
        assertThat(r.find("/r/7", NOW)).contains(regex);
    }

    @Test
    void listIsAnImmutableSnapshot() throws Exception {
        assumeTrue(holdsArbitraryTombstones(), "registry derives its tombstones from application data");
        TombstoneRegistry r = registry(Tombstone.of("/a"), Tombstone.of("/b"));
        List<Tombstone> list = r.list();
        assertThat(list).extracting(t -> t.pattern().key()).containsExactly("/a", "/b");
        assertThatThrownBy(() -> list.add(Tombstone.of("/c"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void buryIsVisibleToTheNextLookupAndReplacesTheSameKey() throws Exception {
        assumeTrue(writable(), "registry is read-only");
        WritableTombstoneRegistry r = (WritableTombstoneRegistry) registry();
        r.bury(Tombstone.builder("/x").message("first").build());
        awaitSync(r);
        assertThat(r.find("/x", NOW)).map(Tombstone::message).contains("first");
        r.bury(Tombstone.builder("/x/").message("second").build());
        awaitSync(r);
        assertThat(r.find("/x", NOW)).map(Tombstone::message).contains("second");
        assertThat(r.list()).hasSize(1);
    }

    @Test
    void restoreRemovesOnlyRestorableTombstonesUnlessForced() throws Exception {
        assumeTrue(writable(), "registry is read-only");
        WritableTombstoneRegistry r = (WritableTombstoneRegistry) registry(
                Tombstone.builder("/soft").restorable(true).build(),
                Tombstone.builder("/hard").build(),
                Tombstone.regexBuilder("/re/.*").restorable(true).build());
        assertThat(r.restore("/soft")).isTrue();
        assertThatThrownBy(() -> r.restore("/hard")).isInstanceOf(NotRestorableException.class)
                .hasMessageContaining("/hard");
        awaitSync(r);
        assertThat(r.find("/hard", NOW)).isPresent();
        assertThat(r.restore(PathPattern.of("/hard"), true)).isTrue();
        assertThat(r.restore(PathPattern.regex("/re/.*"), false)).isTrue();
        assertThat(r.restore("/never-buried")).isFalse();
        awaitSync(r);
        assertThat(r.find("/soft", NOW)).isEmpty();
        assertThat(r.find("/hard", NOW)).isEmpty();
        assertThat(r.find("/re/1", NOW)).isEmpty();
        assertThat(r.list()).isEmpty();
    }

    @Test
    void changesThroughOneNodeReachTheOther() throws Exception {
        assumeTrue(writable() && shared(), "registry is not shared");
        WritableTombstoneRegistry a = (WritableTombstoneRegistry) registry();
        TombstoneRegistry b = track(createPeer(a));
        a.bury(Tombstone.builder("/shared").restorable(true).build());
        awaitSync(b);
        assertThat(b.find("/shared", NOW)).isPresent();
        a.restore("/shared");
        awaitSync(b);
        assertThat(b.find("/shared", NOW)).isEmpty();
    }

    @Test
    void statusNamesTheRegistryAndItsState() throws Exception {
        TombstoneRegistry r = registry(Tombstone.of("/api/users/1"));
        RegistryStatus status = r.status();
        assertThat(status.source()).isEqualTo(r.description());
        assertThat(status.kind()).isNotBlank();
        assertThat(status.state()).isEqualTo(RegistryStatus.State.CURRENT);
        assertThat(status.lastError()).isNull();
        assertThat(status.size()).isEqualTo(r.size()).isNotNegative();
        assertThat(status.byVisibility()).containsKeys(Visibility.values());
    }

    @Test
    void statusCountsWhatTheRegistryHolds() throws Exception {
        assumeTrue(holdsArbitraryTombstones(), "registry derives its tombstones from application data");
        TombstoneRegistry r = registry(Tombstone.of("/gone"),
                Tombstone.builder("/erased").visibility(Visibility.NOT_FOUND).build(),
                Tombstone.builder("/blocked").visibility(Visibility.LEGAL).build());
        RegistryStatus status = r.status();
        assertThat(status.size()).isEqualTo(3).isEqualTo(r.size());
        assertThat(status.byVisibility()).containsEntry(Visibility.GONE, 1).containsEntry(Visibility.NOT_FOUND, 1)
                .containsEntry(Visibility.LEGAL, 1);
        assertThat(status.source()).isEqualTo(r.description());
        assertThat(status.kind()).isNotBlank();
        assertThat(status.state()).isEqualTo(RegistryStatus.State.CURRENT);
        assertThat(status.lastError()).isNull();
    }

    @Test
    void listenersHearWritesThroughThisRegistryAsWrites() throws Exception {
        assumeTrue(writable(), "registry is read-only");
        WritableTombstoneRegistry r = (WritableTombstoneRegistry) registry();
        TombstoneRegistryListener listener = mock(TombstoneRegistryListener.class);
        r.addListener(listener);
        Tombstone buried = Tombstone.builder("/heard").restorable(true).build();
        r.bury(buried);
        verify(listener, timeout(5_000)).changed(
                List.of(new TombstoneChange(TombstoneChange.Kind.ADDED, buried, TombstoneChange.Cause.WRITE)));
        r.restore("/heard");
        verify(listener, timeout(5_000)).changed(
                List.of(new TombstoneChange(TombstoneChange.Kind.REMOVED, buried, TombstoneChange.Cause.WRITE)));
        r.removeListener(listener);
        r.bury(Tombstone.of("/unheard"));
        awaitSync(r);
        verify(listener, never()).changed(argThat(changes -> changes.stream()
                .anyMatch(c -> c.tombstone().pattern().key().equals("/unheard"))));
    }

    @Test
    void peersHearChangesMadeElsewhereAsSyncs() throws Exception {
        assumeTrue(writable() && shared(), "registry is not shared");
        WritableTombstoneRegistry a = (WritableTombstoneRegistry) registry();
        TombstoneRegistry b = track(createPeer(a));
        TombstoneRegistryListener atA = mock(TombstoneRegistryListener.class);
        TombstoneRegistryListener atB = mock(TombstoneRegistryListener.class);
        a.addListener(atA);
        b.addListener(atB);
        Tombstone buried = Tombstone.builder("/elsewhere").restorable(true).build();
        a.bury(buried);
        awaitSync(b);
        // Read from shared storage, or reloaded from a shared file: anything but this node's own write.
        verify(atB, timeout(5_000)).changed(argThat(changes -> changes.size() == 1
                && changes.get(0).kind() == TombstoneChange.Kind.ADDED && changes.get(0).tombstone().equals(buried)
                && changes.get(0).cause() != TombstoneChange.Cause.WRITE));
        verify(atA, timeout(5_000)).changed(
                List.of(new TombstoneChange(TombstoneChange.Kind.ADDED, buried, TombstoneChange.Cause.WRITE)));
        verify(atA, never()).changed(argThat(changes -> changes.stream()
                .anyMatch(c -> c.cause() != TombstoneChange.Cause.WRITE)));
    }

    @Test
    void lookupsFromManyThreadsAgree() throws Exception {
        TombstoneRegistry r = registry(Tombstone.of("/api/users/1"), Tombstone.of("/api/users/2"));
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            readers.execute(() -> {
                for (int n = 0; n < 2_000; n++) {
                    try {
                        if (r.find("/api/users/" + (1 + n % 2), NOW).isEmpty()
                                || r.find("/api/users/" + (3 + n % 5), NOW).isPresent()) {
                            failures.add(new AssertionError("a lookup disagreed at round " + n));
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }
            });
        }
        readers.shutdown();
        assertThat(readers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
    }

    @Test
    void concurrentReadsSeeConsistentAnswersWhileWritesHappen() throws Exception {
        assumeTrue(writable(), "registry is read-only");
        WritableTombstoneRegistry r = (WritableTombstoneRegistry) registry(Tombstone.of("/stable"));
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService readers = Executors.newFixedThreadPool(3);
        CountDownLatch started = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            readers.execute(() -> {
                started.countDown();
                while (!stop.get()) {
                    try {
                        if (r.find("/stable", NOW).isEmpty()) {
                            failures.add(new AssertionError("/stable vanished during writes"));
                        }
                        r.find("/churn/" + (System.nanoTime() % 50), NOW);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }
            });
        }
        started.await();
        for (int i = 0; i < 50; i++) {
            r.bury(Tombstone.builder("/churn/" + i).restorable(true).build());
            if (i % 3 == 0) {
                r.restore("/churn/" + i);
            }
        }
        stop.set(true);
        readers.shutdown();
        assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        awaitSync(r);
        assertThat(r.find("/churn/1", NOW)).isPresent();
        assertThat(r.find("/churn/3", NOW)).isEmpty();
        assertThat(r.list()).hasSize(1 + 50 - 17);
    }
}
