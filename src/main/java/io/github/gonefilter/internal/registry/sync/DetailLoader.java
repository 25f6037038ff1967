package io.github.gonefilter.internal.registry.sync;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.gonefilter.tombstone.Tombstone;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The details of fingerprinted tombstones in compact mode: a bounded Caffeine cache in front of the store (the
 * reason compact mode needs Caffeine), and a bounded set of keys waiting to be loaded that one background
 * thread drains in batches. A key waits at most
 * once and is loaded at most once until something invalidates it, so any number of requests for one
 * tombstone make one query; when more keys wait than the bound allows, the oldest is dropped (and counted)
 * and waits again at its next request. Keys are tombstone keys as lookups fold them, never a request's
 * spelling.
 */
final class DetailLoader {

    private static final System.Logger LOG = System.getLogger(DetailLoader.class.getName());
    static final int BATCH = 100;
    /** Cached for a key the store does not hold (restored but not yet synced): no query at every request. */
    static final Tombstone NONE = Tombstone.of("/gone-filter/no-details");

    private final TombstoneStore store;
    private final ScheduledExecutorService executor;
    private final int queueSize;
    private final Duration retryDelay;

    private final Cache<String, Tombstone> cache;
    // Guarded by this.
    private final LinkedHashSet<String> wanted = new LinkedHashSet<>();
    private final Set<String> inFlight = new HashSet<>();
    private long generation; // bumped by every invalidation, so a load that raced one is not cached
    private boolean draining;
    private long dropped;
    private boolean failing;

    DetailLoader(TombstoneStore store, ScheduledExecutorService executor, int cacheSize, int queueSize,
            Duration retryDelay) {
        this.store = store;
        this.executor = executor;
        this.queueSize = queueSize;
        this.retryDelay = retryDelay;
        this.cache = Caffeine.newBuilder()
                .maximumSize(cacheSize)
                .executor(Runnable::run) // maintenance on the calling thread: no common-pool tasks from a web app
                .build();
    }

    /** The cached details of {@code key}, {@link #NONE}, or null after asking for them to be loaded. */
    synchronized Tombstone get(String key) {
        Tombstone t = cache.getIfPresent(key);
        if (t == null && !inFlight.contains(key) && enqueue(key) && !draining) {
            draining = true;
            submit(0);
        }
        return t;
    }

    /** Adds a key to wait for loading, dropping the oldest beyond the bound; caller holds the lock. */
    private boolean enqueue(String key) {
        if (!wanted.add(key)) {
            return false;
        }
        if (wanted.size() > queueSize) {
            Iterator<String> oldest = wanted.iterator();
            oldest.next();
            oldest.remove();
            dropped++;
        }
        return true;
    }

    /** Forgets the details of {@code key}: its tombstone changed or was restored. */
    synchronized void invalidate(String key) {
        generation++;
        cache.invalidate(key);
    }

    /** Forgets every detail: a complete sync replaced the set. */
    synchronized void clear() {
        generation++;
        cache.invalidateAll();
    }

    /** How many requests for details were dropped because too many keys were waiting. */
    synchronized long dropped() {
        return dropped;
    }

    /** How many keys wait for their details or are being loaded. */
    synchronized int waiting() {
        return wanted.size() + inFlight.size();
    }

    private void submit(long delayMillis) {
        try {
            executor.schedule(this::drain, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            draining = false; // closing
        }
    }

    /** Loads waiting keys in batches until none is left; after a failure, tries again after a pause. */
    private void drain() {
        while (true) {
            List<String> batch;
            long startedAt;
            synchronized (this) {
                if (wanted.isEmpty()) {
                    draining = false;
                    return;
                }
                batch = new ArrayList<>(Math.min(BATCH, wanted.size()));
                for (Iterator<String> it = wanted.iterator(); it.hasNext() && batch.size() < BATCH; ) {
                    batch.add(it.next());
                    it.remove();
                }
                inFlight.addAll(batch);
                startedAt = generation;
            }
            Map<String, Tombstone> found;
            try {
                found = store.load(batch);
            } catch (Exception e) {
                synchronized (this) {
                    batch.forEach(inFlight::remove);
                    batch.forEach(this::enqueue);
                    if (!failing) {
                        failing = true;
                        LOG.log(Level.DEBUG, "Loading tombstone details from " + store.description()
                                + " failed; retrying every " + retryDelay.toMillis() + " ms: " + e);
                    }
                    submit(retryDelay.toMillis());
                }
                return;
            }
            synchronized (this) {
                failing = false;
                batch.forEach(inFlight::remove);
                if (generation != startedAt) {
                    batch.forEach(this::enqueue); // changed meanwhile: load again rather than cache stale details
                    continue;
                }
                for (String key : batch) {
                    cache.put(key, found.getOrDefault(key, NONE));
                }
            }
        }
    }
}
