package io.github.gonefilter.registry.table;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket of {@code perSecond} tokens, refilled continuously at that rate and full at the start: at
 * most {@code perSecond} queries in any one second after a quiet spell, and {@code perSecond} per second
 * on average. Kept as the time at which the bucket would be full again (the generic cell rate algorithm),
 * so taking a token is one compare-and-set, without a lock.
 */
final class QueryRateLimit {

    private final LongSupplier ticker;
    private final long nanosPerToken;
    private final long capacityNanos;
    /** When the bucket would be full again, on the ticker; in the past while it is full. */
    private final AtomicLong fullAt;

    QueryRateLimit(int perSecond, LongSupplier ticker) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1 but was " + perSecond);
        }
        this.ticker = ticker;
        this.nanosPerToken = 1_000_000_000L / perSecond;
        this.capacityNanos = nanosPerToken * perSecond;
        this.fullAt = new AtomicLong(ticker.getAsLong());
    }

    /** Takes a token if one is left. */
    boolean tryAcquire() {
        long now = ticker.getAsLong();
        while (true) {
            long full = fullAt.get();
            long next = (full - now > 0 ? full : now) + nanosPerToken; // differences: nanoTime may wrap
            if (next - now > capacityNanos) {
                return false;
            }
            if (fullAt.compareAndSet(full, next)) {
                return true;
            }
        }
    }
}
