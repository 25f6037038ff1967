package io.github.gonefilter.registry.sync;

import io.github.gonefilter.internal.registry.Freshness;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A fail-closed registry's limit: lookups fail once the last successful sync began longer ago than
 * {@code maxStaleness}, measured on the monotonic ticker, so that stepping the system time neither hides nor
 * fakes staleness.
 */
final class StalenessLimit implements Freshness {

    private final LongSupplier ticker;
    private final long maxStalenessNanos;
    private final String source;
    private volatile boolean everSynced;
    private volatile long lastGoodSyncNanos; // ticker time, meaningful once everSynced

    StalenessLimit(LongSupplier ticker, Duration maxStaleness, String source) {
        this.ticker = ticker;
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.source = source;
    }

    /** A sync that began at {@code startedNanos} succeeded: what it read is at least that new. */
    void synced(long startedNanos) {
        lastGoodSyncNanos = startedNanos;
        everSynced = true;
    }

    @Override
    public boolean fresh() {
        return everSynced && ticker.getAsLong() - lastGoodSyncNanos <= maxStalenessNanos;
    }

    @Override
    public void check() {
        if (!everSynced) {
            throw new RegistryUnavailableException("tombstones from " + source + " have never been"
                    + " read and the registry is fail-closed");
        }
        long age = ticker.getAsLong() - lastGoodSyncNanos;
        if (age > maxStalenessNanos) {
            throw new RegistryUnavailableException("tombstones from " + source + " are stale (last sync "
                    + Duration.ofNanos(age).toSeconds() + " s ago) and the registry is fail-closed");
        }
    }
}
