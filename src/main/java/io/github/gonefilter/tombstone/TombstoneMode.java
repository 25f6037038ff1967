package io.github.gonefilter.tombstone;

import java.util.Locale;

/**
 * Whether a tombstone answers before the application or only after it: the filter's {@code mode} setting is the
 * default for tombstones that do not name one.
 */
public enum TombstoneMode {
    /**
     * The filter answers at once and the application never sees the request: a deleted id stays deleted, whatever
     * the application would have served. The default.
     */
    SHORT_CIRCUIT,
    /**
     * The request goes to the application first; only if it answers 404 does the client get the tombstone's answer
     * instead. Anything else the application answers passes untouched: the path is live again (a reused CMS slug).
     */
    FALLBACK;

    /** The spelling used in files and configuration: {@code short-circuit} or {@code fallback}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #code()}, case-insensitively; {@code short_circuit} is accepted too. */
    public static TombstoneMode fromCode(String code) {
        String normalized = code.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (TombstoneMode m : values()) {
            if (m.code().equals(normalized)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode must be one of short-circuit, fallback but was '" + code + "'");
    }
}
