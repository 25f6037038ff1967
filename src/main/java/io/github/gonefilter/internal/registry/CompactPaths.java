package io.github.gonefilter.internal.registry;

import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.time.Duration;

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

    /** What {@link #tombstone} returns for {@code canonicalPath} while its details are not loaded. */
    static Tombstone detailless(String canonicalPath) {
        return Tombstone.builder(new PathPattern.Exact(canonicalPath)).maxAge(Duration.ZERO).build();
    }

    /**
     * Whether {@code t} is {@linkplain #detailless detail-less} (or a tombstone just like it): whether it is
     * restorable is then unknown, and only the registry can say.
     */
    static boolean isDetailless(Tombstone t) {
        return t.pattern() instanceof PathPattern.Exact exact && t.equals(detailless(exact.path()));
    }
}
