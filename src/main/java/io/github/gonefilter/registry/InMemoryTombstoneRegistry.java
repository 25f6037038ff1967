package io.github.gonefilter.registry;

import io.github.gonefilter.internal.registry.SnapshotTombstoneRegistry;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Tombstones held in memory only: lock-free reads of an immutable snapshot, copy-on-write changes. For
 * tests, for applications that rebuild their tombstones at start-up, and as the base of file-backed use.
 */
public final class InMemoryTombstoneRegistry extends SnapshotTombstoneRegistry implements WritableTombstoneRegistry {

    private final Object writeLock = new Object();

    /** An empty, case-sensitive registry. */
    public InMemoryTombstoneRegistry() {
        this(true);
    }

    public InMemoryTombstoneRegistry(boolean caseSensitive) {
        super(caseSensitive);
    }

    /** A case-sensitive registry holding {@code tombstones} in the given order. */
    public static InMemoryTombstoneRegistry of(Tombstone... tombstones) {
        InMemoryTombstoneRegistry registry = new InMemoryTombstoneRegistry();
        registry.buryAll(Arrays.asList(tombstones));
        return registry;
    }

    @Override
    public void bury(Tombstone tombstone) {
        buryAll(List.of(Objects.requireNonNull(tombstone, "tombstone")));
    }

    /** Adds many tombstones at once, rebuilding the snapshot once. */
    public void buryAll(Collection<Tombstone> tombstones) {
        synchronized (writeLock) {
            replaceSnapshot(snapshotPlus(tombstones), written(TombstoneChange.Kind.ADDED, tombstones));
        }
    }

    @Override
    public boolean restore(PathPattern pattern, boolean force) {
        synchronized (writeLock) {
            Tombstone removed = held(pattern);
            List<Tombstone> next = snapshotMinus(pattern, force);
            if (next == null) {
                return false;
            }
            replaceSnapshot(next, written(TombstoneChange.Kind.REMOVED, List.of(removed)));
            return true;
        }
    }

    /** Replaces every tombstone at once; listeners hear what differs. */
    public void replaceAll(Collection<Tombstone> tombstones) {
        synchronized (writeLock) {
            replaceSnapshotReportingDifference(List.copyOf(tombstones), TombstoneChange.Cause.WRITE);
        }
    }

    @Override
    protected String kind() {
        return "memory";
    }

    /** Nothing to read: its tombstones are what was buried. */
    @Override
    protected boolean readsSource() {
        return false;
    }

    @Override
    public String description() {
        return "memory";
    }
}
