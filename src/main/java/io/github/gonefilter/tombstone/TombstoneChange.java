package io.github.gonefilter.tombstone;

import java.util.Objects;

/**
 * One change of a registry's tombstone set, as told to a {@link TombstoneRegistryListener}.
 *
 * @param kind      whether the tombstone was added (or replaced one with the same key) or removed
 * @param tombstone the tombstone added, or the one removed (for a removal a registry holds only as a
 *                  fingerprint, a tombstone with just its pattern)
 * @param cause     how the registry learned of the change
 */
public record TombstoneChange(Kind kind, Tombstone tombstone, Cause cause) {

    public enum Kind {
        /** Buried, or replaced by a tombstone with the same {@link PathPattern#key() key}. */
        ADDED,
        /** Restored, or gone from the source. */
        REMOVED
    }

    public enum Cause {
        /** Through this registry: {@code bury} or {@code restore} on this node. */
        WRITE,
        /** The registry's own source changed under it, e.g. the tombstone file was edited; every node reloading it sees it. */
        RELOAD,
        /** Read from shared storage: another node (or a tool) wrote it. */
        SYNC
    }

    public TombstoneChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tombstone, "tombstone");
        Objects.requireNonNull(cause, "cause");
    }
}
