package io.github.gonefilter.internal.registry;

import io.github.gonefilter.tombstone.Tombstone;

/**
 * Exact paths a snapshot holds without their tombstones (a shared registry at scale keeps 64-bit fingerprints):
 * each is in force at every instant, with visibility gone, and its details are loaded when it is requested.
 * Immutable; a change makes a new one.
 */
public interface CompactPaths {

    /** Whether {@code canonicalPath} is one of them. Allocation-free for a case-sensitive registry. */
    boolean contains(String canonicalPath);

    /**
     * The tombstone of a path it {@link #contains}: with its details once they are loaded, until then one without
     * (a plain 410 that caches must not keep, {@code maxAge} zero).
     */
    Tombstone tombstone(String canonicalPath);

    int size();
}
