package io.github.gonefilter.internal.registry.sync;

import io.github.gonefilter.internal.registry.CompactPaths;
import io.github.gonefilter.tombstone.Tombstone;

/** Compact mode's exact paths, as a snapshot holds them: fingerprints, with details loaded on first request. */
final class FingerprintedPaths implements CompactPaths {

    private final CompactPathSet set;
    private final Fingerprinting fingerprinting;
    private final DetailLoader details; // null: compact mode unavailable here (a snapshot file from another node)

    FingerprintedPaths(CompactPathSet set, Fingerprinting fingerprinting, DetailLoader details) {
        this.set = set;
        this.fingerprinting = fingerprinting;
        this.details = details;
    }

    CompactPathSet set() {
        return set;
    }

    @Override
    public boolean contains(String canonicalPath) {
        return set.contains(fingerprinting.of(canonicalPath));
    }

    /** Loaded by the tombstone's key, the folded path, so every spelling of it makes one query. */
    @Override
    public Tombstone tombstone(String canonicalPath) {
        Tombstone loaded = details == null ? null : details.get(fingerprinting.fold(canonicalPath));
        if (loaded != null && loaded != DetailLoader.NONE) {
            return loaded;
        }
        // Known gone, details not here (yet): a plain 410 that caches must not keep.
        return CompactPaths.detailless(canonicalPath);
    }

    @Override
    public int size() {
        return set.size();
    }
}
