package io.github.gonefilter.tombstone;

/** A registry that the application can change at run time, e.g. when it deletes a resource. */
public interface WritableTombstoneRegistry extends TombstoneRegistry {

    /** Adds a tombstone, replacing one with the same {@link PathPattern#key() key}. Visible to the next lookup. */
    void bury(Tombstone tombstone);

    /**
     * Removes the tombstone with the given pattern so the resource answers normally again.
     *
     * @param force also remove a tombstone that is not {@link Tombstone#restorable() restorable}
     * @return whether a tombstone was removed
     * @throws NotRestorableException if the tombstone is not restorable and {@code force} is false
     */
    boolean restore(PathPattern pattern, boolean force);

    /** {@link #restore(PathPattern, boolean)} without force, for a path or glob. */
    default boolean restore(String pathOrGlob) {
        return restore(PathPattern.of(pathOrGlob), false);
    }
}
