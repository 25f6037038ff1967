package io.github.gonefilter.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.cli.importer.Csv;
import io.github.gonefilter.registry.file.TombstoneFileException;
import io.github.gonefilter.registry.file.TombstoneFileFormat;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tombstone file read exactly as the filter reads it ({@link TombstoneFileFormat}), but on to the end:
 * after an error in one tombstone, that tombstone is blanked out (its lines kept, so positions stay true)
 * and the file is read again, so that every error is reported, not only the first. Also knows the line each
 * tombstone starts on and the path as its author wrote it.
 */
final class TombstoneFile {

    /** Reading stops after this many errors in one file. */
    static final int MAX_ERRORS = 100;

    /** A tombstone, the line it starts on (0 if unknown) and its {@code path} member as written (or null). */
    record Entry(Tombstone tombstone, int line, String writtenPath) {
    }

    /** An error; column 0 means the whole line. */
    record Problem(int line, int column, String message) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final String name;
    final TombstoneFileFormat format;
    final List<Entry> entries = new ArrayList<>();
    final List<Problem> errors = new ArrayList<>();
    /** Set when the file could not be read at all (missing, not UTF-8). */
    String unreadable;
    /** Set when reading stopped before the end (a syntax error, too many errors). */
    boolean incomplete;

    private TombstoneFile(String name) {
        this.name = name;
        this.format = TombstoneFileFormat.forName(name);
    }

    static TombstoneFile load(Path path) {
        TombstoneFile file = new TombstoneFile(path.toString());
        String text;
        try {
            byte[] bytes = Files.readAllBytes(path);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.file.NoSuchFileException e) {
            file.unreadable = "file not found";
            return file;
        } catch (CharacterCodingException e) {
            file.unreadable = "not UTF-8 text";
            return file;
        } catch (IOException e) {
            file.unreadable = "cannot read: " + e.getMessage();
            return file;
        }
        file.read(text);
        return file;
    }

    /** Whether the filter would load this file. */
    boolean loads() {
        return unreadable == null && errors.isEmpty();
    }

    List<Tombstone> tombstones() {
        return entries.stream().map(Entry::tombstone).toList();
    }

    private void read(String original) {
        StringBuilder text = new StringBuilder(original);
        List<Tombstone> tombstones = null;
        while (tombstones == null) {
            try {
                tombstones = format.read(name, new StringReader(text.toString()));
            } catch (TombstoneFileException e) {
                String prefix = e.location() + (e.line() > 0 ? ":" + e.line() + (e.column() > 0 ? ":" + e.column() : "") : "") + ": ";
                String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
                errors.add(new Problem(e.line(), e.column() > 0 ? e.column() : column(text, e.line(), message), message));
                if (errors.size() >= MAX_ERRORS || !blank(text, e.line(), e.column())) {
                    incomplete = true;
                    return;
                }
            } catch (IOException e) {
                unreadable = "cannot read: " + e.getMessage();
                return;
            }
        }
        List<int[]> positions = format == TombstoneFileFormat.CSV ? csvRecords(text) : jsonElements(text);
        List<String> written = format == TombstoneFileFormat.CSV ? csvPaths(text, positions) : jsonPaths(text);
        boolean aligned = positions.size() == tombstones.size();
        for (int i = 0; i < tombstones.size(); i++) {
            entries.add(new Entry(tombstones.get(i), aligned ? positions.get(i)[0] : 0,
                    aligned && i < written.size() ? written.get(i) : null));
        }
    }

    /** Blanks the tombstone the error points at; false if the error is not in one tombstone (a syntax error). */
    private boolean blank(StringBuilder text, int line, int column) {
        if (line <= 0) {
            return false;
        }
        if (format == TombstoneFileFormat.CSV) {
            for (int[] record : csvRecords(text)) {
                if (record[0] == line) {
                    blankRange(text, record[1], record[2]);
                    return true;
                }
            }
            return false;
        }
        try (JsonParser parser = new JsonFactory().createParser(text.toString())) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
                    || !parser.currentName().equals("tombstones") || parser.nextToken() != JsonToken.START_ARRAY) {
                return false;
            }
            int previousEnd = -1;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                boolean hit = parser.currentTokenLocation().getLineNr() == line
                        && parser.currentTokenLocation().getColumnNr() == column;
                parser.skipChildren();
                int end = (int) parser.currentLocation().getCharOffset();
                if (hit) {
                    int comma = nextNonBlank(text, end);
                    if (comma < text.length() && text.charAt(comma) == ',') {
                        blankRange(text, start, comma + 1);
                    } else if (previousEnd >= 0) {
                        int before = text.lastIndexOf(",", start);
                        blankRange(text, before, end);
                    } else {
                        blankRange(text, start, end);
                    }
                    return true;
                }
                previousEnd = end;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static int nextNonBlank(CharSequence text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void blankRange(StringBuilder text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                text.setCharAt(i, ' ');
            }
        }
    }

    /** For a CSV error naming a column ("reason must be ..."), the column where that cell starts; else 1. */
    private int column(CharSequence text, int line, String message) {
        if (format != TombstoneFileFormat.CSV || line <= 0) {
            return 0;
        }
        List<int[]> records = csvRecords(text);
        if (records.isEmpty()) {
            return 1;
        }
        List<String> header = Csv.cells(text.subSequence(records.get(0)[1], records.get(0)[2]).toString());
        for (int[] record : records) {
            if (record[0] != line) {
                continue;
            }
            String row = text.subSequence(record[1], record[2]).toString();
            int offset = 0;
            List<String> cells = Csv.cells(row);
            for (int c = 0; c < header.size() && c < cells.size(); c++) {
                String field = header.get(c).trim();
                if (message.startsWith(field + " ") || message.startsWith(field + "'") || message.startsWith("a tombstone needs") && field.equals("path")) {
                    return offset + 1;
                }
                offset += rawCellLength(row, offset) + 1;
            }
        }
        return 1;
    }

    private static int rawCellLength(String row, int from) {
        boolean quoted = false;
        int i = from;
        for (; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                break;
            }
        }
        return i - from;
    }

    /**
     * The data records of a CSV text as {line, start, end} (the header first), skipping blank and comment
     * lines as the filter does: a quoted field may span lines, so a record ends where the quotes balance.
     */
    static List<int[]> csvRecords(CharSequence text) {
        List<int[]> records = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            int start = i;
            int startLine = line;
            boolean quoted = false;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\n') {
                    line++;
                    if (!quoted) {
                        break;
                    }
                }
                i++;
            }
            int end = i;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            i++;
            String record = text.subSequence(start, end).toString();
            List<String> cells = Csv.cells(record);
            if (cells.size() == 1 && (cells.get(0).isBlank() || cells.get(0).startsWith("#"))) {
                continue;
            }
            records.add(new int[] {startLine, start, end});
        }
        return records;
    }

    private static List<String> csvPaths(CharSequence text, List<int[]> dataRecords) {
        List<int[]> records = csvRecords(text);
        List<String> result = new ArrayList<>();
        if (records.isEmpty()) {
            return result;
        }
        List<String> header = Csv.cells(text.subSequence(records.get(0)[1], records.get(0)[2]).toString());
        int column = -1;
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).trim().replace("\uFEFF", "").equals("path")) {
                column = c;
            }
        }
        records.remove(0);
        dataRecords.clear();
        dataRecords.addAll(records);
        for (int[] r : records) {
            List<String> cells = Csv.cells(text.subSequence(r[1], r[2]).toString());
            String value = column >= 0 && column < cells.size() ? cells.get(column).trim() : "";
            result.add(value.isEmpty() ? null : value);
        }
        return result;
    }

    /** The start line of each element of the "tombstones" array, as {line}. */
    private static List<int[]> jsonElements(CharSequence text) {
        List<int[]> result = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(text.toString())) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
                    || parser.nextToken() != JsonToken.START_ARRAY) {
                return result;
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                result.add(new int[] {parser.currentTokenLocation().getLineNr()});
                parser.skipChildren();
            }
        } catch (IOException e) {
            return List.of();
        }
        return result;
    }

    private static List<String> jsonPaths(CharSequence text) {
        List<String> result = new ArrayList<>();
        try {
            JsonNode root = MAPPER.readTree(text.toString());
            for (JsonNode element : root.path("tombstones")) {
                JsonNode path = element.get("path");
                result.add(path != null && path.isTextual() ? path.textValue() : null);
            }
        } catch (IOException e) {
            return List.of();
        }
        return result;
    }
}
