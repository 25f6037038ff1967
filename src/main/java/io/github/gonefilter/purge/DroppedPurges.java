package io.github.gonefilter.purge;

/**
 * What stopping the filter left unsent to one cache: first purges (the cache may still hold what a change made
 * stale) and second purges (a guard against other nodes, which go on purging their own changes).
 *
 * @param cache        the purger's {@link CachePurger#description() description}
 * @param firstPurges  changes never purged at all
 * @param secondPurges repeats dropped
 */
public record DroppedPurges(String cache, long firstPurges, long secondPurges) {

    /** Whether the loss matters: a first purge was dropped, so stale answers may stay cached until they expire. */
    public boolean firstPurgesLost() {
        return firstPurges > 0;
    }

    /** The log line: WARNING when {@link #firstPurgesLost()}, else INFO. */
    public String message() {
        long all = firstPurges + secondPurges;
        return all + (all == 1 ? " purge" : " purges") + " (" + firstPurges + " first purges, " + secondPurges
                + " second purges) were not sent to " + cache + " before the filter stopped";
    }
}
