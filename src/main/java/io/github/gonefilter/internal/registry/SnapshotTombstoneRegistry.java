package io.github.gonefilter.internal.registry;

import io.github.gonefilter.tombstone.NotRestorableException;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one base of the library's registries that keep every tombstone in memory (in-memory, file, JDBC, Redis):
 * lookups, the time-free pre-check, listing, status and listeners, implemented once over an immutable
 * {@link Snapshot}. Reads are lock-free (one volatile read) and never touch a clock, except a fail-closed
 * registry's {@link Freshness} check on its monotonic ticker. Subclasses decide when and from where to
 * {@link #publish publish} a new snapshot, and report each read of their source to {@link #events()}.
 * (The soft-delete registry answers lazily from application data, so it shares only the reporting half,
 * {@link ReportingRegistry}.)
 */
public abstract class SnapshotTombstoneRegistry extends ReportingRegistry {

    private final boolean caseSensitive;
    /** Null: the snapshot answers however old it is (fail-open, or a registry without a remote source). */
    private final Freshness freshness;
    private volatile Snapshot snapshot;

    protected SnapshotTombstoneRegistry(boolean caseSensitive) {
        this(caseSensitive, Clock.systemUTC(), null);
    }

    /**
     * @param clock     the wall clock for the instants reported in {@link #status()} (informational only)
     * @param freshness for a fail-closed registry, when lookups must fail instead; {@code null} for none
     */
    protected SnapshotTombstoneRegistry(boolean caseSensitive, Clock clock, Freshness freshness) {
        super(clock);
        this.caseSensitive = caseSensitive;
        this.freshness = freshness;
        this.snapshot = Snapshot.empty(caseSensitive);
    }

    @Override
    public final Optional<Tombstone> find(String canonicalPath, Instant now) {
        if (freshness != null) {
            freshness.check();
        }
        return snapshot.find(canonicalPath, now);
    }

    @Override
    public final Optional<Tombstone> findBeyondErasures(String canonicalPath, Instant now) {
        if (freshness != null) {
            freshness.check();
        }
        return snapshot.findBeyondErasures(canonicalPath, now);
    }

    /** False only when the snapshot holds nothing for the path and, if fail-closed, is fresh enough to say so. */
    @Override
    public final boolean mayMatch(String canonicalPath) {
        return (freshness != null && !freshness.fresh()) || snapshot.mayMatch(canonicalPath);
    }

    /**
     * Every tombstone held in full, in declaration order: all of them, except for a shared registry in compact
     * mode, whose fingerprinted exact paths are not listed.
     */
    @Override
    public final List<Tombstone> list() {
        return snapshot.held();
    }

    /** How many tombstones this registry knows, held in full or not. */
    @Override
    public final int size() {
        return snapshot.size();
    }

    public final boolean caseSensitive() {
        return caseSensitive;
    }

    /**
     * {@code UNAVAILABLE} when lookups cannot be answered (a fail-closed registry past its freshness, or one that
     * never read its source and has nothing to answer from); {@code STALE} while the last read of the source
     * failed, or before the first one succeeded (lookups are answered from the last good snapshot); else
     * {@code CURRENT}.
     */
    @Override
    public final RegistryStatus status() {
        Snapshot s = snapshot;
        RegistryEvents events = events();
        RegistryStatus.State state;
        if (freshness != null && !freshness.fresh()) {
            state = RegistryStatus.State.UNAVAILABLE;
        } else if (readsSource() && events.lastLoaded() == null) {
            state = s.isEmpty() ? RegistryStatus.State.UNAVAILABLE : RegistryStatus.State.STALE;
        } else {
            state = events.lastError() == null ? RegistryStatus.State.CURRENT : RegistryStatus.State.STALE;
        }
        return status(s.size(), s.byVisibility(), state);
    }

    /** Whether the registry reads a source (a file, a store); one that does not is never stale. */
    protected boolean readsSource() {
        return true;
    }

    /** The snapshot lookups are served from now. */
    protected final Snapshot snapshot() {
        return snapshot;
    }

    /** Makes {@code next} the snapshot every later lookup sees, then tells the listeners about {@code changes}. */
    protected final void publish(Snapshot next, List<TombstoneChange> changes) {
        this.snapshot = next;
        events().changed(changes);
    }

    /** {@link #publish} of {@code tombstones} (in declaration order), all held in full. */
    protected final void replaceSnapshot(Collection<Tombstone> tombstones, List<TombstoneChange> changes) {
        publish(Snapshot.of(tombstones, caseSensitive), changes);
    }

    /**
     * {@link #replaceSnapshot} with whatever differs from the current set reported as changes with {@code cause};
     * the difference is only computed when someone listens.
     */
    protected final void replaceSnapshotReportingDifference(Collection<Tombstone> tombstones,
            TombstoneChange.Cause cause) {
        List<TombstoneChange> changes = events().listened()
                ? RegistryEvents.diff(snapshot.held(), tombstones, cause) : List.of();
        replaceSnapshot(tombstones, changes);
    }

    /** The current tombstones with {@code added} at the end, replacing any with the same patterns. */
    protected final List<Tombstone> snapshotPlus(Collection<Tombstone> added) {
        Set<PathPattern> replaced = new HashSet<>();
        added.forEach(t -> replaced.add(t.pattern()));
        List<Tombstone> next = new ArrayList<>(snapshot.held());
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
        List<Tombstone> next = new ArrayList<>(snapshot.held());
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

    /** The tombstone held for exactly {@code pattern}, or {@code null}. */
    protected final Tombstone held(PathPattern pattern) {
        for (Tombstone t : snapshot.held()) {
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
