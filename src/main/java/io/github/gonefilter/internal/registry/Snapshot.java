package io.github.gonefilter.internal.registry;

import io.github.gonefilter.internal.matching.TombstoneIndex;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a snapshot registry answers lookups from: an index of the tombstones held in full and, for a shared
 * registry at scale, {@link CompactPaths exact paths held without their tombstones}. Immutable: a registry
 * replaces its snapshot whole, so a lookup never sees a change half-applied.
 */
public final class Snapshot {

    private final TombstoneIndex index;
    private final CompactPaths compact;

    /** @param compact the paths held without their tombstones, or {@code null} */
    public Snapshot(TombstoneIndex index, CompactPaths compact) {
        this.index = index;
        this.compact = compact;
    }

    /** Every tombstone in full, in declaration order (a later one with the same key replaces an earlier one). */
    public static Snapshot of(Collection<Tombstone> tombstones, boolean caseSensitive) {
        return new Snapshot(TombstoneIndex.of(tombstones, caseSensitive), null);
    }

    public static Snapshot empty(boolean caseSensitive) {
        return new Snapshot(TombstoneIndex.empty(caseSensitive), null);
    }

    /** See {@link io.github.gonefilter.tombstone.TombstoneRegistry#find}. */
    public Optional<Tombstone> find(String canonicalPath, Instant now) {
        Optional<Tombstone> found = index.find(canonicalPath, now);
        if (compact == null || (found.isPresent() && found.get().pattern() instanceof PathPattern.Exact
                && found.get().isActiveAt(now))) {
            return found; // nothing can beat an exact path in force
        }
        return compact.contains(canonicalPath) ? Optional.of(compact.tombstone(canonicalPath)) : found;
    }

    /** See {@link io.github.gonefilter.tombstone.TombstoneRegistry#findBeyondErasures}. */
    public Optional<Tombstone> findBeyondErasures(String canonicalPath, Instant now) {
        if (compact != null && compact.contains(canonicalPath)) {
            Tombstone held = compact.tombstone(canonicalPath);
            if (held.visibility() != Visibility.NOT_FOUND) {
                return Optional.of(held); // an exact path in force
            }
        }
        return index.findBeyondErasures(canonicalPath, now);
    }

    /** See {@link io.github.gonefilter.tombstone.TombstoneRegistry#mayMatch}: no clock, no allocation. */
    public boolean mayMatch(String canonicalPath) {
        return index.mayMatch(canonicalPath) || (compact != null && compact.contains(canonicalPath));
    }

    /** The tombstones held in full, in declaration order. */
    public List<Tombstone> held() {
        return index.tombstones();
    }

    /** Whether exact paths are held without their tombstones. */
    public boolean compact() {
        return compact != null;
    }

    /** Every tombstone, held in full or not. */
    public int size() {
        return index.size() + (compact == null ? 0 : compact.size());
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** How many tombstones have each visibility; those held without their tombstones are all gone. */
    public Map<Visibility, Integer> byVisibility() {
        Map<Visibility, Integer> counts = new EnumMap<>(Visibility.class);
        counts.putAll(RegistryStatus.countByVisibility(index.tombstones()));
        if (compact != null) {
            counts.merge(Visibility.GONE, compact.size(), Integer::sum);
        }
        return counts;
    }
}
