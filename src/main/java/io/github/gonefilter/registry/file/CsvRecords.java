package io.github.gonefilter.registry.file;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** The records of a CSV file as RFC 4180 has them: quoted fields may hold commas, quotes ("") and line breaks. */
final class CsvRecords {
    private final Reader in;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private final String location;
    private int line = 1;
    private int recordLine;
    private int pending = -2;
    private boolean unterminated;

    CsvRecords(Reader in, String location) {
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
