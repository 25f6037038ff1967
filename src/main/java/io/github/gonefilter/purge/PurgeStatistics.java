package io.github.gonefilter.purge;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of the purges a filter made, for monitoring: how many changes each purger handled, by outcome, and
 * how many wait now. One object per filter, the same from {@code build()} on (all zero while nothing is
 * configured or before the filter starts), so metrics can be bound to it once. Safe to read from any thread.
 */
public final class PurgeStatistics {

    /** What became of one change handed to one purger. */
    public enum Outcome {
        /** The purger purged it. */
        SUCCEEDED,
        /** An attempt failed and will be repeated after a backoff; a change may count here several times. */
        RETRIED,
        /** The cache refused it for good ({@link PurgeRejectedException}); it is not retried. */
        FAILED,
        /** Dropped unsent: the queue was full (the oldest waiting change goes), or the filter stopped. */
        DROPPED
    }

    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    private final AtomicInteger pending = new AtomicInteger();

    public PurgeStatistics() {
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    /** How many changes (per purger) ended with {@code outcome} so far. */
    public long count(Outcome outcome) {
        return counts.get(outcome).sum();
    }

    /** How many changes (per purger, second purges included) wait to be purged right now. */
    public int pending() {
        return pending.get();
    }

    void record(Outcome outcome, int changes) {
        counts.get(outcome).add(changes);
    }

    void pendingChanged(int delta) {
        pending.addAndGet(delta);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("PurgeStatistics[");
        for (Outcome outcome : Outcome.values()) {
            out.append(outcome.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(count(outcome)).append(", ");
        }
        return out.append("pending=").append(pending()).append(']').toString();
    }
}
