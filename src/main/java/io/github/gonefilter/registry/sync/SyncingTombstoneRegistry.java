package io.github.gonefilter.registry.sync;

import static io.github.gonefilter.internal.registry.Checks.atLeast;
import static io.github.gonefilter.internal.registry.Checks.positive;
import static io.github.gonefilter.internal.registry.Checks.requireUnset;

import io.github.gonefilter.internal.registry.SnapshotTombstoneRegistry;
import io.github.gonefilter.internal.registry.Threads;
import io.github.gonefilter.internal.registry.sync.CompactMode;
import io.github.gonefilter.internal.registry.sync.OwnWrites;
import io.github.gonefilter.internal.registry.sync.SnapshotFile;
import io.github.gonefilter.internal.registry.sync.SnapshotFileKeeper;
import io.github.gonefilter.internal.registry.sync.StoreSync;
import io.github.gonefilter.internal.registry.sync.TombstoneStore;
import io.github.gonefilter.registry.Ticker;
import io.github.gonefilter.tombstone.NotRestorableException;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * What the shared registries (JDBC, Redis) have in common: every node serves lookups from its own in-memory
 * snapshot and never waits on the store. The snapshot is brought up to date incrementally (only changes after the
 * last version seen, restores included) every {@link Builder#syncInterval sync interval}, at once when the store
 * notifies a change, and completely every {@link Builder#fullSyncInterval full sync interval}.
 *
 * <p><b>Outages.</b> When the store is unreachable, lookups keep answering from the last good snapshot, the
 * failure is logged once, and syncing resumes by itself. With a {@link Builder#snapshotFile snapshot file}
 * the snapshot is also kept on local disk, so a node that starts during an outage still enforces every
 * tombstone it knew. A {@link Builder#failOpen(boolean) fail-closed} registry instead throws
 * {@link RegistryUnavailableException} from lookups once its snapshot is older than {@link Builder#maxStaleness}.
 *
 * <p><b>Scale.</b> Up to {@link Builder#compactAbove} tombstones are held in full. Beyond that, exact-path
 * tombstones without a time window and with visibility {@code gone} are held as 64-bit fingerprints (8 bytes
 * each); their details (message, alternative, ...) are loaded in the background, in batches, into a bounded
 * cache the first time such a path is requested, and until they arrive the answer is a detail-less 410 with
 * {@code max-age=0}. Compact mode needs Caffeine ({@code com.github.ben-manes.caffeine:caffeine}) on the class
 * path; without it every tombstone is held in full. Requests for live paths never touch the store in either mode.
 */
public abstract class SyncingTombstoneRegistry extends SnapshotTombstoneRegistry implements WritableTombstoneRegistry {

    private static final System.Logger LOG = System.getLogger(SyncingTombstoneRegistry.class.getName());

    private final TombstoneStore store;
    private final LongSupplier ticker;
    private final StalenessLimit staleness; // null when fail-open
    private final long fullSyncIntervalNanos;
    private final CompactMode compactMode;
    private final OwnWrites ownWrites = new OwnWrites();
    private final ScheduledExecutorService scheduler;
    private final SnapshotFileKeeper snapshotFile;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean syncRequested = new AtomicBoolean();
    private volatile StoreSync.Published published;
    private volatile boolean outage;
    private final AutoCloseable subscription;

    // Guarded by syncLock.
    private final Object syncLock = new Object();
    private final StoreSync sync;
    private long lastFullSyncNanos;
    private long outageSinceNanos;
    private boolean starting = true;

    protected SyncingTombstoneRegistry(TombstoneStore store, Builder<?> b) {
        this(store, b, ticker(b), caseSensitive(b));
    }

    private SyncingTombstoneRegistry(TombstoneStore store, Builder<?> b, LongSupplier ticker, boolean caseSensitive) {
        this(store, b, ticker, caseSensitive, b.failOpen == null || b.failOpen ? null : new StalenessLimit(ticker,
                b.maxStaleness != null ? b.maxStaleness : Duration.ofMinutes(1), store.description()));
    }

    private SyncingTombstoneRegistry(TombstoneStore store, Builder<?> b, LongSupplier ticker, boolean caseSensitive,
            StalenessLimit staleness) {
        super(caseSensitive, b.wallClock(), staleness);
        this.store = Objects.requireNonNull(store, "store");
        this.ticker = ticker;
        this.staleness = staleness;
        this.fullSyncIntervalNanos = (b.fullSyncInterval != null ? b.fullSyncInterval : Duration.ofHours(1)).toNanos();
        Duration interval = b.syncInterval != null ? b.syncInterval : Duration.ofSeconds(2);
        String name = store.description();
        this.compactMode = CompactMode.create(store, caseSensitive, b.compactAbove,
                b.detailCacheSize != null ? b.detailCacheSize : 10_000,
                b.detailQueueSize != null ? b.detailQueueSize : 10_000, interval);
        this.sync = new StoreSync(store, compactMode, caseSensitive);
        this.published = sync.published();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Threads.daemons("gone-filter-sync " + name, false));
        this.snapshotFile = new SnapshotFileKeeper(b.snapshotFile, name, caseSensitive, () -> published, scheduler);

        if (!syncNow()) {
            startFromSnapshotFile();
        }
        starting = false;
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::syncQuietly, millis, millis, TimeUnit.MILLISECONDS);
        AutoCloseable sub;
        try {
            sub = store.subscribe(this::requestSync);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Change notifications from " + name + " are unavailable; syncing every "
                    + interval + " instead", e);
            sub = () -> { };
        }
        this.subscription = sub;
    }

    private static LongSupplier ticker(Builder<?> b) {
        Ticker ticker = b.ticker != null ? b.ticker : Ticker.system();
        return ticker::nanos;
    }

    private static boolean caseSensitive(Builder<?> b) {
        return b.caseSensitive == null || b.caseSensitive;
    }

    @Override
    public String description() {
        return store.description();
    }

    /** Whether exact paths are held as fingerprints because there are more than {@link Builder#compactAbove}. */
    public final boolean compact() {
        return snapshot().compact();
    }

    /** Whether the last sync attempt failed; lookups are then served from the last good snapshot. */
    public final boolean outage() {
        return outage;
    }

    /** The store version this node has applied. */
    public final long version() {
        return published.version();
    }

    /**
     * Compact mode: how many requests for details were dropped because more than
     * {@link Builder#detailQueueSize} paths were waiting for theirs (each such path waits again at its next
     * request). A counter for monitoring; it only grows.
     */
    public final long detailRequestsDropped() {
        return compactMode.detailRequestsDropped();
    }

    // ---------------------------------------------------------------- writes (go to the store)

    @Override
    public final void bury(Tombstone tombstone) {
        Objects.requireNonNull(tombstone, "tombstone");
        ownWrites.burying(tombstone);
        try {
            store.bury(tombstone);
        } catch (Exception e) {
            ownWrites.buryFailed(tombstone);
            throw new TombstoneStoreException("cannot bury " + tombstone.pattern().key() + " in "
                    + store.description() + ": " + e.getMessage(), e);
        }
        syncNow();
    }

    @Override
    public final boolean restore(PathPattern pattern, boolean force) {
        Objects.requireNonNull(pattern, "pattern");
        TombstoneStore.RestoreResult result;
        ownWrites.restoring(pattern);
        try {
            result = store.restore(pattern, force);
        } catch (Exception e) {
            ownWrites.restoreFailed(pattern);
            throw new TombstoneStoreException("cannot restore " + pattern.key() + " in " + store.description()
                    + ": " + e.getMessage(), e);
        }
        if (result != TombstoneStore.RestoreResult.RESTORED) {
            ownWrites.restoreFailed(pattern);
        }
        if (result == TombstoneStore.RestoreResult.NOT_RESTORABLE) {
            throw new NotRestorableException(pattern);
        }
        syncNow();
        return result == TombstoneStore.RestoreResult.RESTORED;
    }

    // ---------------------------------------------------------------- sync

    /**
     * Brings the snapshot up to date now, on the calling thread.
     *
     * @return whether the store answered; if not, the last good snapshot stays in force
     */
    public final boolean syncNow() {
        synchronized (syncLock) {
            if (closed.get()) {
                return false;
            }
            long started = ticker.getAsLong();
            boolean complete = sync.completeDue() || started - lastFullSyncNanos >= fullSyncIntervalNanos;
            try {
                StoreSync.Result result = complete ? sync.complete(events()::listened) : sync.incremental();
                if (complete) {
                    lastFullSyncNanos = started;
                }
                if (staleness != null) {
                    staleness.synced(started); // what was read is at least as new as the moment the read began
                }
                if (result.changed()) {
                    publish(ownWrites.attribute(result.changes()));
                    snapshotFile.writeSoon();
                }
                if (outage) {
                    outage = false;
                    LOG.log(Level.INFO, "Tombstone store " + store.description() + " is reachable again after "
                            + Duration.ofNanos(started - outageSinceNanos).toSeconds() + " s; "
                            + size() + " tombstones at version " + published.version());
                }
                events().loaded();
                return true;
            } catch (Exception e) {
                if (closed.get()) {
                    return false; // the store was closed under a sync in progress: no outage
                }
                events().failed(e);
                if (!outage) {
                    outage = true;
                    outageSinceNanos = started;
                    LOG.log(starting ? Level.DEBUG : Level.WARNING, "Tombstone store " + store.description()
                            + " is unreachable; answering from the last good snapshot (" + size()
                            + " tombstones) until it returns: " + e);
                }
                return false;
            }
        }
    }

    /** Makes the sync's copy what lookups see; caller holds syncLock. */
    private void publish(List<TombstoneChange> changes) {
        StoreSync.Published next = sync.published();
        published = next;
        publish(next.snapshot(), changes);
    }

    private void syncQuietly() {
        syncRequested.set(false);
        try {
            syncNow();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Syncing tombstones from " + store.description() + " failed", e);
        }
    }

    /** Asks for a sync soon on the sync thread; called by store notifications. */
    private void requestSync() {
        if (!closed.get() && syncRequested.compareAndSet(false, true)) {
            try {
                scheduler.execute(this::syncQuietly);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }

    /** Starts from the snapshot file when the store is unreachable at start-up; a damaged file is ignored. */
    private void startFromSnapshotFile() {
        SnapshotFile.Contents contents = snapshotFile.readAtStart();
        if (contents == null) {
            return;
        }
        synchronized (syncLock) {
            sync.startFrom(contents);
            publish(List.of());
        }
        snapshotFile.startedFrom(size());
    }

    // ---------------------------------------------------------------- life cycle

    /**
     * Stops syncing and notifications and closes the store, without waiting for a sync in progress: one
     * that waits on an unreachable store ends within its timeout, on its own thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Closing the change subscription failed", e);
        }
        scheduler.shutdownNow();
        compactMode.close();
        // On this thread, which no shutdown interrupts: a scheduled write that shutdownNow() interrupted
        // (or that had not run yet) must not take the last change with it.
        snapshotFile.writeNow();
        try {
            store.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Closing " + store.description() + " failed", e);
        }
    }

    /**
     * Settings shared by every store-backed registry. Each setting may be given once.
     *
     * @param <B> the concrete builder
     */
    public abstract static class Builder<B extends Builder<B>> {
        private Clock clock;
        private Ticker ticker;
        private Boolean caseSensitive;
        private Duration syncInterval;
        private Duration fullSyncInterval;
        private Boolean failOpen;
        private Duration maxStaleness;
        private Path snapshotFile;
        private Integer compactAbove;
        private Integer detailCacheSize;
        private Integer detailQueueSize;

        protected Builder() {
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * The wall clock, for the time a store records with a change (a restore's timestamp); default the
         * system clock. Staleness and sync intervals never read it: see {@link #ticker}.
         */
        public B clock(Clock clock) {
            requireUnset(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return self();
        }

        /**
         * The monotonic time source for elapsed time (staleness, sync intervals, outage durations); default
         * {@link Ticker#system()}. Tests pass their own.
         */
        public B ticker(Ticker ticker) {
            requireUnset(this.ticker, "ticker");
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return self();
        }

        /** The wall clock given to {@link #clock}, or the system clock. */
        protected final Clock wallClock() {
            return clock != null ? clock : Clock.systemUTC();
        }

        /** Whether paths match case-sensitively; default true. */
        public B caseSensitive(boolean caseSensitive) {
            requireUnset(this.caseSensitive, "caseSensitive");
            this.caseSensitive = caseSensitive;
            return self();
        }

        /** How often to read changes from the store (besides notifications); default 2 seconds. */
        public B syncInterval(Duration interval) {
            requireUnset(this.syncInterval, "syncInterval");
            this.syncInterval = positive(interval, "syncInterval");
            return self();
        }

        /** How often to reread everything, healing anything an incremental sync missed; default 1 hour. */
        public B fullSyncInterval(Duration interval) {
            requireUnset(this.fullSyncInterval, "fullSyncInterval");
            this.fullSyncInterval = positive(interval, "fullSyncInterval");
            return self();
        }

        /**
         * True (the default): while the store is unreachable, lookups answer from the last good snapshot
         * indefinitely. False: once the snapshot is older than {@link #maxStaleness}, lookups throw
         * {@link RegistryUnavailableException} so no request is served on stale knowledge.
         */
        public B failOpen(boolean failOpen) {
            requireUnset(this.failOpen, "failOpen");
            this.failOpen = failOpen;
            return self();
        }

        /** For a fail-closed registry: how old the snapshot may get; default 1 minute. */
        public B maxStaleness(Duration maxStaleness) {
            requireUnset(this.maxStaleness, "maxStaleness");
            this.maxStaleness = positive(maxStaleness, "maxStaleness");
            return self();
        }

        /**
         * Keeps the snapshot in this file too (rewritten atomically after each change), and starts from it
         * when the store is unreachable at start-up. Default: none.
         */
        public B snapshotFile(Path file) {
            requireUnset(this.snapshotFile, "snapshotFile");
            this.snapshotFile = Objects.requireNonNull(file, "snapshotFile");
            return self();
        }

        /**
         * Above this many tombstones, exact paths without a time window are held as 64-bit fingerprints and
         * their details loaded on demand; default 100,000. Compact mode keeps those details in a Caffeine cache:
         * without Caffeine on the class path, setting this fails the build, and with the default every tombstone
         * is held in full (logged once the default is passed).
         */
        public B compactAbove(int tombstones) {
            requireUnset(this.compactAbove, "compactAbove");
            this.compactAbove = atLeast(tombstones, 0, "compactAbove");
            return self();
        }

        /** In compact mode: how many tombstones' details to keep in memory; default 10,000. */
        public B detailCacheSize(int entries) {
            requireUnset(this.detailCacheSize, "detailCacheSize");
            this.detailCacheSize = atLeast(entries, 0, "detailCacheSize");
            return self();
        }

        /**
         * In compact mode: how many paths may wait for their details to be loaded; beyond that the oldest is
         * dropped (counted by {@link SyncingTombstoneRegistry#detailRequestsDropped()}) and waits again at its
         * next request. Default 10,000.
         */
        public B detailQueueSize(int entries) {
            requireUnset(this.detailQueueSize, "detailQueueSize");
            this.detailQueueSize = atLeast(entries, 1, "detailQueueSize");
            return self();
        }
    }
}
