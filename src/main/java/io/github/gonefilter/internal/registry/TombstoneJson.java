package io.github.gonefilter.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON shape of a tombstone, shared by the file format and the shared registries: {@code path} or
 * {@code regex}, ISO-8601 instants, {@code maxAge} in seconds (or an ISO-8601 duration), and
 * {@code extensions} as an object. Reading is strict: an unknown member is an error, so a typo such as
 * {@code maxage} is reported instead of silently ignored.
 */
public final class TombstoneJson {

    /** Every member a tombstone object may have, in the order they are written. */
    public static final List<String> FIELDS = List.of("path", "regex", "deletedAt", "reason", "message",
            "alternative", "maxAge", "goneFrom", "goneUntil", "visibility", "restorable", "extensions");

    private static final Set<String> KNOWN = Set.copyOf(FIELDS);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TombstoneJson() {
    }

    /**
     * Reads one tombstone object.
     *
     * @throws IllegalArgumentException naming the offending member and value
     */
    public static Tombstone fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a tombstone must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown member '" + name + "'; known members are " + FIELDS);
            }
        }
        Tombstone.Builder b = Tombstone.builder(pattern(text(node, "path"), text(node, "regex")));
        b.deletedAt(instant("deletedAt", text(node, "deletedAt")));
        b.reason(text(node, "reason"));
        b.message(text(node, "message"));
        b.alternative(uri(text(node, "alternative")));
        JsonNode maxAge = node.get("maxAge");
        if (maxAge != null && !maxAge.isNull()) {
            b.maxAge(maxAge.isIntegralNumber() ? seconds("maxAge", maxAge.asLong()) : duration("maxAge", maxAge.asText()));
        }
        b.goneFrom(instant("goneFrom", text(node, "goneFrom")));
        b.goneUntil(instant("goneUntil", text(node, "goneUntil")));
        String visibility = text(node, "visibility");
        if (visibility != null) {
            b.visibility(Visibility.fromCode(visibility));
        }
        JsonNode restorable = node.get("restorable");
        if (restorable != null && !restorable.isNull()) {
            if (!restorable.isBoolean()) {
                throw new IllegalArgumentException("restorable must be true or false but was " + restorable);
            }
            b.restorable(restorable.booleanValue());
        }
        JsonNode extensions = node.get("extensions");
        if (extensions != null && !extensions.isNull()) {
            if (!extensions.isObject()) {
                throw new IllegalArgumentException("extensions must be an object but was " + extensions);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = MAPPER.convertValue(extensions, Map.class);
            b.extensions(map);
        }
        return b.build();
    }

    /**
     * Reads a tombstone from text fields, as in a CSV row; empty values count as absent.
     *
     * @throws IllegalArgumentException naming the offending field and value
     */
    public static Tombstone fromFields(Map<String, String> fields) {
        for (String name : fields.keySet()) {
            if (!KNOWN.contains(name) || name.equals("extensions")) {
                throw new IllegalArgumentException("unknown column '" + name + "'; known columns are "
                        + FIELDS.subList(0, FIELDS.size() - 1));
            }
        }
        Tombstone.Builder b = Tombstone.builder(pattern(blankToNull(fields.get("path")), blankToNull(fields.get("regex"))));
        b.deletedAt(instant("deletedAt", blankToNull(fields.get("deletedAt"))));
        b.reason(blankToNull(fields.get("reason")));
        b.message(blankToNull(fields.get("message")));
        b.alternative(uri(blankToNull(fields.get("alternative"))));
        String maxAge = blankToNull(fields.get("maxAge"));
        if (maxAge != null) {
            b.maxAge(duration("maxAge", maxAge));
        }
        b.goneFrom(instant("goneFrom", blankToNull(fields.get("goneFrom"))));
        b.goneUntil(instant("goneUntil", blankToNull(fields.get("goneUntil"))));
        String visibility = blankToNull(fields.get("visibility"));
        if (visibility != null) {
            b.visibility(Visibility.fromCode(visibility));
        }
        String restorable = blankToNull(fields.get("restorable"));
        if (restorable != null) {
            if (!restorable.equalsIgnoreCase("true") && !restorable.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("restorable must be true or false but was '" + restorable + "'");
            }
            b.restorable(Boolean.parseBoolean(restorable));
        }
        return b.build();
    }

    /** Writes a tombstone in the shape {@link #fromJson} reads; absent fields are left out. */
    public static ObjectNode toJson(Tombstone t) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (t.pattern() instanceof PathPattern.Regex r) {
            node.put("regex", r.expression());
        } else {
            node.put("path", PathCanonicalizer.encode(t.pattern().source()));
        }
        putIfPresent(node, "deletedAt", t.deletedAt());
        putIfPresent(node, "reason", t.reason());
        putIfPresent(node, "message", t.message());
        putIfPresent(node, "alternative", t.alternative());
        if (t.maxAge() != null) {
            node.put("maxAge", t.maxAge().getSeconds());
        }
        putIfPresent(node, "goneFrom", t.goneFrom());
        putIfPresent(node, "goneUntil", t.goneUntil());
        if (t.visibility() != Visibility.GONE) {
            node.put("visibility", t.visibility().code());
        }
        if (t.restorable()) {
            node.put("restorable", true);
        }
        if (!t.extensions().isEmpty()) {
            node.set("extensions", MAPPER.valueToTree(t.extensions()));
        }
        return node;
    }

    /** {@link #toJson} as compact text. */
    public static String toJsonString(Tombstone t) {
        return toJson(t).toString();
    }

    /** Parses {@link #toJsonString} output. */
    public static Tombstone fromJsonString(String json) {
        try {
            return fromJson(MAPPER.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a tombstone JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses an instant: ISO-8601 with {@code Z} or an offset ({@code 2025-03-01T12:00:00Z},
     * {@code 2025-03-01T12:00:00+01:00}) or a date alone, meaning its start in UTC.
     */
    public static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2025-03-01T12:00:00Z"
                    + " but was '" + value + "'");
        }
    }

    /** Parses a duration given as whole seconds ({@code 86400}) or ISO-8601 ({@code P30D}, {@code PT12H}). */
    public static Duration duration(String field, String value) {
        String v = value.trim();
        try {
            if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
                return seconds(field, Long.parseLong(v));
            }
            Duration d = Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
            if (d.isNegative()) {
                throw new IllegalArgumentException(field + " must not be negative but was '" + value + "'");
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be whole seconds or an ISO-8601 duration such as P30D"
                    + " but was '" + value + "'");
        }
    }

    private static Duration seconds(String field, long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException(field + " must not be negative but was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static PathPattern pattern(String path, String regex) {
        if ((path == null) == (regex == null)) {
            throw new IllegalArgumentException("a tombstone needs exactly one of 'path' or 'regex'");
        }
        return path != null ? PathPattern.of(path) : PathPattern.regex(regex);
    }

    private static URI uri(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("alternative must be a URI but was '" + value + "': " + e.getReason());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string but was " + value);
        }
        return value.textValue();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void putIfPresent(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }
}
