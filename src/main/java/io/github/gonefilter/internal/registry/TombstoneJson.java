package io.github.gonefilter.internal.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON shape of a tombstone, shared by the file format, the shared registries and the snapshot file:
 * {@code path} or {@code regex}, ISO-8601 instants, {@code maxAge} in seconds (or an ISO-8601 duration), and
 * {@code extensions} as an object. Reading streams the members into {@link TombstoneFields}, without a tree, and
 * is strict: an unknown member is an error, so a typo such as {@code maxage} is reported instead of ignored.
 */
public final class TombstoneJson {

    /** Strict about duplicate members, as the file reader is: a stored tombstone with two paths is corrupt. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> KNOWN = Set.copyOf(TombstoneFields.NAMES);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private TombstoneJson() {
    }

    /**
     * Reads the tombstone object at the parser's current token, up to and including its end.
     *
     * @throws IllegalArgumentException naming the offending member and value
     * @throws IOException              for malformed JSON
     */
    public static Tombstone read(JsonParser parser, TombstoneFields fields) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("a tombstone must be a JSON object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown member '" + name + "'; known members are "
                        + TombstoneFields.NAMES);
            }
            if (value == JsonToken.VALUE_NULL) {
                continue; // absent
            }
            switch (name) {
                case "maxAge" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        fields.maxAgeSeconds(parser.getLongValue());
                    } else {
                        fields.text(name, value.isScalarValue() ? parser.getText() : MAPPER.readTree(parser).toString());
                    }
                }
                case "restorable" -> {
                    if (!value.isBoolean()) {
                        throw new IllegalArgumentException("restorable must be true or false but was " + rendered(parser));
                    }
                    fields.restorable(value == JsonToken.VALUE_TRUE);
                }
                case "extensions" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw new IllegalArgumentException("extensions must be an object but was " + rendered(parser));
                    }
                    fields.extensions(MAPPER.readValue(parser, MAP));
                }
                default -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new IllegalArgumentException(name + " must be a string but was " + rendered(parser));
                    }
                    fields.text(name, parser.getText());
                }
            }
        }
        return fields.build();
    }

    /** Parses {@link #toJsonString} output. @throws IllegalArgumentException naming what is wrong */
    public static Tombstone fromJsonString(String json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            parser.nextToken();
            Tombstone t = read(parser, TombstoneFields.of());
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("unexpected content after the tombstone object");
            }
            return t;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a tombstone JSON object: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a tombstone JSON object: " + e.getMessage(), e);
        }
    }

    /** An {@code extensions} object as a database column holds it. */
    public static Map<String, Object> extensions(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("extensions is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a tombstone in the shape {@link #read} reads; absent fields are left out. */
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
        if (t.mode() != null) {
            node.put("mode", t.mode().code());
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

    /** The value at the parser as JSON text, for an error message; the value is consumed. */
    private static String rendered(JsonParser parser) throws IOException {
        return MAPPER.readTree(parser).toString();
    }

    private static void putIfPresent(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }
}
