package io.github.gonefilter.registry.file;

import io.github.gonefilter.internal.registry.TombstoneFields;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV tombstone file: a header row naming the columns (every tombstone member but {@code extensions}),
 * then one tombstone per row. Values are trimmed and empty ones are absent. Comment lines start with {@code #}.
 * Errors name the file and the line.
 */
final class CsvFileReader {

    /** Every member but {@code extensions}, which a CSV cell cannot hold. */
    static final List<String> COLUMNS = TombstoneFields.NAMES.subList(0, TombstoneFields.NAMES.size() - 1);

    private CsvFileReader() {
    }

    static List<Tombstone> read(String location, Reader reader) throws IOException {
        CsvRecords csv = new CsvRecords(reader, location);
        FileTombstones read = new FileTombstones(location);
        List<String> header = null;
        int headerLine = 0;
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
                header = header(location, line, row);
                headerLine = line;
                continue;
            }
            if (row.size() > header.size()) {
                throw new TombstoneFileException(location, line, 0, "row has " + row.size()
                        + " fields but the header (line " + headerLine + ") has " + header.size(), null);
            }
            TombstoneFields fields = read.fields();
            Tombstone t;
            try {
                for (int i = 0; i < row.size(); i++) {
                    String value = row.get(i);
                    if (!value.isBlank()) {
                        fields.text(header.get(i), value.trim());
                    }
                }
                t = fields.build();
            } catch (IllegalArgumentException e) {
                throw new TombstoneFileException(location, line, 0, e.getMessage(), e);
            }
            read.add(t, line, 0);
        }
        return read.list(); // no header at all: an empty file, no tombstones yet
    }

    private static List<String> header(String location, int line, List<String> row) {
        List<String> header = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            String name = row.get(i).trim();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (!COLUMNS.contains(name)) {
                throw new TombstoneFileException(location, line, 0, "unknown column '" + name
                        + "' in the header; known columns are " + COLUMNS, null);
            }
            if (header.contains(name)) {
                throw new TombstoneFileException(location, line, 0, "column '" + name + "' appears twice", null);
            }
            header.add(name);
        }
        if (!header.contains("path") && !header.contains("regex")) {
            throw new TombstoneFileException(location, line, 0, "the header needs a 'path' or 'regex' column", null);
        }
        return header;
    }
}
