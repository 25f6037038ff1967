package io.github.gonefilter.internal.matching;

import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.time.Instant;

/** Which tombstones a lookup wants: bit flags, so the recursive glob walk passes one int. */
final class Wanted {

    /** Scheduled after {@code now}. */
    static final int SCHEDULED = 0;
    /** In force at {@code now}. */
    static final int ACTIVE = 1;
    /** Besides: no {@code not_found} erasure (what a path beside an erased one gets). */
    static final int VISIBLE = 2;

    private Wanted() {
    }

    /** With {@code now == null}, any tombstone at all (see {@link TombstoneIndex#mayMatch}). */
    static boolean eligible(Tombstone t, Instant now, int want) {
        if (now == null) {
            return true;
        }
        if ((want & VISIBLE) != 0 && t.visibility() == Visibility.NOT_FOUND) {
            return false;
        }
        return (want & ACTIVE) != 0 ? t.isActiveAt(now) : t.isScheduledAt(now);
    }
}
