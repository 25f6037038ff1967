package io.github.gonefilter.internal.registry.sync;

import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;

/**
 * Which tombstones compact mode holds as fingerprints, and the fingerprint of a path. A case-insensitive
 * registry fingerprints only tombstones whose key is already folded ({@link PathCanonicalizer#foldCase}):
 * the folded request path then is the key, so details load by the key whatever the request's spelling,
 * one query per tombstone. A key with capitals is held in full, details included.
 */
final class Fingerprinting {

    private final boolean caseSensitive;

    Fingerprinting(boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
    }

    /** A path as lookups compare it; for a fingerprinted tombstone, its key. */
    String fold(String path) {
        return caseSensitive ? path : PathCanonicalizer.foldCase(path);
    }

    /**
     * Whether {@code t} is held as a fingerprint in compact mode: a plain exact path, no window, gone, the filter's
     * default mode (a fallback tombstone must yield to live content, which a bare fingerprint cannot say).
     */
    boolean compactable(Tombstone t) {
        return t.visibility() == Visibility.GONE && t.goneFrom() == null && t.goneUntil() == null && t.mode() == null
                && t.pattern() instanceof PathPattern.Exact && mayBeFingerprinted(t.pattern().key());
    }

    /**
     * Whether the tombstone with this key may be held as a fingerprint, i.e. owns the fingerprint of its
     * key: an exact path, already folded. (Restoring {@code /Docs/7} must not drop {@code /docs/7}.)
     */
    boolean mayBeFingerprinted(String key) {
        return !key.startsWith("regex:") && key.indexOf('*') < 0 && fold(key).equals(key);
    }

    /** The fingerprint of the tombstone with this key, or of a request for this path. */
    long of(String keyOrPath) {
        return CompactPathSet.fingerprint(fold(keyOrPath));
    }
}
