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

    /**
     * Loads a file a command needs the filter to load ({@code explain}, {@code diff}, {@code convert}).
     *
     * @throws GoneFilterCli.UnusableInputException naming the file and its first error if it cannot be read or
     *         the filter would not load it
     */
    static TombstoneFile loadable(Path path) {
        TombstoneFile file = load(path);
        if (file.unreadable != null) {
            throw new GoneFilterCli.UnusableInputException(file.name + ": " + file.unreadable);
        }
        if (!file.loads()) {
            Problem p = file.errors.get(0);
            throw new GoneFilterCli.UnusableInputException(CheckCommand.position(file.name, p.line(), p.column()) + ": "
                    + p.message() + " (the filter would not load it; run check for every error)");
        }
        return file;
    }

    private void read(String original) {
        StringBuilder text = new StringBuilder(original);
        // Blanking keeps every position, so an element starts where it started in the original text.
        List<int[]> elements = format == TombstoneFileFormat.JSON ? jsonElements(original) : List.of();
        List<Tombstone> tombstones = null;
        while (tombstones == null) {
            try {
                tombstones = format.read(name, new StringReader(text.toString()));
            } catch (TombstoneFileException e) {
                String prefix = e.location() + (e.line() > 0 ? ":" + e.line() + (e.column() > 0 ? ":" + e.column() : "") : "") + ": ";
                String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
                message = renumbered(Text.withoutParserSource(message), elements, e.line(), e.column());
                Problem problem = e.column() > 0 ? new Problem(e.line(), e.column(), message) : cell(text, e.line(), message);
                if (errors.contains(problem)) {
                    incomplete = true; // blanking did not get past it
                    return;
                }
                errors.add(problem);
                if (format == TombstoneFileFormat.CSV && endsUnterminated(text, e.line())) {
                    // The filter refuses a file without a final line terminator, first; once terminated, its last row
                    // is read like the others.
                    text.append('\n');
                    continue;
                }
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

    /**
     * The filter counts "tombstone #n" in the text it read, where the tombstones blanked for earlier errors are
     * gone: the number of the element at that position in the file as written.
     */
    private static String renumbered(String message, List<int[]> elements, int line, int column) {
        if (!message.startsWith("tombstone #")) {
            return message;
        }
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i)[0] == line && elements.get(i)[1] == column) {
                return message.replaceFirst("^tombstone #\\d+", "tombstone #" + (i + 1));
            }
        }
        return message;
    }

    /** Whether the CSV text lacks its final line terminator and {@code line} starts its last record. */
    private static boolean endsUnterminated(CharSequence text, int line) {
        if (text.length() == 0 || text.charAt(text.length() - 1) == '\n') {
            return false;
        }
        List<int[]> records = csvRecords(text);
        return !records.isEmpty() && records.get(records.size() - 1)[0] == line;
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
                parser.finishToken(); // a string is read lazily: without this its end would be just past the quote
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

    /**
     * For a CSV error naming a column ("reason must be ..."), the line and column where that cell starts (a quoted
     * cell before it may span lines); else the record's line and column 1. JSON errors without a column keep 0.
     */
    private Problem cell(CharSequence text, int line, String message) {
        if (format != TombstoneFileFormat.CSV || line <= 0) {
            return new Problem(line, 0, message);
        }
        List<int[]> records = csvRecords(text);
        if (records.isEmpty()) {
            return new Problem(line, 1, message);
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
                    int lineStart = row.lastIndexOf('\n', offset - 1) + 1;
                    int breaks = (int) row.substring(0, lineStart).chars().filter(ch -> ch == '\n').count();
                    return new Problem(line + breaks, offset - lineStart + 1, message);
                }
                offset += rawCellLength(row, offset) + 1;
            }
        }
        return new Problem(line, 1, message);
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

    /** Where each element of the "tombstones" array starts, as {line, column}; up to a syntax error, if any. */
    private static List<int[]> jsonElements(CharSequence text) {
        List<int[]> result = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(text.toString())) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
                    || parser.nextToken() != JsonToken.START_ARRAY) {
                return result;
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                result.add(new int[] {parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr()});
                parser.skipChildren();
            }
        } catch (IOException e) {
            return result;
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
