package io.github.gonefilter.internal.registry.sync;

import io.github.gonefilter.internal.registry.Checks;
import io.github.gonefilter.internal.registry.Threads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Compact mode of a shared registry: above {@code compactAbove} tombstones, plain exact paths are held as 64-bit
 * fingerprints ({@link Fingerprinting}) and their details loaded on demand ({@link DetailLoader}, which keeps
 * them in a Caffeine cache). Without Caffeine on the class path compact mode is unavailable: every tombstone is
 * held in full, which needs far more memory at scale.
 */
public final class CompactMode implements AutoCloseable {

    /** Where compact mode starts unless configured. */
    public static final int DEFAULT_COMPACT_ABOVE = 100_000;
    /** What compact mode needs, as a Maven dependency. */
    public static final String CAFFEINE = "com.github.ben-manes.caffeine:caffeine";
    private static final String CAFFEINE_CLASS = "com.github.benmanes.caffeine.cache.Caffeine";

    private final Fingerprinting fingerprinting;
    private final int compactAbove;
    private final DetailLoader details; // null when unavailable
    private final ScheduledExecutorService executor; // null when unavailable

    private CompactMode(Fingerprinting fingerprinting, int compactAbove, DetailLoader details,
            ScheduledExecutorService executor) {
        this.fingerprinting = fingerprinting;
        this.compactAbove = compactAbove;
        this.details = details;
        this.executor = executor;
    }

    /**
     * Compact mode for a registry over {@code store}.
     *
     * @param compactAbove the configured limit, or {@code null} for {@link #DEFAULT_COMPACT_ABOVE}
     * @param retryDelay   how long to wait after a failed load of details
     * @throws IllegalStateException naming Caffeine if {@code compactAbove} was configured and Caffeine is missing
     */
    public static CompactMode create(TombstoneStore store, boolean caseSensitive, Integer compactAbove,
            int detailCacheSize, int detailQueueSize, Duration retryDelay) {
        Fingerprinting fingerprinting = new Fingerprinting(caseSensitive);
        if (!Checks.present(CAFFEINE_CLASS, CompactMode.class.getClassLoader())) {
            if (compactAbove != null) {
                Checks.requireOptional(CAFFEINE_CLASS, CAFFEINE + " (3.x)", "compactAbove: compact mode keeps the"
                        + " details of fingerprinted tombstones in a Caffeine cache", CompactMode.class.getClassLoader());
            }
            return new CompactMode(fingerprinting, Integer.MAX_VALUE, null, null);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Threads.daemons("gone-filter-details " + store.description(), false));
        return new CompactMode(fingerprinting, compactAbove != null ? compactAbove : DEFAULT_COMPACT_ABOVE,
                new DetailLoader(store, executor, detailCacheSize, detailQueueSize, retryDelay), executor);
    }

    /** Whether Caffeine is there, so that a large registry can hold plain exact paths as fingerprints. */
    public boolean available() {
        return details != null;
    }

    /**
     * How many requests for details were dropped because too many paths were waiting for theirs; a counter
     * that only grows.
     */
    public long detailRequestsDropped() {
        return details == null ? 0 : details.dropped();
    }

    Fingerprinting fingerprinting() {
        return fingerprinting;
    }

    int compactAbove() {
        return compactAbove;
    }

    /** The details loader, or {@code null} when compact mode is unavailable. */
    DetailLoader details() {
        return details;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
