package io.github.gonefilter.internal.registry;

import io.github.gonefilter.internal.text.TextValues;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.Visibility;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way a {@link Tombstone} is built from named values, as tombstone files (JSON and CSV), database rows
 * and stored JSON hold them: each value is checked as it is set, the whole when it is {@link #build() built}, and
 * every error names the member and the offending value. Reusable: {@link #build()} clears it for the next.
 */
public final class TombstoneFields {

    /** Every member a tombstone may have, in the order they are written. */
    public static final List<String> NAMES = List.of("path", "regex", "deletedAt", "reason", "message",
            "alternative", "maxAge", "goneFrom", "goneUntil", "visibility", "restorable", "mode", "extensions");

    private static final int PATH = 0;
    private static final int REGEX = 1;
    private static final int DELETED_AT = 2;
    private static final int REASON = 3;
    private static final int MESSAGE = 4;
    private static final int ALTERNATIVE = 5;
    private static final int MAX_AGE = 6;
    private static final int GONE_FROM = 7;
    private static final int GONE_UNTIL = 8;
    private static final int VISIBILITY = 9;
    private static final int RESTORABLE = 10;
    private static final int MODE = 11;
    private static final int EXTENSIONS = 12;

    private final Map<Object, Object> shared; // null: values are not shared
    /** The value of each member by its place in {@link #NAMES}, {@code null} while absent. */
    private final Object[] values = new Object[NAMES.size()];

    private TombstoneFields(Map<Object, Object> shared) {
        this.shared = shared;
    }

    /** For one tombstone at a time. */
    public static TombstoneFields of() {
        return new TombstoneFields(null);
    }

    /**
     * For many tombstones in a row, such as a file's: equal reasons, messages, alternatives and lifetimes are
     * shared between the tombstones built (bulk lists repeat them), which the index then stores once.
     */
    public static TombstoneFields sharingValues() {
        return new TombstoneFields(new HashMap<>());
    }

    /**
     * Sets member {@code name} from its text, the spelling files use: instants in ISO-8601, {@code maxAge} in whole
     * seconds or ISO-8601, {@code visibility} and {@code mode} as codes, {@code restorable} as {@code true} or {@code false}.
     *
     * @throws IllegalArgumentException naming the member and the value, or an unknown member
     */
    public TombstoneFields text(String name, String value) {
        switch (name) {
            case "path" -> values[PATH] = value;
            case "regex" -> values[REGEX] = value;
            case "deletedAt" -> values[DELETED_AT] = TextValues.instant(name, value);
            case "reason" -> values[REASON] = share(value);
            case "message" -> values[MESSAGE] = share(value);
            case "alternative" -> values[ALTERNATIVE] = share(uri(value));
            case "maxAge" -> values[MAX_AGE] = share(TextValues.duration(name, value));
            case "goneFrom" -> values[GONE_FROM] = TextValues.instant(name, value);
            case "goneUntil" -> values[GONE_UNTIL] = TextValues.instant(name, value);
            case "visibility" -> values[VISIBILITY] = Visibility.fromCode(value);
            case "restorable" -> values[RESTORABLE] = TextValues.bool(name, value);
            case "mode" -> values[MODE] = TombstoneMode.fromCode(value);
            default -> throw new IllegalArgumentException("unknown member '" + name + "'; known members are " + NAMES);
        }
        return this;
    }

    /** Sets {@code maxAge} from whole seconds, as JSON numbers and database columns hold it. */
    public TombstoneFields maxAgeSeconds(long seconds) {
        values[MAX_AGE] = share(TextValues.seconds("maxAge", seconds));
        return this;
    }

    /** Sets an instant member ({@code deletedAt}, {@code goneFrom}, {@code goneUntil}) from a database column. */
    public TombstoneFields instant(String name, Instant value) {
        int at = NAMES.indexOf(name);
        if (at != DELETED_AT && at != GONE_FROM && at != GONE_UNTIL) {
            throw new IllegalArgumentException(name + " is not an instant member");
        }
        values[at] = value;
        return this;
    }

    public TombstoneFields restorable(boolean restorable) {
        values[RESTORABLE] = restorable;
        return this;
    }

    public TombstoneFields extensions(Map<String, Object> extensions) {
        values[EXTENSIONS] = extensions;
        return this;
    }

    /**
     * The tombstone of the members set since the last build, which are then cleared.
     *
     * @throws IllegalArgumentException naming the member and value that make it invalid, and the tombstone
     */
    @SuppressWarnings("unchecked")
    public Tombstone build() {
        try {
            String path = (String) values[PATH];
            String regex = (String) values[REGEX];
            if ((path == null) == (regex == null)) {
                throw new IllegalArgumentException("a tombstone needs exactly one of 'path' or 'regex'");
            }
            return new Tombstone(path != null ? PathPattern.of(path) : PathPattern.regex(regex),
                    (Instant) values[DELETED_AT], (String) values[REASON], (String) values[MESSAGE],
                    (URI) values[ALTERNATIVE], (Duration) values[MAX_AGE], (Instant) values[GONE_FROM],
                    (Instant) values[GONE_UNTIL], (Visibility) values[VISIBILITY], Boolean.TRUE.equals(values[RESTORABLE]),
                    (Map<String, Object>) values[EXTENSIONS], (TombstoneMode) values[MODE]);
        } finally {
            Arrays.fill(values, null);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T share(T value) {
        return value == null || shared == null ? value : (T) shared.computeIfAbsent(value, v -> v);
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("alternative must be a URI but was '" + value + "': " + e.getReason());
        }
    }
}
