package io.github.gonefilter.internal.registry.sync;

import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.util.Collection;
import java.util.Map;

/**
 * The storage operations of a shared backend (JDBC, Redis), and nothing else: the registry does the in-memory
 * snapshot, complete and incremental sync, outage handling, the snapshot on local disk and compact mode. Every
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
     * {@value DetailLoader#BATCH} at a time), by key; keys not in force are left out.
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

        /** A tombstone stored (or stored again) since the version asked for. */
        void buried(Stored stored);

        /** The tombstone with this key was restored. */
        void restored(String key);
    }

    /** One stored tombstone, as {@link ChangeSink#buried} receives it: valid only during that call. */
    interface Stored {

        /** Its {@link PathPattern#key() key}. */
        String key();

        /** Reads it in full; {@code null} if it is invalid, which the store has logged with its key. */
        Tombstone tombstone();

        /**
         * Its canonical path, if the store can tell without reading it in full that it is an exact path with no
         * time window and visibility {@code gone}; {@code null} if it is not, or the store cannot tell cheaply.
         * Lets a large load skip reading such tombstones in full when it only keeps their paths.
         */
        default String plainPath() {
            return null;
        }
    }

    /** The outcome of {@link #restore}. */
    enum RestoreResult {
        RESTORED, ABSENT, NOT_RESTORABLE
    }
}
