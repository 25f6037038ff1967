package io.github.gonefilter.registry.sync;

import io.github.gonefilter.internal.matching.TombstoneIndex;
import io.github.gonefilter.internal.registry.RegistryEvents;
import io.github.gonefilter.tombstone.NotRestorableException;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.TombstoneRegistryListener;
import io.github.gonefilter.tombstone.Visibility;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A registry over a shared {@link TombstoneStore}: every node serves lookups from its own in-memory snapshot
 * and never waits on the store. The snapshot is brought up to date incrementally (only changes after the
 * last version seen, restores included) every {@link Builder#syncInterval sync interval}, at once when the
 * store notifies a change, and completely every {@link Builder#fullSyncInterval full sync interval}.
 *
 * <p><b>Outages.</b> When the store is unreachable, lookups keep answering from the last good snapshot, the
 * failure is logged once, and syncing resumes by itself. With a {@link Builder#snapshotFile snapshot file}
 * the snapshot is also kept on local disk, so a node that starts during an outage still enforces every
 * tombstone it knew. A {@link Builder#failOpen(boolean) fail-closed} registry instead throws
 * {@link RegistryUnavailableException} from lookups once its snapshot is older than
 * {@link Builder#maxStaleness}.
 *
 * <p><b>Scale.</b> Up to {@link Builder#compactAbove} tombstones are held in full. Beyond that, exact-path
 * tombstones without a time window and with visibility {@code gone} are held as 64-bit fingerprints (8 bytes
 * each); their details (message, alternative, ...) are loaded in the background, in batches, into a bounded
 * cache the first time such a path is requested, and until they arrive the answer is a detail-less 410 with
 * {@code max-age=0}.
 * Requests for live paths never touch the store in either mode.
 */
public abstract class SyncingTombstoneRegistry implements WritableTombstoneRegistry {

    private static final System.Logger LOG = System.getLogger(SyncingTombstoneRegistry.class.getName());

    private final TombstoneStore store;
    private final Ticker ticker;
    private final boolean caseSensitive;
    private final boolean failOpen;
    private final long maxStalenessNanos;
    private final long fullSyncIntervalNanos;
    private final SnapshotFile snapshotFile;
    private final int compactAbove;
    private final Fingerprinting fingerprinting;
    private final DetailLoader details;

    private final RegistryEvents events;
    /**
     * What this node wrote and has not yet read back from the store, by key: the tombstone buried, or
     * {@link #RESTORED}. A change read back that matches is reported as {@link TombstoneChange.Cause#WRITE}, any
     * other as {@link TombstoneChange.Cause#SYNC}, so that caches are purged by the node that made a change.
     */
    private final Map<String, Object> ownWrites = new ConcurrentHashMap<>();
    private static final Object RESTORED = new Object();
    private static final int MAX_OWN_WRITES = 10_000;

    private volatile View view;
    private volatile boolean everSynced;
    private volatile long lastGoodSyncNanos; // ticker time, meaningful once everSynced
    private volatile boolean outage;
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean starting = true;

    // Guarded by syncLock.
    private final Object syncLock = new Object();
    private final LinkedHashMap<String, Tombstone> held = new LinkedHashMap<>();
    private CompactPathSet compact;
    private long version;
    private long lastFullSyncNanos;
    private boolean fullSyncDue;
    private long outageSinceNanos;

    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService detailLoader;
    private final AtomicBoolean syncRequested = new AtomicBoolean();
    private final AtomicBoolean snapshotWriteRequested = new AtomicBoolean();
    private final Object snapshotLock = new Object(); // one writer of the snapshot file at a time
    private View writtenView; // the view last written to the snapshot file; guarded by snapshotLock
    private final AutoCloseable subscription;

    protected SyncingTombstoneRegistry(TombstoneStore store, Builder<?> b) {
        this.store = Objects.requireNonNull(store, "store");
        this.ticker = b.ticker != null ? b.ticker : Ticker.system();
        this.caseSensitive = b.caseSensitive == null || b.caseSensitive;
        this.failOpen = b.failOpen == null || b.failOpen;
        this.maxStalenessNanos = (b.maxStaleness != null ? b.maxStaleness : Duration.ofMinutes(1)).toNanos();
        this.fullSyncIntervalNanos = (b.fullSyncInterval != null ? b.fullSyncInterval : Duration.ofHours(1)).toNanos();
        this.snapshotFile = b.snapshotFile == null ? null
                : new SnapshotFile(b.snapshotFile, store.description(), caseSensitive);
        this.compactAbove = b.compactAbove != null ? b.compactAbove : 100_000;
        this.fingerprinting = new Fingerprinting(caseSensitive);
        this.events = new RegistryEvents(b.clock != null ? b.clock : Clock.systemUTC());
        this.view = new View(TombstoneIndex.empty(caseSensitive), List.of(), null, 0);
        this.writtenView = view; // nothing known yet: nothing to write
        String name = store.description();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "gone-filter-sync " + name));
        this.detailLoader = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "gone-filter-details " + name));
        Duration interval = b.syncInterval != null ? b.syncInterval : Duration.ofSeconds(2);
        this.details = new DetailLoader(store, detailLoader, b.detailCacheSize != null ? b.detailCacheSize : 10_000,
                b.detailQueueSize != null ? b.detailQueueSize : 10_000, interval);

        if (!syncNow()) {
            loadSnapshotFile();
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

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        // Threads may start during a request: keep the web application's class loader out of them.
        t.setContextClassLoader(SyncingTombstoneRegistry.class.getClassLoader());
        return t;
    }

    // ---------------------------------------------------------------- lookups (hot path, memory only)

    @Override
    public final Optional<Tombstone> find(String canonicalPath, Instant now) {
        if (!failOpen) {
            checkFresh();
        }
        View v = view;
        Optional<Tombstone> found = v.index.find(canonicalPath, now);
        if (v.compact == null || (found.isPresent() && found.get().pattern() instanceof PathPattern.Exact
                && found.get().isActiveAt(now))) {
            return found;
        }
        String key = fingerprinting.fold(canonicalPath); // a fingerprinted tombstone's key is folded
        if (v.compact.contains(CompactPathSet.fingerprint(key))) {
            return Optional.of(details(canonicalPath, key));
        }
        return found;
    }

    /** Elapsed time on the ticker, never the wall clock: stepping the system time neither hides nor fakes staleness. */
    private void checkFresh() {
        if (!everSynced) {
            throw new RegistryUnavailableException("tombstones from " + store.description() + " have never been"
                    + " read and the registry is fail-closed");
        }
        if (!fresh()) {
            long age = ticker.nanos() - lastGoodSyncNanos;
            throw new RegistryUnavailableException("tombstones from " + store.description()
                    + " are stale (last sync " + Duration.ofNanos(age).toSeconds() + " s ago) and the registry"
                    + " is fail-closed");
        }
    }

    /** Whether the snapshot was read from the store within {@link Builder#maxStaleness}. */
    private boolean fresh() {
        return everSynced && ticker.nanos() - lastGoodSyncNanos <= maxStalenessNanos;
    }

    /**
     * Every tombstone held in full. Up to {@link Builder#compactAbove} tombstones that is all of them; in
     * compact mode the fingerprinted exact paths are not listed (read the store for those).
     */
    @Override
    public final List<Tombstone> list() {
        return view.index.tombstones();
    }

    @Override
    public String description() {
        return store.description();
    }

    /** How many tombstones this node knows: held in full plus fingerprinted. */
    @Override
    public final int size() {
        View v = view;
        return v.index.size() + (v.compact == null ? 0 : v.compact.size());
    }

    /** Whether exact paths are held as fingerprints because there are more than {@link Builder#compactAbove}. */
    public final boolean compact() {
        return view.compact != null;
    }

    /** Whether the last sync attempt failed; lookups are then served from the last good snapshot. */
    public final boolean outage() {
        return outage;
    }

    /** The store version this node has applied. */
    public final long version() {
        synchronized (syncLock) {
            return version;
        }
    }

    public final boolean caseSensitive() {
        return caseSensitive;
    }

    /** The details of a fingerprinted tombstone, or a plain 410 while they load. */
    private Tombstone details(String path, String key) {
        Tombstone loaded = details.get(key);
        if (loaded != null && loaded != DetailLoader.NONE) {
            return loaded;
        }
        // Known gone, details not here (yet): a plain 410 that caches must not keep.
        return Tombstone.builder(new PathPattern.Exact(path)).maxAge(Duration.ZERO).build();
    }

    /**
     * Compact mode: how many requests for details were dropped because more than
     * {@link Builder#detailQueueSize} paths were waiting for theirs (each such path waits again at its next
     * request). A counter for monitoring; it only grows.
     */
    public final long detailRequestsDropped() {
        return details.dropped();
    }

    // ---------------------------------------------------------------- writes (go to the store)

    @Override
    public final void bury(Tombstone tombstone) {
        Objects.requireNonNull(tombstone, "tombstone");
        String key = tombstone.pattern().key();
        ownWrites.put(key, tombstone); // before the write: a sync may read it back before store.bury returns
        try {
            store.bury(tombstone);
        } catch (Exception e) {
            ownWrites.remove(key, tombstone);
            throw new TombstoneStoreException("cannot bury " + tombstone.pattern().key() + " in "
                    + store.description() + ": " + e.getMessage(), e);
        }
        syncNow();
    }

    @Override
    public final boolean restore(PathPattern pattern, boolean force) {
        Objects.requireNonNull(pattern, "pattern");
        TombstoneStore.RestoreResult result;
        ownWrites.put(pattern.key(), RESTORED);
        try {
            result = store.restore(pattern, force);
        } catch (Exception e) {
            ownWrites.remove(pattern.key(), RESTORED);
            throw new TombstoneStoreException("cannot restore " + pattern.key() + " in " + store.description()
                    + ": " + e.getMessage(), e);
        }
        if (result != TombstoneStore.RestoreResult.RESTORED) {
            ownWrites.remove(pattern.key(), RESTORED);
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
            long started = ticker.nanos();
            boolean full = version == 0 || fullSyncDue || started - lastFullSyncNanos >= fullSyncIntervalNanos;
            try {
                boolean changed = full ? fullSync() : incrementalSync();
                if (full) {
                    lastFullSyncNanos = started;
                    fullSyncDue = false;
                }
                lastGoodSyncNanos = started; // what was read is at least as new as the moment the read began
                everSynced = true;
                if (outage) {
                    outage = false;
                    LOG.log(Level.INFO, "Tombstone store " + store.description() + " is reachable again after "
                            + Duration.ofNanos(started - outageSinceNanos).toSeconds() + " s; "
                            + size() + " tombstones at version " + version);
                }
                if (changed && snapshotFile != null) {
                    scheduleSnapshotWrite();
                }
                events.loaded();
                return true;
            } catch (Exception e) {
                if (closed.get()) {
                    return false; // the store was closed under a sync in progress: no outage
                }
                events.failed(e);
                if (!outage) {
                    outage = true;
                    outageSinceNanos = started;
                    LOG.log(starting ? Level.DEBUG : Level.WARNING, "Tombstone store " + store.description() + " is unreachable; answering"
                            + " from the last good snapshot (" + size() + " tombstones) until it returns: " + e);
                }
                return false;
            }
        }
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
    protected final void requestSync() {
        if (!closed.get() && syncRequested.compareAndSet(false, true)) {
            try {
                scheduler.execute(this::syncQuietly);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    /** Reads everything; caller holds syncLock. Publishes a new view only when the whole read succeeded. */
    private boolean fullSync() throws Exception {
        CompleteRead read = new CompleteRead(fingerprinting, compactAbove);
        long v = store.readChanges(0, read);
        // Fingerprinted tombstones are not compared: a change of one of them was reported by the incremental
        // sync that read it, and a complete sync only heals what such a sync missed.
        List<TombstoneChange> changes = events.listened()
                ? RegistryEvents.diff(held.values(), read.full().values(), TombstoneChange.Cause.SYNC) : List.of();
        held.clear();
        held.putAll(read.full());
        compact = read.fingerprints();
        version = v;
        details.clear();
        publish();
        report(changes);
        return true;
    }

    /** Applies the changes after {@link #version}; caller holds syncLock. */
    private boolean incrementalSync() throws Exception {
        boolean[] changed = {false};
        List<TombstoneChange> changes = new ArrayList<>();
        long v = store.readChanges(version, new TombstoneStore.ChangeSink() {
            @Override
            public void buried(Tombstone t) {
                String key = t.pattern().key();
                changed[0] = true;
                changes.add(new TombstoneChange(TombstoneChange.Kind.ADDED, t, TombstoneChange.Cause.SYNC));
                held.remove(key);
                if (compact != null && fingerprinting.mayBeFingerprinted(key)) {
                    details.invalidate(key);
                    if (fingerprinting.compactable(t)) {
                        compact = compact.with(fingerprinting.of(key));
                        return;
                    }
                    compact = compact.without(fingerprinting.of(key));
                }
                held.put(key, t);
            }

            @Override
            public void restored(String key) {
                Tombstone removed = held.remove(key);
                changed[0] |= removed != null;
                if (compact != null && fingerprinting.mayBeFingerprinted(key)) {
                    details.invalidate(key);
                    long fp = fingerprinting.of(key);
                    if (compact.contains(fp)) {
                        compact = compact.without(fp);
                        changed[0] = true;
                        removed = Tombstone.builder(patternOf(key)).build();
                    }
                }
                if (removed != null) {
                    changes.add(new TombstoneChange(TombstoneChange.Kind.REMOVED, removed, TombstoneChange.Cause.SYNC));
                }
            }
        });
        version = Math.max(version, v);
        if (changed[0]) {
            publish();
        }
        report(changes);
        if (compact == null && held.size() > compactAbove) {
            fullSyncDue = true; // grown past the limit: the next sync reloads compactly
        }
        return changed[0];
    }

    /** Tells the listeners about {@code changes}, those this node wrote as {@link TombstoneChange.Cause#WRITE}. */
    private void report(List<TombstoneChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<TombstoneChange> attributed = new ArrayList<>(changes.size());
        for (TombstoneChange c : changes) {
            String key = c.tombstone().pattern().key();
            Object mine = c.kind() == TombstoneChange.Kind.ADDED ? c.tombstone() : RESTORED;
            boolean own = ownWrites.remove(key, mine);
            attributed.add(own ? new TombstoneChange(c.kind(), c.tombstone(), TombstoneChange.Cause.WRITE) : c);
        }
        if (ownWrites.size() > MAX_OWN_WRITES) {
            // Writes never read back as written (another node overwrote them first) only pile up: forget them.
            ownWrites.clear();
        }
        events.changed(attributed);
    }

    /** The pattern whose {@link PathPattern#key() key} is {@code key}. */
    private static PathPattern patternOf(String key) {
        return key.startsWith("regex:") ? PathPattern.regex(key.substring("regex:".length())) : PathPattern.of(key);
    }

    @Override
    public final void addListener(TombstoneRegistryListener listener) {
        events.add(listener);
    }

    @Override
    public final void removeListener(TombstoneRegistryListener listener) {
        events.remove(listener);
    }

    /**
     * {@code CURRENT} after a successful sync; {@code STALE} while the store is unreachable and lookups are answered
     * from the last good snapshot; {@code UNAVAILABLE} when lookups throw (fail-closed past
     * {@link Builder#maxStaleness}) or nothing was ever read (neither the store nor a snapshot file).
     */
    @Override
    public RegistryStatus status() {
        View v = view;
        Map<Visibility, Integer> counts = new java.util.EnumMap<>(RegistryStatus.countByVisibility(v.held()));
        if (v.compact() != null) {
            counts.merge(Visibility.GONE, v.compact().size(), Integer::sum); // only gone paths are fingerprinted
        }
        RegistryStatus.State state;
        if (!everSynced && v.held().isEmpty() && v.compact() == null) {
            state = RegistryStatus.State.UNAVAILABLE;
        } else if (!failOpen && !fresh()) {
            state = RegistryStatus.State.UNAVAILABLE;
        } else if (outage || !everSynced) {
            state = RegistryStatus.State.STALE;
        } else {
            state = RegistryStatus.State.CURRENT;
        }
        return new RegistryStatus(kind(), description(), size(), counts, events.lastLoaded(), events.lastError(),
                events.lastErrorAt(), state);
    }

    /** The kind reported in {@link #status()}, such as {@code jdbc} or {@code redis}. */
    protected abstract String kind();

    private void publish() {
        List<Tombstone> all = List.copyOf(held.values());
        view = new View(TombstoneIndex.of(all, caseSensitive), all, compact, version);
    }

    // ---------------------------------------------------------------- snapshot on local disk

    /** Writes the snapshot file soon on the sync thread, so writers never wait for it; coalesced. */
    private void scheduleSnapshotWrite() {
        if (snapshotWriteRequested.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    if (snapshotWriteRequested.getAndSet(false)) {
                        writeSnapshotFile();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    /**
     * Writes the newest published view to the snapshot file atomically, never waiting for a sync in progress
     * (which may wait on an unreachable store). The view is read under the lock, so a write that waited for
     * another can never replace a newer view with the older one it would have read before; a view already
     * written is not written again. Failures are logged, never thrown.
     */
    private void writeSnapshotFile() {
        synchronized (snapshotLock) {
            View v = view;
            if (v == writtenView) {
                return;
            }
            try {
                snapshotFile.write(v.version(), v.held(), v.compact());
                writtenView = v;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot write the tombstone snapshot " + snapshotFile.path() + ": " + e);
            }
        }
    }

    /** Starts from the snapshot file when the store is unreachable at start-up; a damaged file is ignored. */
    private void loadSnapshotFile() {
        if (snapshotFile == null || !Files.isRegularFile(snapshotFile.path())) {
            LOG.log(Level.WARNING, "Tombstone store " + store.description() + " is unreachable at start-up and there"
                    + " is no snapshot file; starting empty until it returns");
            return;
        }
        SnapshotFile.Contents contents;
        try {
            contents = snapshotFile.read();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Tombstone store " + store.description() + " is unreachable at start-up and the"
                    + " snapshot " + snapshotFile.path() + " cannot be read (" + e.getMessage() + "); starting empty");
            return;
        }
        synchronized (syncLock) {
            held.clear();
            for (Tombstone t : contents.tombstones()) {
                held.put(t.pattern().key(), t);
            }
            compact = contents.fingerprints();
            version = 0; // after an outage the store may have been rebuilt: the first sync is complete
            publish();
        }
        LOG.log(Level.WARNING, "Tombstone store " + store.description() + " is unreachable at start-up;"
                + " enforcing " + size() + " tombstones from the snapshot " + snapshotFile.path() + " until it returns");
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
        detailLoader.shutdownNow();
        if (snapshotFile != null) {
            // On this thread, which no shutdown interrupts: a scheduled write that shutdownNow() interrupted
            // (or that had not run yet) must not take the last change with it.
            writeSnapshotFile();
        }
        try {
            store.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Closing " + store.description() + " failed", e);
        }
    }

    /** The store this registry syncs from. */
    protected final TombstoneStore store() {
        return store;
    }

    /** What lookups read: published whole, so lookups and the snapshot file never see a sync half-done. */
    private record View(TombstoneIndex index, List<Tombstone> held, CompactPathSet compact, long version) {
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
         * their details loaded on demand; default 100,000.
         */
        public B compactAbove(int tombstones) {
            requireUnset(this.compactAbove, "compactAbove");
            if (tombstones < 0) {
                throw new IllegalArgumentException("compactAbove must not be negative but was " + tombstones);
            }
            this.compactAbove = tombstones;
            return self();
        }

        /** In compact mode: how many tombstones' details to keep in memory; default 10,000. */
        public B detailCacheSize(int entries) {
            requireUnset(this.detailCacheSize, "detailCacheSize");
            if (entries < 0) {
                throw new IllegalArgumentException("detailCacheSize must not be negative but was " + entries);
            }
            this.detailCacheSize = entries;
            return self();
        }

        /**
         * In compact mode: how many paths may wait for their details to be loaded; beyond that the oldest is
         * dropped (counted by {@link SyncingTombstoneRegistry#detailRequestsDropped()}) and waits again at its
         * next request. Default 10,000.
         */
        public B detailQueueSize(int entries) {
            requireUnset(this.detailQueueSize, "detailQueueSize");
            if (entries < 1) {
                throw new IllegalArgumentException("detailQueueSize must be at least 1 but was " + entries);
            }
            this.detailQueueSize = entries;
            return self();
        }

        protected static void requireUnset(Object value, String name) {
            if (value != null) {
                throw new IllegalStateException(name + " was already set to " + value);
            }
        }

        protected static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive but was " + d);
            }
            return d;
        }
    }
}
