package io.github.gonefilter.internal.registry.sync;

import io.github.gonefilter.tombstone.Tombstone;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects a complete read of a store: the tombstones to hold in full and, once there are more than
 * {@code compactAbove}, the fingerprints of the compactable ones. Changes arrive in version order and the
 * last one for a key wins, also when a store streams changes made during the read after the key was read
 * (a restore, or a change to a tombstone held in full, cancels the fingerprints collected before it).
 */
final class CompleteRead implements TombstoneStore.ChangeSink {

    private final Fingerprinting fingerprinting;
    private final int compactAbove;
    private final LinkedHashMap<String, Tombstone> full = new LinkedHashMap<>();
    private long[] hashes; // null until compact
    private int count;
    private final Map<Long, Integer> cancelled = new HashMap<>(); // fingerprint -> count when cancelled

    CompleteRead(Fingerprinting fingerprinting, int compactAbove) {
        this.fingerprinting = fingerprinting;
        this.compactAbove = compactAbove;
    }

    @Override
    public void buried(TombstoneStore.Stored stored) {
        String path = hashes == null ? null : stored.plainPath();
        if (path != null && fingerprinting.mayBeFingerprinted(path)) {
            full.remove(path); // compact already: only the path is needed, not the tombstone in full
            add(path);
            return;
        }
        Tombstone t = stored.tombstone();
        if (t != null) {
            buried(t);
        }
    }

    void buried(Tombstone t) {
        String key = t.pattern().key();
        full.remove(key);
        if (hashes != null) {
            if (fingerprinting.compactable(t)) {
                add(key);
                return;
            }
            cancel(key);
        }
        full.put(key, t);
        if (hashes == null && full.size() > compactAbove) {
            hashes = new long[Math.max(1024, compactAbove * 2)];
            full.values().removeIf(x -> {
                if (fingerprinting.compactable(x)) {
                    add(x.pattern().key());
                    return true;
                }
                return false;
            });
        }
    }

    @Override
    public void restored(String key) {
        full.remove(key);
        if (hashes != null) {
            cancel(key);
        }
    }

    /** Whether the read has grown past {@code compactAbove} and keeps plain exact paths as fingerprints. */
    boolean compact() {
        return hashes != null;
    }

    private void add(String key) {
        if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length + (hashes.length >> 1));
        }
        hashes[count++] = fingerprinting.of(key);
    }

    /** Drops the fingerprint of {@code key} collected so far; one collected later stands. */
    private void cancel(String key) {
        if (fingerprinting.mayBeFingerprinted(key)) {
            cancelled.put(fingerprinting.of(key), count);
        }
    }

    /** The tombstones to hold in full, in version order. */
    LinkedHashMap<String, Tombstone> full() {
        return full;
    }

    /** The fingerprints, or null if the read did not grow past {@code compactAbove}. */
    CompactPathSet fingerprints() {
        if (hashes == null) {
            return null;
        }
        int kept = count;
        if (!cancelled.isEmpty()) {
            kept = 0;
            for (int i = 0; i < count; i++) {
                Integer at = cancelled.get(hashes[i]);
                if (at == null || i >= at) {
                    hashes[kept++] = hashes[i];
                }
            }
        }
        return CompactPathSet.of(hashes, kept);
    }
}
