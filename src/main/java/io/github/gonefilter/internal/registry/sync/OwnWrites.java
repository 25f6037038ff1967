package io.github.gonefilter.internal.registry.sync;

import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node wrote to the store and has not read back yet, by key: the tombstone buried, or a restore. A
 * change read back that matches is reported as {@link TombstoneChange.Cause#WRITE}, any other as
 * {@link TombstoneChange.Cause#SYNC}, so that caches in front are purged by the node that made a change.
 */
public final class OwnWrites {

    private static final Object RESTORED = new Object();
    private static final int MAX = 10_000;

    private final Map<String, Object> pending = new ConcurrentHashMap<>();

    /** Before writing {@code t}: a sync may read it back before the write returns. */
    public void burying(Tombstone t) {
        pending.put(t.pattern().key(), t);
    }

    /** The write of {@code t} failed: nothing will be read back. */
    public void buryFailed(Tombstone t) {
        pending.remove(t.pattern().key(), t);
    }

    /** Before restoring {@code pattern}. */
    public void restoring(PathPattern pattern) {
        pending.put(pattern.key(), RESTORED);
    }

    /** The restore of {@code pattern} failed, or found nothing to restore: nothing will be read back. */
    public void restoreFailed(PathPattern pattern) {
        pending.remove(pattern.key(), RESTORED);
    }

    /** {@code changes} read from the store, those this node wrote marked {@link TombstoneChange.Cause#WRITE}. */
    public List<TombstoneChange> attribute(List<TombstoneChange> changes) {
        if (changes.isEmpty()) {
            return changes;
        }
        List<TombstoneChange> attributed = new ArrayList<>(changes.size());
        for (TombstoneChange c : changes) {
            Object mine = c.kind() == TombstoneChange.Kind.ADDED ? c.tombstone() : RESTORED;
            boolean own = pending.remove(c.tombstone().pattern().key(), mine);
            attributed.add(own ? new TombstoneChange(c.kind(), c.tombstone(), TombstoneChange.Cause.WRITE) : c);
        }
        if (pending.size() > MAX) {
            // Writes never read back as written (another node overwrote them first) only pile up: forget them.
            pending.clear();
        }
        return attributed;
    }
}
