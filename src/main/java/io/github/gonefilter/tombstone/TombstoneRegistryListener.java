package io.github.gonefilter.tombstone;

import java.util.List;

/**
 * Told by a registry what happens to its tombstones: every change of the set (for purging caches, audit logs)
 * and every attempt to read its source (for metrics). Register with {@link TombstoneRegistry#addListener}.
 *
 * <p>Both methods are called on the thread that applied the change or made the attempt (a request thread that
 * called {@code bury}, a reload or sync thread), after lookups see the change. They must be quick and never
 * block: hand slow work (HTTP calls) to a queue. An exception is logged and does not stop the registry or other
 * listeners.
 */
public interface TombstoneRegistryListener {

    /** Tombstones added and removed, in the order they were applied; never empty. */
    default void changed(List<TombstoneChange> changes) {
    }

    /**
     * A load, reload or sync of the registry's source finished.
     *
     * @param success whether the source was read; if not, the registry keeps answering from what it had
     */
    default void synced(boolean success) {
    }
}
