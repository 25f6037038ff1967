package io.github.gonefilter.registry.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.tombstone.Tombstone;
import java.util.ArrayList;
import java.util.List;

/** Writes tombstone files in both formats, as their readers read them. */
final class TombstoneFileWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TombstoneFileWriter() {
    }

    /** {@code {"tombstones": [...]}}, one tombstone per line. */
    static String json(List<Tombstone> tombstones) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode array = root.putArray("tombstones");
        tombstones.forEach(t -> array.add(TombstoneJson.toJson(t)));
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        try {
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A header of every column, then one row per tombstone.
     *
     * @throws IllegalArgumentException naming a tombstone with extensions, which a CSV file cannot hold
     */
    static String csv(List<Tombstone> tombstones) {
        StringBuilder out = new StringBuilder(String.join(",", CsvFileReader.COLUMNS)).append('\n');
        for (Tombstone t : tombstones) {
            if (!t.extensions().isEmpty()) {
                throw new IllegalArgumentException("tombstone " + t.pattern().key()
                        + " has extensions, which a CSV file cannot hold; use a JSON file");
            }
            JsonNode node = TombstoneJson.toJson(t);
            List<String> cells = new ArrayList<>();
            for (String column : CsvFileReader.COLUMNS) {
                JsonNode value = node.get(column);
                cells.add(value == null ? "" : cell(value.asText()));
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static String cell(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
