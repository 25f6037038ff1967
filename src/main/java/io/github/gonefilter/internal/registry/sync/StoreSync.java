package io.github.gonefilter.internal.registry.sync;

import io.github.gonefilter.internal.matching.TombstoneIndex;
import io.github.gonefilter.internal.registry.RegistryEvents;
import io.github.gonefilter.internal.registry.Snapshot;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A node's copy of a {@link TombstoneStore}, brought up to date by complete reads (everything) and incremental
 * ones (the changes after the version last applied, restores included): the tombstones held in full, by key in
 * version order, and in compact mode the fingerprints of plain exact paths. No threads, no timing: the registry
 * decides when to sync and serializes the calls.
 */
public final class StoreSync {

    private static final System.Logger LOG = System.getLogger(StoreSync.class.getName());

    private final TombstoneStore store;
    private final CompactMode mode;
    private final boolean caseSensitive;
    private final LinkedHashMap<String, Tombstone> held = new LinkedHashMap<>();
    private CompactPathSet compact;
    private long version;
    private boolean completeDue;
    private boolean warnedFull;

    public StoreSync(TombstoneStore store, CompactMode mode, boolean caseSensitive) {
        this.store = store;
        this.mode = mode;
        this.caseSensitive = caseSensitive;
    }

    /** What lookups, the snapshot file and monitoring see after a sync. */
    public record Published(Snapshot snapshot, CompactPathSet fingerprints, long version) {
    }

    /** What a sync did: whether the set changed, and the changes to report (from the store's point of view). */
    public record Result(boolean changed, List<TombstoneChange> changes) {
    }

    /**
     * Whether the next sync must read everything: nothing read yet, the store may have been rebuilt (started from
     * a snapshot file), or an incremental sync grew the set past the compact limit.
     */
    public boolean completeDue() {
        return version == 0 || completeDue;
    }

    /**
     * Reads everything and replaces the copy, only if the whole read succeeds.
     *
     * @param reportChanges whether to compute the changes against the copy (costs a map; only when someone listens),
     *                      asked after the read: a listener added while it ran must hear what it brought, such as
     *                      its own node's write
     */
    public Result complete(BooleanSupplier reportChanges) throws Exception {
        CompleteRead read = new CompleteRead(mode.fingerprinting(), mode.compactAbove());
        long v = store.readChanges(0, read);
        // Fingerprinted tombstones are not compared: a change of one of them was reported by the incremental
        // sync that read it, and a complete sync only heals what such a sync missed.
        List<TombstoneChange> changes = reportChanges.getAsBoolean()
                ? RegistryEvents.diff(held.values(), read.full().values(), TombstoneChange.Cause.SYNC) : List.of();
        held.clear();
        held.putAll(read.full());
        compact = read.fingerprints();
        version = v;
        completeDue = false;
        if (mode.details() != null) {
            mode.details().clear();
        }
        warnIfHeldInFullForWantOfCaffeine();
        return new Result(true, changes);
    }

    /** Applies the changes after the version last applied. */
    public Result incremental() throws Exception {
        Incremental sink = new Incremental();
        version = Math.max(version, store.readChanges(version, sink));
        if (compact == null && held.size() > mode.compactAbove()) {
            completeDue = true; // grown past the limit: the next sync reloads compactly
        }
        return new Result(sink.changed, sink.changes);
    }

    /** Starts from a snapshot file, when the store is unreachable; the first sync after it is complete. */
    public void startFrom(SnapshotFile.Contents contents) {
        held.clear();
        for (Tombstone t : contents.tombstones()) {
            held.put(t.pattern().key(), t);
        }
        compact = contents.fingerprints();
        version = 0; // after an outage the store may have been rebuilt
    }

    /** The copy as it is now, for lookups and the snapshot file. */
    public Published published() {
        FingerprintedPaths paths = compact == null ? null
                : new FingerprintedPaths(compact, mode.fingerprinting(), mode.details());
        return new Published(new Snapshot(TombstoneIndex.of(held.values(), caseSensitive), paths), compact, version);
    }

    private void warnIfHeldInFullForWantOfCaffeine() {
        if (!mode.available() && !warnedFull && held.size() > CompactMode.DEFAULT_COMPACT_ABOVE) {
            warnedFull = true;
            LOG.log(Level.WARNING, "Holding all " + held.size() + " tombstones of " + store.description()
                    + " in full (about 400 bytes each): compact mode, which holds plain exact paths in 9 bytes,"
                    + " needs " + CompactMode.CAFFEINE + " on the class path");
        }
    }

    /** Applies changes in version order to the copy. */
    private final class Incremental implements TombstoneStore.ChangeSink {
        final List<TombstoneChange> changes = new ArrayList<>();
        boolean changed;

        @Override
        public void buried(TombstoneStore.Stored stored) {
            Tombstone t = stored.tombstone();
            if (t == null) {
                return; // invalid, logged by the store
            }
            String key = t.pattern().key();
            changed = true;
            changes.add(new TombstoneChange(TombstoneChange.Kind.ADDED, t, TombstoneChange.Cause.SYNC));
            held.remove(key);
            Fingerprinting fingerprinting = mode.fingerprinting();
            if (compact != null && fingerprinting.mayBeFingerprinted(key)) {
                forgetDetails(key);
                if (fingerprinting.compactable(t)) {
                    compact = compact.with(fingerprinting.of(key));
                    return;
                }
                compact = compact.without(fingerprinting.of(key));
            }
            held.put(key, t);
        }

        @Override
        public void restored(String key) {
            Tombstone removed = held.remove(key);
            changed |= removed != null;
            Fingerprinting fingerprinting = mode.fingerprinting();
            if (compact != null && fingerprinting.mayBeFingerprinted(key)) {
                forgetDetails(key);
                long fp = fingerprinting.of(key);
                if (compact.contains(fp)) {
                    compact = compact.without(fp);
                    changed = true;
                    removed = Tombstone.builder(patternOf(key)).build();
                }
            }
            if (removed != null) {
                changes.add(new TombstoneChange(TombstoneChange.Kind.REMOVED, removed, TombstoneChange.Cause.SYNC));
            }
        }

        private void forgetDetails(String key) {
            if (mode.details() != null) {
                mode.details().invalidate(key);
            }
        }
    }

    /** The pattern whose {@link PathPattern#key() key} is {@code key}. */
    private static PathPattern patternOf(String key) {
        return key.startsWith("regex:") ? PathPattern.regex(key.substring("regex:".length())) : PathPattern.of(key);
    }
}
