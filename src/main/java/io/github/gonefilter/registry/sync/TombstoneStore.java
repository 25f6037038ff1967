package io.github.gonefilter.registry.sync;

import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.util.Collection;
import java.util.Map;

/**
 * The storage operations a shared backend (JDBC, Redis) writes; {@link SyncingTombstoneRegistry} does the
 * rest: the in-memory snapshot, incremental sync, outage handling and the snapshot on local disk. Every
 * method may do I/O and may throw; none is ever called on a request thread.
 *
 * <p>Every change gets a version from one counter in the store; versions become visible in the order they
 * were assigned, so a node that has applied everything up to version {@code v} only needs the changes
 * after {@code v}. Restores are changes too: the store keeps a marker (a soft-deleted row) so they can be
 * read incrementally.
 */
public interface TombstoneStore extends AutoCloseable {

    /**
     * Streams the changes after {@code sinceVersion} in version order. With {@code sinceVersion == 0} it
     * streams every tombstone in force, and must leave the registry consistent as of the version it returns:
     * either it reads one snapshot, or it also streams every change made while it reads, restores included
     * (older restores may be left out). Applying a change twice is harmless.
     *
     * @return the highest version streamed, or at least {@code sinceVersion}
     */
    long readChanges(long sinceVersion, ChangeSink sink) throws Exception;

    /** Stores {@code tombstone}, replacing one with the same key, under a new version. */
    void bury(Tombstone tombstone) throws Exception;

    /** Marks the tombstone with {@code pattern} as restored under a new version, if allowed. */
    RestoreResult restore(PathPattern pattern, boolean force) throws Exception;

    /**
     * The tombstones in force among those with these {@link PathPattern#key() keys} (at most
     * {@value DetailLoader#BATCH} at a time), by key; keys not in force are left out. For loading the
     * details of fingerprinted tombstones on demand, in batches.
     */
    Map<String, Tombstone> load(Collection<String> keys) throws Exception;

    /**
     * Calls {@code onChange} soon after any node changes the store (PostgreSQL {@code NOTIFY}, Redis
     * pub/sub), from a thread the store owns, and again after each reconnect. The default offers nothing;
     * the registry then relies on its sync interval.
     *
     * @return stops the subscription
     */
    default AutoCloseable subscribe(Runnable onChange) {
        return () -> { };
    }

    /** Names the store in log messages and identifies it in the local snapshot file. */
    String description();

    @Override
    default void close() throws Exception {
    }

    /** Receives changes in version order. */
    interface ChangeSink {
        void buried(Tombstone tombstone);

        void restored(String key);

        /**
         * Whether the store may call {@link #buriedPath} instead of {@link #buried} for an exact path without
         * a time window and with visibility {@code gone}, sparing the work of reading it in full. True while a
         * large registry loads compactly.
         */
        default boolean acceptsPaths() {
            return false;
        }

        /**
         * A tombstone for exactly {@code canonicalPath}, no time window, visibility {@code gone}.
         *
         * @return false if the sink wants this one in full after all: the store then calls {@link #buried}
         */
        default boolean buriedPath(String canonicalPath) {
            throw new UnsupportedOperationException("acceptsPaths() is false");
        }
    }

    /** The outcome of {@link #restore}. */
    enum RestoreResult {
        RESTORED, ABSENT, NOT_RESTORABLE
    }
}
