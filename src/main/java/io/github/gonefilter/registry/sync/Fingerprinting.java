package io.github.gonefilter.registry.sync;

import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.util.Locale;

/** Which tombstones compact mode holds as fingerprints, and the fingerprint of a path. */
final class Fingerprinting {

    private final boolean caseSensitive;

    Fingerprinting(boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
    }

    /** A path as lookups compare it. */
    String fold(String path) {
        return caseSensitive ? path : path.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code t} is held as a fingerprint in compact mode: a plain exact path, no window, gone. */
    boolean compactable(Tombstone t) {
        return t.pattern() instanceof PathPattern.Exact && t.goneFrom() == null && t.goneUntil() == null
                && t.visibility() == Visibility.GONE;
    }

    /** Whether the tombstone with this key may be held as a fingerprint (an exact path). */
    boolean mayBeFingerprinted(String key) {
        return !key.startsWith("regex:") && key.indexOf('*') < 0;
    }

    /** The fingerprint of the tombstone with this key, or of a request for this path. */
    long of(String keyOrPath) {
        return CompactPathSet.fingerprint(fold(keyOrPath));
    }
}
