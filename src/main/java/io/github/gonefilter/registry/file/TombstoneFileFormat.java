package io.github.gonefilter.registry.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two file formats: a JSON document {@code {"tombstones":[...]}} and CSV with a header row. An empty file,
 * {@code {}} and a CSV file with no rows hold no tombstones. A CSV file must end with a line terminator: one
 * whose last line has none is incomplete (still being written, or cut off) and is not read.
 */
public enum TombstoneFileFormat {
    JSON {
        @Override
        public List<Tombstone> read(String location, Reader reader) throws IOException {
            return readJson(location, reader);
        }

        @Override
        public String write(List<Tombstone> tombstones) {
            return writeJson(tombstones);
        }
    },
    CSV {
        @Override
        public List<Tombstone> read(String location, Reader reader) throws IOException {
            return readCsv(location, reader);
        }

        @Override
        public String write(List<Tombstone> tombstones) {
            return writeCsv(tombstones);
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> CSV_COLUMNS = TombstoneJson.FIELDS.subList(0, TombstoneJson.FIELDS.size() - 1);

    /** CSV for names ending in {@code .csv}, JSON otherwise. */
    public static TombstoneFileFormat forName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : JSON;
    }

    /**
     * Reads every tombstone of a file.
     *
     * @throws TombstoneFileException naming {@code location}, line and column of the first error
     */
    public abstract List<Tombstone> read(String location, Reader reader) throws IOException;

    /**
     * The file text holding {@code tombstones}, readable by {@link #read}.
     *
     * @throws IllegalArgumentException if the format cannot hold a tombstone (CSV: extensions)
     */
    public abstract String write(List<Tombstone> tombstones);

    private static List<Tombstone> readJson(String location, Reader reader) throws IOException {
        List<Tombstone> result = new ArrayList<>();
        KeyLines seen = new KeyLines();
        Interner interner = new Interner();
        try (JsonParser parser = new JsonFactory(MAPPER).createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return result; // an empty file: no tombstones yet
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
                    Object element = readElement(parser, interner);
                    if (element instanceof Tombstone t) {
                        int previous = seen.putIfAbsent(t.pattern().key(), at.getLineNr());
                        if (previous >= 0) {
                            throw error(location, at, "duplicate tombstone for " + t.pattern().key()
                                    + " (first at line " + previous + ")", null);
                        }
                        result.add(t);
                        continue;
                    }
                    JsonNode node = (JsonNode) element;
                    Tombstone t;
                    try {
                        Instant deletedAt = null;
                        if (node instanceof ObjectNode object) {
                            JsonNode member = object.get("deletedAt");
                            deletedAt = member != null && member.isTextual() ? FastInstant.parse(member.textValue()) : null;
                            if (deletedAt != null) {
                                object.putNull("deletedAt"); // parsed already, the same way and much faster
                            }
                        }
                        t = interner.intern(TombstoneJson.fromJson(node), deletedAt);
                    } catch (IllegalArgumentException e) {
                        throw error(location, at, "tombstone #" + (result.size() + 1) + ": " + e.getMessage(), e);
                    }
                    int previous = seen.putIfAbsent(t.pattern().key(), at.getLineNr());
                    if (previous >= 0) {
                        throw error(location, at, "duplicate tombstone for " + t.pattern().key()
                                + " (first at line " + previous + ")", null);
                    }
                    result.add(t);
                }
            }
            if (parser.nextToken() != null) {
                throw error(location, parser.currentTokenLocation(), "unexpected content after the document", null);
            }
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof TombstoneFileException tfe) {
                throw tfe;
            }
            throw error(location, e.getLocation(), e.getOriginalMessage(), e);
        }
        return result;
    }

    /**
     * Reads one element of the array: an object of text-valued {@link Interner#SIMPLE_FIELDS} (the bulk-list
     * case) straight to its tombstone, without a tree; anything else, or anything {@link Interner#simple}
     * refuses, as the same tree {@code MAPPER.readTree} would have built, for the general path.
     */
    private static Object readElement(JsonParser parser, Interner interner) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return MAPPER.readTree(parser);
        }
        String[] names = new String[4];
        String[] values = new String[4];
        int n = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && n < names.length && Interner.SIMPLE_FIELDS.contains(name)
                    && indexOf(names, n, name) < 0) {
                names[n] = name;
                values[n++] = parser.getText();
                continue;
            }
            ObjectNode object = textNode(names, values, n);
            object.set(name, MAPPER.readTree(parser));
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String next = parser.currentName();
                parser.nextToken();
                object.set(next, MAPPER.readTree(parser));
            }
            return object;
        }
        Tombstone simple = interner.simple(names, values, n);
        return simple != null ? simple : textNode(names, values, n);
    }

    private static int indexOf(String[] names, int n, String name) {
        for (int i = 0; i < n; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static ObjectNode textNode(String[] names, String[] values, int n) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < n; i++) {
            object.put(names[i], values[i]);
        }
        return object;
    }

    private static TombstoneFileException error(String location, JsonLocation at, String problem, Throwable cause) {
        int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
        int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
        return new TombstoneFileException(location, line, column, problem, cause);
    }

    private static String writeJson(List<Tombstone> tombstones) {
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

    private static List<Tombstone> readCsv(String location, Reader reader) throws IOException {
        CsvReader csv = new CsvReader(reader, location);
        List<String> header = null;
        int headerLine = 0;
        List<Tombstone> result = new ArrayList<>();
        KeyLines seen = new KeyLines();
        Interner interner = new Interner();
        boolean simpleHeader = false;
        List<String> row;
        while ((row = csv.next()) != null) {
            int line = csv.recordLine();
            if (csv.unterminated()) {
                // A writer cut off here would leave a shorter, valid row ("/products/4" of "/products/41").
                throw new TombstoneFileException(location, line, 0, "the last line has no line terminator, so the"
                        + " file may still be being written or was cut off; not loaded. End the file with a newline", null);
            }
            if (row.size() == 1 && (row.get(0).isBlank() || row.get(0).startsWith("#"))) {
                continue;
            }
            if (header == null) {
                header = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    String name = row.get(i).trim();
                    if (i == 0 && name.startsWith("\uFEFF")) {
                        name = name.substring(1);
                    }
                    if (!CSV_COLUMNS.contains(name)) {
                        throw new TombstoneFileException(location, line, 0, "unknown column '" + name
                                + "' in the header; known columns are " + CSV_COLUMNS, null);
                    }
                    if (header.contains(name)) {
                        throw new TombstoneFileException(location, line, 0, "column '" + name + "' appears twice", null);
                    }
                    header.add(name);
                }
                if (!header.contains("path") && !header.contains("regex")) {
                    throw new TombstoneFileException(location, line, 0, "the header needs a 'path' or 'regex' column", null);
                }
                headerLine = line;
                simpleHeader = Interner.SIMPLE_FIELDS.containsAll(header);
                continue;
            }
            if (row.size() > header.size()) {
                throw new TombstoneFileException(location, line, 0, "row has " + row.size()
                        + " fields but the header (line " + headerLine + ") has " + header.size(), null);
            }
            Tombstone simple = simpleHeader ? interner.simple(header, row) : null;
            if (simple != null) {
                int previous = seen.putIfAbsent(simple.pattern().key(), line);
                if (previous >= 0) {
                    throw new TombstoneFileException(location, line, 0, "duplicate tombstone for "
                            + simple.pattern().key() + " (first at line " + previous + ")", null);
                }
                result.add(simple);
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Instant deletedAt = null;
            for (int i = 0; i < row.size(); i++) {
                String column = header.get(i);
                String value = row.get(i);
                if (column.equals("deletedAt") && (deletedAt = FastInstant.parse(value)) != null) {
                    value = ""; // parsed already, the same way and much faster
                }
                fields.put(column, value);
            }
            Tombstone t;
            try {
                t = interner.intern(TombstoneJson.fromFields(fields), deletedAt);
            } catch (IllegalArgumentException e) {
                throw new TombstoneFileException(location, line, 0, e.getMessage(), e);
            }
            int previous = seen.putIfAbsent(t.pattern().key(), line);
            if (previous >= 0) {
                throw new TombstoneFileException(location, line, 0, "duplicate tombstone for " + t.pattern().key()
                        + " (first at line " + previous + ")", null);
            }
            result.add(t);
        }
        return result; // no header at all: an empty file, no tombstones yet
    }

    private static String writeCsv(List<Tombstone> tombstones) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (Tombstone t : tombstones) {
            if (!t.extensions().isEmpty()) {
                throw new IllegalArgumentException("tombstone " + t.pattern().key()
                        + " has extensions, which a CSV file cannot hold; use a JSON file");
            }
            JsonNode node = TombstoneJson.toJson(t);
            List<String> cells = new ArrayList<>();
            for (String column : CSV_COLUMNS) {
                JsonNode value = node.get(column);
                cells.add(value == null ? "" : csvCell(value.asText()));
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static String csvCell(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /**
     * Shares equal reasons, messages and other values between tombstones (bulk lists repeat them), and puts
     * in a {@code deletedAt} that {@link FastInstant} parsed. Builds a new tombstone only when something
     * changes.
     */
    private static final class Interner {
        /** The columns of a bulk list, read by {@link #simple} without the general, map-based path. */
        static final java.util.Set<String> SIMPLE_FIELDS = java.util.Set.of("path", "deletedAt", "reason", "message");

        private final Map<Object, Object> values = new HashMap<>();

        /**
         * The tombstone of a CSV row of {@link #SIMPLE_FIELDS} columns, built as
         * {@link TombstoneJson#fromFields} would build it; {@code null} if the row is not that simple or is
         * invalid, so the general path reads it (and reports the error in its words).
         */
        Tombstone simple(List<String> header, List<String> row) {
            String path = null;
            String reason = null;
            String message = null;
            Instant deletedAt = null;
            for (int i = 0; i < row.size(); i++) {
                String value = row.get(i);
                if (value.isBlank()) {
                    continue;
                }
                switch (header.get(i)) {
                    case "path" -> path = value.trim();
                    case "reason" -> reason = value.trim();
                    case "message" -> message = value.trim();
                    case "deletedAt" -> {
                        deletedAt = FastInstant.parse(value.trim());
                        if (deletedAt == null) {
                            return null;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return simple(path, deletedAt, reason, message);
        }

        /** {@link #simple(List, List)} for a JSON object of text members {@code names[i]: values[i]}. */
        Tombstone simple(String[] names, String[] values, int n) {
            String path = null;
            String reason = null;
            String message = null;
            Instant deletedAt = null;
            for (int i = 0; i < n; i++) {
                switch (names[i]) {
                    case "path" -> path = values[i];
                    case "reason" -> reason = values[i];
                    case "message" -> message = values[i];
                    case "deletedAt" -> {
                        deletedAt = FastInstant.parse(values[i]);
                        if (deletedAt == null) {
                            return null;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return simple(path, deletedAt, reason, message);
        }

        private Tombstone simple(String path, Instant deletedAt, String reason, String message) {
            if (path == null) {
                return null;
            }
            try {
                return Tombstone.builder(path).deletedAt(deletedAt).reason(share(reason)).message(share(message)).build();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        Tombstone intern(Tombstone t, Instant deletedAt) {
            Instant when = deletedAt != null ? deletedAt : t.deletedAt();
            String reason = share(t.reason());
            String message = share(t.message());
            java.net.URI alternative = share(t.alternative());
            java.time.Duration maxAge = share(t.maxAge());
            Map<String, Object> extensions = share(t.extensions());
            if (when == t.deletedAt() && reason == t.reason() && message == t.message()
                    && alternative == t.alternative() && maxAge == t.maxAge() && extensions == t.extensions()) {
                return t;
            }
            return new Tombstone(t.pattern(), when, reason, message, alternative, maxAge, t.goneFrom(), t.goneUntil(),
                    t.visibility(), t.restorable(), extensions);
        }

        @SuppressWarnings("unchecked")
        private <T> T share(T value) {
            return value == null ? null : (T) values.computeIfAbsent(value, v -> v);
        }
    }

    /**
     * Parses the usual spelling of an instant, {@code 2025-03-01T12:00:00Z}, without a
     * {@code DateTimeFormatter} (which costs about a microsecond). Returns {@code null} for anything else,
     * including invalid dates, which then take the general path and its error message.
     */
    static final class FastInstant {
        private FastInstant() {
        }

        static Instant parse(String s) {
            if (s == null || s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                    || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
                return null;
            }
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            if ((year | month | day | hour | minute | second) < 0) {
                return null;
            }
            try {
                return java.time.LocalDateTime.of(year, month, day, hour, minute, second)
                        .toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }

        private static int digits(String s, int from, int count) {
            int value = 0;
            for (int i = from; i < from + count; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }

    /** Where each key was first seen: open addressing without boxing, for files of a million lines. */
    private static final class KeyLines {
        private String[] keys = new String[1024];
        private int[] lines = new int[1024];
        private int size;

        /** Records {@code line} for {@code key} unless it is present; returns the earlier line, or -1. */
        int putIfAbsent(String key, int line) {
            if ((size + 1) * 2 > keys.length) {
                resize();
            }
            int mask = keys.length - 1;
            int h = key.hashCode();
            for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
                String k = keys[i];
                if (k == null) {
                    keys[i] = key;
                    lines[i] = line;
                    size++;
                    return -1;
                }
                if (k.equals(key)) {
                    return lines[i];
                }
            }
        }

        private void resize() {
            String[] oldKeys = keys;
            int[] oldLines = lines;
            keys = new String[oldKeys.length * 2];
            lines = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != null) {
                    int h = oldKeys[j].hashCode();
                    int i = (h ^ (h >>> 16)) & mask;
                    while (keys[i] != null) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    lines[i] = oldLines[j];
                }
            }
        }
    }

    /** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
    private static final class CsvReader {
        private final Reader in;
        private final char[] buffer = new char[8192];
        private int position;
        private int limit;
        private final String location;
        private int line = 1;
        private int recordLine;
        private int pending = -2;
        private boolean unterminated;

        CsvReader(Reader in, String location) {
            this.in = in;
            this.location = location;
        }

        int recordLine() {
            return recordLine;
        }

        /** Whether the record {@link #next} returned last ended at the end of the input, with no line terminator. */
        boolean unterminated() {
            return unterminated;
        }

        private int read() throws IOException {
            if (pending != -2) {
                int c = pending;
                pending = -2;
                return c;
            }
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++];
        }

        List<String> next() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            int quoteLine = 0;
            while (true) {
                if (c == -1) {
                    if (quoted) {
                        throw new TombstoneFileException(location, quoteLine, 0, "unclosed quote", null);
                    }
                    fields.add(field.toString());
                    unterminated = true;
                    return fields;
                }
                if (quoted) {
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            pending = d;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                    quoteLine = line;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n') {
                            pending = d;
                        }
                    }
                    line++;
                    fields.add(field.toString());
                    return fields;
                } else if (wasQuoted) {
                    throw new TombstoneFileException(location, line, 0, "unexpected character after a closing quote", null);
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }
    }
}
