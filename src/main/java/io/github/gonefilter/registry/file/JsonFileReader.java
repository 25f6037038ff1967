package io.github.gonefilter.registry.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads a JSON tombstone file, {@code {"tombstones": [...]}}, as a stream of tokens: each element goes straight
 * into its tombstone ({@link TombstoneJson#read}), no tree is built, so a million-entry file loads in seconds.
 * Errors name the file, and the line and column of the element.
 */
final class JsonFileReader {

    /** A member given twice in one object is an error, not "the last one wins": a reviewer reads the first. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private JsonFileReader() {
    }

    static List<Tombstone> read(String location, Reader reader) throws IOException {
        FileTombstones read = new FileTombstones(location);
        try (JsonParser parser = JSON.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return read.list(); // an empty file: no tombstones yet
            }
            if (first != JsonToken.START_OBJECT) {
                throw error(location, parser.currentTokenLocation(), "expected a JSON object {\"tombstones\": [...]}", null);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!field.equals("tombstones")) {
                    throw error(location, parser.currentTokenLocation(), "unknown member '" + field
                            + "'; the document has one member, 'tombstones'", null);
                }
                if (value != JsonToken.START_ARRAY) {
                    throw error(location, parser.currentTokenLocation(), "'tombstones' must be an array", null);
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonLocation at = parser.currentTokenLocation();
                    Tombstone t;
                    try {
                        t = TombstoneJson.read(parser, read.fields());
                    } catch (IllegalArgumentException e) {
                        throw error(location, at, "tombstone #" + (read.size() + 1) + ": " + e.getMessage(), e);
                    }
                    read.add(t, line(at), column(at));
                }
            }
            if (parser.nextToken() != null) {
                throw error(location, parser.currentTokenLocation(), "unexpected content after the document", null);
            }
        } catch (JsonProcessingException e) {
            throw error(location, e.getLocation(), e.getOriginalMessage(), e);
        }
        return read.list();
    }

    private static TombstoneFileException error(String location, JsonLocation at, String problem, Throwable cause) {
        return new TombstoneFileException(location, line(at), column(at), problem, cause);
    }

    private static int line(JsonLocation at) {
        return at == null ? 0 : Math.max(at.getLineNr(), 0);
    }

    private static int column(JsonLocation at) {
        return at == null ? 0 : Math.max(at.getColumnNr(), 0);
    }
}
