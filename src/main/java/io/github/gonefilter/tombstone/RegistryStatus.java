package io.github.gonefilter.tombstone;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a registry reports about itself, for health checks, metrics and operators: an immutable snapshot taken
 * when {@link TombstoneRegistry#status()} was called.
 *
 * @param kind         the kind of registry: {@code memory}, {@code file}, {@code jdbc}, {@code redis},
 *                     {@code soft-delete}, or the simple class name of a custom one
 * @param source       where the tombstones come from ({@link TombstoneRegistry#description()}); never credentials
 * @param size         how many tombstones the registry knows ({@link TombstoneRegistry#size()})
 * @param byVisibility how many of them have each visibility; every visibility is present, zero if none
 * @param lastLoaded   when the registry last read its source successfully (a load, reload or sync), or
 *                     {@code null} if it never did or has no source (an in-memory registry)
 * @param lastError    why the last attempt to read the source failed, or {@code null} if it succeeded
 * @param lastErrorAt  when that attempt failed, or {@code null}
 * @param state        whether lookups are answered, and from what
 */
public record RegistryStatus(
        String kind,
        String source,
        int size,
        Map<Visibility, Integer> byVisibility,
        Instant lastLoaded,
        String lastError,
        Instant lastErrorAt,
        State state) {

    /** Whether a registry can answer lookups. */
    public enum State {
        /** Lookups are answered from everything the registry's source held when it was last read. */
        CURRENT,
        /**
         * The source cannot be read now; lookups are answered from the last good snapshot (as of
         * {@code lastLoaded}), which is still right for every tombstone that existed then.
         */
        STALE,
        /**
         * Lookups cannot be answered correctly: a fail-closed registry whose snapshot is too old (its lookups
         * throw), or one that never read its source and has no snapshot to fall back on.
         */
        UNAVAILABLE
    }

    public RegistryStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative but was " + size);
        }
        Map<Visibility, Integer> counts = new EnumMap<>(Visibility.class);
        for (Visibility v : Visibility.values()) {
            Integer n = byVisibility == null ? null : byVisibility.get(v);
            counts.put(v, n == null ? 0 : n);
        }
        byVisibility = Map.copyOf(counts);
    }

    /**
     * The status any registry can report without knowing more about itself: its tombstones counted from
     * {@link TombstoneRegistry#list()}, no load history, {@link State#CURRENT}. The default of
     * {@link TombstoneRegistry#status()}.
     */
    public static RegistryStatus of(TombstoneRegistry registry) {
        return new RegistryStatus(registry.getClass().getSimpleName(), registry.description(), registry.size(),
                countByVisibility(registry.list()), null, null, null, State.CURRENT);
    }

    /** How many of {@code tombstones} have each visibility. */
    public static Map<Visibility, Integer> countByVisibility(Iterable<Tombstone> tombstones) {
        Map<Visibility, Integer> counts = new EnumMap<>(Visibility.class);
        for (Tombstone t : tombstones) {
            counts.merge(t.visibility(), 1, Integer::sum);
        }
        return counts;
    }
}
