package io.github.gonefilter.internal.registry;

import io.github.gonefilter.internal.text.TextValues;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
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
            "alternative", "maxAge", "goneFrom", "goneUntil", "visibility", "restorable", "extensions");

    private final Map<Object, Object> shared; // null: values are not shared
    private String path;
    private String regex;
    private Instant deletedAt;
    private String reason;
    private String message;
    private URI alternative;
    private Duration maxAge;
    private Instant goneFrom;
    private Instant goneUntil;
    private Visibility visibility;
    private boolean restorable;
    private Map<String, Object> extensions;

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
     * seconds or ISO-8601, {@code visibility} as a code, {@code restorable} as {@code true} or {@code false}.
     *
     * @throws IllegalArgumentException naming the member and the value, or an unknown member
     */
    public TombstoneFields text(String name, String value) {
        switch (name) {
            case "path" -> path = value;
            case "regex" -> regex = value;
            case "deletedAt" -> deletedAt = TextValues.instant(name, value);
            case "reason" -> reason = value;
            case "message" -> message = value;
            case "alternative" -> alternative = uri(value);
            case "maxAge" -> maxAge = TextValues.duration(name, value);
            case "goneFrom" -> goneFrom = TextValues.instant(name, value);
            case "goneUntil" -> goneUntil = TextValues.instant(name, value);
            case "visibility" -> visibility = Visibility.fromCode(value);
            case "restorable" -> restorable = TextValues.bool(name, value);
            default -> throw new IllegalArgumentException("unknown member '" + name + "'; known members are " + NAMES);
        }
        return this;
    }

    /** Sets {@code maxAge} from whole seconds, as JSON numbers and database columns hold it. */
    public TombstoneFields maxAgeSeconds(long seconds) {
        maxAge = TextValues.seconds("maxAge", seconds);
        return this;
    }

    /** Sets an instant member ({@code deletedAt}, {@code goneFrom}, {@code goneUntil}) from a database column. */
    public TombstoneFields instant(String name, Instant value) {
        switch (name) {
            case "deletedAt" -> deletedAt = value;
            case "goneFrom" -> goneFrom = value;
            case "goneUntil" -> goneUntil = value;
            default -> throw new IllegalArgumentException(name + " is not an instant member");
        }
        return this;
    }

    public TombstoneFields restorable(boolean restorable) {
        this.restorable = restorable;
        return this;
    }

    public TombstoneFields extensions(Map<String, Object> extensions) {
        this.extensions = extensions;
        return this;
    }

    /**
     * The tombstone of the members set since the last build, which are then cleared.
     *
     * @throws IllegalArgumentException naming the member and value that make it invalid, and the tombstone
     */
    public Tombstone build() {
        try {
            if ((path == null) == (regex == null)) {
                throw new IllegalArgumentException("a tombstone needs exactly one of 'path' or 'regex'");
            }
            PathPattern pattern = path != null ? PathPattern.of(path) : PathPattern.regex(regex);
            return new Tombstone(pattern, deletedAt, share(reason), share(message), share(alternative), share(maxAge),
                    goneFrom, goneUntil, visibility, restorable, extensions);
        } finally {
            clear();
        }
    }

    private void clear() {
        path = null;
        regex = null;
        deletedAt = null;
        reason = null;
        message = null;
        alternative = null;
        maxAge = null;
        goneFrom = null;
        goneUntil = null;
        visibility = null;
        restorable = false;
        extensions = null;
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
