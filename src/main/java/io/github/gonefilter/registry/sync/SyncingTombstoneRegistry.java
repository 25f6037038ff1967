package io.github.gonefilter.registry.sync;

import io.github.gonefilter.matching.TombstoneIndex;
import io.github.gonefilter.registry.AtomicFiles;
import io.github.gonefilter.registry.TombstoneJson;
import io.github.gonefilter.tombstone.NotRestorableException;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
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
 * each); their details (message, alternative, ...) are loaded in the background into a bounded cache the
 * first time such a path is requested, and that first answer is a detail-less 410 with {@code max-age=0}.
 * Requests for live paths never touch the store in either mode.
 */
public abstract class SyncingTombstoneRegistry implements WritableTombstoneRegistry {

    private static final System.Logger LOG = System.getLogger(SyncingTombstoneRegistry.class.getName());
    private static final int SNAPSHOT_MAGIC = 0x474f4e45; // "GONE"
    private static final int SNAPSHOT_FORMAT = 1;

    private final TombstoneStore store;
    private final Clock clock;
    private final boolean caseSensitive;
    private final boolean failOpen;
    private final Duration maxStaleness;
    private final Duration fullSyncInterval;
    private final Path snapshotFile;
    private final int compactAbove;
    private final DetailCache details;

    private volatile View view;
    private volatile long lastGoodSyncMillis;
    private volatile boolean outage;
    private volatile boolean closed;
    private boolean starting = true;

    // Guarded by syncLock.
    private final Object syncLock = new Object();
    private final LinkedHashMap<String, Tombstone> held = new LinkedHashMap<>();
    private CompactPathSet compact;
    private long version;
    private long lastFullSyncMillis;
    private long outageSinceMillis;

    private final ScheduledExecutorService scheduler;
    private final ThreadPoolExecutor detailLoader;
    private final Set<String> loading = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean syncRequested = new AtomicBoolean();
    private final AtomicBoolean snapshotWriteRequested = new AtomicBoolean();
    private final AutoCloseable subscription;

    protected SyncingTombstoneRegistry(TombstoneStore store, Builder<?> b) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = b.clock != null ? b.clock : Clock.systemUTC();
        this.caseSensitive = b.caseSensitive == null || b.caseSensitive;
        this.failOpen = b.failOpen == null || b.failOpen;
        this.maxStaleness = b.maxStaleness != null ? b.maxStaleness : Duration.ofMinutes(1);
        this.fullSyncInterval = b.fullSyncInterval != null ? b.fullSyncInterval : Duration.ofHours(1);
        this.snapshotFile = b.snapshotFile;
        this.compactAbove = b.compactAbove != null ? b.compactAbove : 100_000;
        this.details = new DetailCache(b.detailCacheSize != null ? b.detailCacheSize : 10_000);
        this.view = new View(TombstoneIndex.empty(caseSensitive), null);
        String name = store.description();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "gone-filter-sync " + name));
        this.detailLoader = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024),
                r -> daemon(r, "gone-filter-details " + name), new ThreadPoolExecutor.DiscardPolicy());

        if (!syncNow()) {
            loadSnapshotFile();
        }
        starting = false;
        Duration interval = b.syncInterval != null ? b.syncInterval : Duration.ofSeconds(2);
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
            long age = clock.millis() - lastGoodSyncMillis;
            if (age > maxStaleness.toMillis()) {
                throw new RegistryUnavailableException("tombstones from " + store.description()
                        + " are stale (last sync " + Duration.ofMillis(age).toSeconds() + " s ago) and the registry"
                        + " is fail-closed");
            }
        }
        View v = view;
        Optional<Tombstone> found = v.index.find(canonicalPath, now);
        if (v.compact == null || (found.isPresent() && found.get().pattern() instanceof PathPattern.Exact
                && found.get().isActiveAt(now))) {
            return found;
        }
        String folded = fold(canonicalPath);
        if (v.compact.contains(CompactPathSet.fingerprint(folded))) {
            return Optional.of(details(canonicalPath, folded));
        }
        return found;
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

    private Tombstone details(String path, String folded) {
        Tombstone cached = details.get(folded);
        if (cached != null) {
            return cached;
        }
        if (loading.add(folded)) {
            detailLoader.execute(() -> {
                try {
                    store.load(path).ifPresent(t -> details.put(folded, t));
                } catch (Exception e) {
                    LOG.log(Level.DEBUG, "Loading details of " + path + " failed", e);
                } finally {
                    loading.remove(folded);
                }
            });
        }
        // Known gone, details not here yet: a plain 410 that caches must not keep.
        return Tombstone.builder(new PathPattern.Exact(path)).maxAge(Duration.ZERO).build();
    }

    // ---------------------------------------------------------------- writes (go to the store)

    @Override
    public final void bury(Tombstone tombstone) {
        Objects.requireNonNull(tombstone, "tombstone");
        try {
            store.bury(tombstone);
        } catch (Exception e) {
            throw new TombstoneStoreException("cannot bury " + tombstone.pattern().key() + " in "
                    + store.description() + ": " + e.getMessage(), e);
        }
        syncNow();
    }

    @Override
    public final boolean restore(PathPattern pattern, boolean force) {
        Objects.requireNonNull(pattern, "pattern");
        TombstoneStore.RestoreResult result;
        try {
            result = store.restore(pattern, force);
        } catch (Exception e) {
            throw new TombstoneStoreException("cannot restore " + pattern.key() + " in " + store.description()
                    + ": " + e.getMessage(), e);
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
            if (closed) {
                return false;
            }
            long nowMillis = clock.millis();
            boolean full = version == 0 || nowMillis - lastFullSyncMillis >= fullSyncInterval.toMillis();
            try {
                boolean changed = full ? fullSync() : incrementalSync();
                if (full) {
                    lastFullSyncMillis = nowMillis;
                }
                lastGoodSyncMillis = clock.millis();
                if (outage) {
                    outage = false;
                    LOG.log(Level.INFO, "Tombstone store " + store.description() + " is reachable again after "
                            + Duration.ofMillis(nowMillis - outageSinceMillis).toSeconds() + " s; "
                            + size() + " tombstones at version " + version);
                }
                if (changed && snapshotFile != null) {
                    scheduleSnapshotWrite();
                }
                return true;
            } catch (Exception e) {
                if (!outage) {
                    outage = true;
                    outageSinceMillis = nowMillis;
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
        if (!closed && syncRequested.compareAndSet(false, true)) {
            try {
                scheduler.execute(this::syncQuietly);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    /** Reads everything; caller holds syncLock. Publishes a new view only when the whole read succeeded. */
    private boolean fullSync() throws Exception {
        LinkedHashMap<String, Tombstone> all = new LinkedHashMap<>();
        long[][] hashes = {null};
        int[] count = {0};
        long v = store.readChanges(0, new TombstoneStore.ChangeSink() {
            @Override
            public void buried(Tombstone t) {
                String key = t.pattern().key();
                all.remove(key);
                if (hashes[0] != null && compactable(t)) {
                    add(fold(key));
                    return;
                }
                all.put(key, t);
                if (hashes[0] == null && all.size() > compactAbove) {
                    hashes[0] = new long[Math.max(1024, compactAbove * 2)];
                    all.values().removeIf(x -> {
                        if (compactable(x)) {
                            add(fold(x.pattern().key()));
                            return true;
                        }
                        return false;
                    });
                }
            }

            private void add(String path) {
                if (count[0] == hashes[0].length) {
                    hashes[0] = Arrays.copyOf(hashes[0], hashes[0].length + (hashes[0].length >> 1));
                }
                hashes[0][count[0]++] = CompactPathSet.fingerprint(path);
            }

            @Override
            public void restored(String key) {
                all.remove(key); // a full read lists no restores, but tolerate them
            }

            @Override
            public boolean acceptsPaths() {
                return hashes[0] != null;
            }

            @Override
            public void buriedPath(String canonicalPath) {
                all.remove(canonicalPath);
                add(fold(canonicalPath));
            }
        });
        held.clear();
        held.putAll(all);
        compact = hashes[0] == null ? null : CompactPathSet.of(hashes[0], count[0]);
        version = v;
        details.clear();
        publish();
        return true;
    }

    /** Applies the changes after {@link #version}; caller holds syncLock. */
    private boolean incrementalSync() throws Exception {
        boolean[] changed = {false};
        long v = store.readChanges(version, new TombstoneStore.ChangeSink() {
            @Override
            public void buried(Tombstone t) {
                String key = t.pattern().key();
                changed[0] = true;
                held.remove(key);
                if (compact != null && t.pattern() instanceof PathPattern.Exact) {
                    String folded = fold(key);
                    details.remove(folded);
                    if (compactable(t)) {
                        compact = compact.with(CompactPathSet.fingerprint(folded));
                        return;
                    }
                    compact = compact.without(CompactPathSet.fingerprint(folded));
                }
                held.put(key, t);
            }

            @Override
            public void restored(String key) {
                changed[0] |= held.remove(key) != null;
                if (compact != null && !key.startsWith("regex:") && key.indexOf('*') < 0) {
                    String folded = fold(key);
                    details.remove(folded);
                    long fp = CompactPathSet.fingerprint(folded);
                    if (compact.contains(fp)) {
                        compact = compact.without(fp);
                        changed[0] = true;
                    }
                }
            }
        });
        version = Math.max(version, v);
        if (changed[0]) {
            publish();
        }
        if (compact == null && held.size() > compactAbove) {
            lastFullSyncMillis = Long.MIN_VALUE / 2; // grown past the limit: the next sync reloads compactly
        }
        return changed[0];
    }

    private void publish() {
        view = new View(TombstoneIndex.of(new ArrayList<>(held.values()), caseSensitive), compact);
    }

    private static boolean compactable(Tombstone t) {
        return t.pattern() instanceof PathPattern.Exact && t.goneFrom() == null && t.goneUntil() == null
                && t.visibility() == Visibility.GONE;
    }

    private String fold(String path) {
        return caseSensitive ? path : path.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- snapshot on local disk

    /** Writes the snapshot file soon on the sync thread, so writers never wait for it; coalesced. */
    private void scheduleSnapshotWrite() {
        if (snapshotWriteRequested.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    synchronized (syncLock) {
                        if (snapshotWriteRequested.getAndSet(false)) {
                            writeSnapshotFile();
                        }
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    /** Writes the snapshot file atomically; caller holds syncLock. Failures are logged, never thrown. */
    private void writeSnapshotFile() {
        try {
            Path dir = snapshotFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + snapshotFile.getFileName(), ".tmp");
            try {
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
                        1 << 16))) {
                    out.writeInt(SNAPSHOT_MAGIC);
                    out.writeInt(SNAPSHOT_FORMAT);
                    out.writeUTF(store.description());
                    out.writeBoolean(caseSensitive);
                    out.writeLong(version);
                    out.writeInt(held.size());
                    for (Tombstone t : held.values()) {
                        byte[] json = TombstoneJson.toJsonString(t).getBytes(StandardCharsets.UTF_8);
                        out.writeInt(json.length);
                        out.write(json);
                    }
                    out.writeInt(compact == null ? -1 : compact.size());
                    if (compact != null) {
                        IOException[] failure = {null};
                        compact.forEach(fp -> {
                            try {
                                out.writeLong(fp);
                            } catch (IOException e) {
                                failure[0] = e;
                            }
                        });
                        if (failure[0] != null) {
                            throw failure[0];
                        }
                    }
                }
                AtomicFiles.moveIntoPlace(tmp, snapshotFile);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot write the tombstone snapshot " + snapshotFile + ": " + e);
        }
    }

    /** Starts from the snapshot file when the store is unreachable at start-up. */
    private void loadSnapshotFile() {
        if (snapshotFile == null || !Files.isRegularFile(snapshotFile)) {
            LOG.log(Level.WARNING, "Tombstone store " + store.description() + " is unreachable at start-up and there"
                    + " is no snapshot file; starting empty until it returns");
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(snapshotFile),
                1 << 16))) {
            if (in.readInt() != SNAPSHOT_MAGIC || in.readInt() != SNAPSHOT_FORMAT) {
                throw new IOException("not a gone-filter snapshot file");
            }
            String source = in.readUTF();
            if (!source.equals(store.description())) {
                throw new IOException("it holds tombstones of " + source + ", not " + store.description());
            }
            boolean fileCaseSensitive = in.readBoolean();
            in.readLong(); // the version: after an outage the store may have been rebuilt, so sync fully
            int n = in.readInt();
            LinkedHashMap<String, Tombstone> loaded = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                byte[] json = in.readNBytes(in.readInt());
                Tombstone t = TombstoneJson.fromJsonString(new String(json, StandardCharsets.UTF_8));
                loaded.put(t.pattern().key(), t);
            }
            int fps = in.readInt();
            CompactPathSet set = null;
            if (fps >= 0) {
                if (fileCaseSensitive != caseSensitive) {
                    throw new IOException("it was written with caseSensitive=" + fileCaseSensitive);
                }
                long[] a = new long[fps];
                for (int i = 0; i < fps; i++) {
                    a[i] = in.readLong();
                }
                set = CompactPathSet.of(a, fps);
            }
            synchronized (syncLock) {
                held.clear();
                held.putAll(loaded);
                compact = set;
                version = 0;
                publish();
            }
            LOG.log(Level.WARNING, "Tombstone store " + store.description() + " is unreachable at start-up;"
                    + " enforcing " + size() + " tombstones from the snapshot " + snapshotFile + " until it returns");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Tombstone store " + store.description() + " is unreachable at start-up and the"
                    + " snapshot " + snapshotFile + " cannot be read (" + e.getMessage() + "); starting empty");
        }
    }

    // ---------------------------------------------------------------- life cycle

    /** Stops syncing and notifications and closes the store. */
    @Override
    public void close() {
        synchronized (syncLock) {
            if (closed) {
                return;
            }
            if (snapshotFile != null && snapshotWriteRequested.getAndSet(false)) {
                writeSnapshotFile(); // the last change must not be lost with the sync thread
            }
            closed = true;
        }
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Closing the change subscription failed", e);
        }
        scheduler.shutdownNow();
        detailLoader.shutdownNow();
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

    private record View(TombstoneIndex index, CompactPathSet compact) {
    }

    /** A small LRU map of details for fingerprinted paths; only gone paths ever reach it. */
    private static final class DetailCache {
        private final Map<String, Tombstone> map;

        DetailCache(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("detailCacheSize must not be negative but was " + capacity);
            }
            this.map = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Tombstone> eldest) {
                    return size() > capacity;
                }
            });
        }

        Tombstone get(String path) {
            return map.get(path);
        }

        void put(String path, Tombstone t) {
            map.put(path, t);
        }

        void remove(String path) {
            map.remove(path);
        }

        void clear() {
            map.clear();
        }
    }

    /**
     * Settings shared by every store-backed registry. Each setting may be given once.
     *
     * @param <B> the concrete builder
     */
    public abstract static class Builder<B extends Builder<B>> {
        private Clock clock;
        private Boolean caseSensitive;
        private Duration syncInterval;
        private Duration fullSyncInterval;
        private Boolean failOpen;
        private Duration maxStaleness;
        private Path snapshotFile;
        private Integer compactAbove;
        private Integer detailCacheSize;

        protected Builder() {
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** The clock for sync bookkeeping and staleness; default the system clock. */
        public B clock(Clock clock) {
            requireUnset(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return self();
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
