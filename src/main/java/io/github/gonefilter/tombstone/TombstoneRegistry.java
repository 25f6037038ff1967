package io.github.gonefilter.tombstone;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The extension point: where the filter learns whether a path is gone. {@link #find} runs in front of
 * every request, so implementations answer from memory, never block on I/O, and are safe for concurrent
 * use. Implementations sync from their storage in the background.
 */
public interface TombstoneRegistry extends AutoCloseable {

    /**
     * The tombstone that governs {@code canonicalPath} at {@code now}, if any.
     *
     * <p>Among the tombstones that match, expired ones ({@link Tombstone#isExpiredAt}) are ignored; the most
     * specific one in force wins (exact path, then the glob with the longest literal prefix, then regular
     * expressions in declaration order). If none is in force, the most specific scheduled one is returned so
     * the filter can announce the coming removal.
     *
     * @param canonicalPath a path produced by {@link io.github.gonefilter.path.PathCanonicalizer}
     * @param now           the filter's current time
     */
    Optional<Tombstone> find(String canonicalPath, Instant now);

    /**
     * What {@link #find} would answer if no {@link Visibility#NOT_FOUND} tombstone existed: the tombstone a path
     * that never existed gets beside an erased one (a broader glob in force or scheduled, for example). The
     * filter answers an erased path with it, so that no method tells the erased path from a never-existing
     * sibling. The default is {@link #find} without its answer if that is a {@code not_found} tombstone, which
     * is exact for a registry that holds no broader tombstone over its erasures.
     */
    default Optional<Tombstone> findBeyondErasures(String canonicalPath, Instant now) {
        return find(canonicalPath, now).filter(t -> t.visibility() != Visibility.NOT_FOUND);
    }

    /**
     * A quick, time-free pre-check on the hot path: {@code false} promises that {@link #find} is empty for
     * {@code canonicalPath} at every instant, so the filter can let the request through without even reading
     * its clock. The default, {@code true}, is always correct.
     */
    default boolean mayMatch(String canonicalPath) {
        return true;
    }

    /** Every tombstone this registry holds, in declaration order. */
    List<Tombstone> list();

    /**
     * How many tombstones this registry knows, for the filter's start-up line and for monitoring. The default
     * counts {@link #list()}; a registry that does not list everything it knows says so here.
     */
    default int size() {
        return list().size();
    }

    /**
     * Where the tombstones come from, for people reading logs: {@code file /etc/app/tombstones.json},
     * {@code postgresql gone_tombstones at db:5432/app}. Never contains credentials. The default is the class name.
     */
    default String description() {
        return getClass().getSimpleName();
    }

    /**
     * What the registry reports about itself for health checks and operators. The default counts
     * {@link #list()} and reports {@link RegistryStatus.State#CURRENT}; registries with a source to read say when
     * they last read it and whether they can still answer.
     */
    default RegistryStatus status() {
        return RegistryStatus.of(this);
    }

    /**
     * Tells {@code listener} about every later change of the tombstone set and every read of the source. The
     * default ignores it: a registry that cannot tell when its tombstones change (a custom one, or one that
     * answers lazily from application data) never calls it, so caches in front are not purged for it.
     */
    default void addListener(TombstoneRegistryListener listener) {
    }

    /** Stops telling {@code listener}; the default does nothing. */
    default void removeListener(TombstoneRegistryListener listener) {
    }

    /** Stops background work and releases resources; the default does nothing. */
    @Override
    default void close() {
    }
}
