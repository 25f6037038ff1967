package io.github.gonefilter.internal.registry;

import io.github.gonefilter.internal.matching.TombstoneIndex;
import io.github.gonefilter.tombstone.NotRestorableException;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.TombstoneRegistryListener;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Base for registries that serve lookups from an immutable in-memory snapshot and replace it whole when
 * their storage changes. Reads are lock-free (one volatile read); subclasses only decide when and from
 * where to {@link #replaceSnapshot replace} it, and report the changes to {@link #addListener listeners}.
 */
public abstract class SnapshotTombstoneRegistry implements TombstoneRegistry {

    private final boolean caseSensitive;
    private final RegistryEvents events = new RegistryEvents(Clock.systemUTC());
    private volatile TombstoneIndex snapshot;

    protected SnapshotTombstoneRegistry(boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
        this.snapshot = TombstoneIndex.empty(caseSensitive);
    }

    @Override
    public final Optional<Tombstone> find(String canonicalPath, Instant now) {
        return snapshot.find(canonicalPath, now);
    }

    @Override
    public final boolean mayMatch(String canonicalPath) {
        return snapshot.mayMatch(canonicalPath);
    }

    @Override
    public List<Tombstone> list() {
        return snapshot.tombstones();
    }

    public final boolean caseSensitive() {
        return caseSensitive;
    }

    @Override
    public final void addListener(TombstoneRegistryListener listener) {
        events.add(listener);
    }

    @Override
    public final void removeListener(TombstoneRegistryListener listener) {
        events.remove(listener);
    }

    /**
     * {@link RegistryStatus.State#STALE} while the last read of the source failed (the last good set stays in
     * force), else {@link RegistryStatus.State#CURRENT}.
     */
    @Override
    public RegistryStatus status() {
        TombstoneIndex s = snapshot;
        return new RegistryStatus(kind(), description(), s.size(), RegistryStatus.countByVisibility(s.tombstones()),
                events.lastLoaded(), events.lastError(), events.lastErrorAt(),
                events.lastError() == null ? RegistryStatus.State.CURRENT : RegistryStatus.State.STALE);
    }

    /** The kind reported in {@link #status()}, such as {@code memory} or {@code file}. */
    protected abstract String kind();

    /** Listeners, load history and failures of this registry. */
    protected final RegistryEvents events() {
        return events;
    }

    /** The snapshot lookups are served from now. */
    protected final TombstoneIndex snapshot() {
        return snapshot;
    }

    /** The current tombstones with {@code added} at the end, replacing any with the same patterns. */
    protected final List<Tombstone> snapshotPlus(Collection<Tombstone> added) {
        java.util.Set<PathPattern> replaced = new java.util.HashSet<>();
        added.forEach(t -> replaced.add(t.pattern()));
        List<Tombstone> next = new ArrayList<>(snapshot.tombstones());
        next.removeIf(existing -> replaced.contains(existing.pattern())); // one pass, however many are added
        next.addAll(added);
        return next;
    }

    /**
     * The current tombstones without the one for {@code pattern}, or {@code null} if there is none.
     *
     * @throws NotRestorableException if that tombstone is not restorable and {@code force} is false
     */
    protected final List<Tombstone> snapshotMinus(PathPattern pattern, boolean force) {
        List<Tombstone> next = new ArrayList<>(snapshot.tombstones());
        for (int i = 0; i < next.size(); i++) {
            Tombstone t = next.get(i);
            if (t.pattern().equals(pattern)) {
                if (!t.restorable() && !force) {
                    throw new NotRestorableException(pattern);
                }
                next.remove(i);
                return next;
            }
        }
        return null;
    }

    /** Makes {@code tombstones} (in declaration order) the set that every later lookup sees. */
    protected final void replaceSnapshot(Collection<Tombstone> tombstones) {
        this.snapshot = TombstoneIndex.of(tombstones, caseSensitive);
    }

    /** {@link #replaceSnapshot}, then tells the listeners about {@code changes}. */
    protected final void replaceSnapshot(Collection<Tombstone> tombstones, List<TombstoneChange> changes) {
        replaceSnapshot(tombstones);
        events.changed(changes);
    }

    /**
     * {@link #replaceSnapshot} with whatever differs from the current set reported as changes with {@code cause};
     * the difference is only computed when someone listens.
     */
    protected final void replaceSnapshotReportingDifference(Collection<Tombstone> tombstones,
            TombstoneChange.Cause cause) {
        List<TombstoneChange> changes = events.listened()
                ? RegistryEvents.diff(snapshot.tombstones(), tombstones, cause) : List.of();
        replaceSnapshot(tombstones, changes);
    }

    /** The tombstone held for exactly {@code pattern}, or {@code null}. */
    protected final Tombstone held(PathPattern pattern) {
        for (Tombstone t : snapshot.tombstones()) {
            if (t.pattern().equals(pattern)) {
                return t;
            }
        }
        return null;
    }

    /** Each of {@code tombstones} as a change of {@code kind} made through this registry. */
    protected static List<TombstoneChange> written(TombstoneChange.Kind kind, Collection<Tombstone> tombstones) {
        List<TombstoneChange> changes = new ArrayList<>(tombstones.size());
        for (Tombstone t : tombstones) {
            changes.add(new TombstoneChange(kind, t, TombstoneChange.Cause.WRITE));
        }
        return changes;
    }
}
