package io.github.gonefilter.registry.file;

/** A tombstone file that cannot be read; the message names the file and the position of the error. */
public final class TombstoneFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final int line;
    private final int column;

    public TombstoneFileException(String location, int line, int column, String problem, Throwable cause) {
        super(location + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem, cause);
        this.location = location;
        this.line = line;
        this.column = column;
    }

    /** The file, as configured. */
    public String location() {
        return location;
    }

    /** 1-based line of the error, or 0 if the file could not be read at all. */
    public int line() {
        return line;
    }

    /** 1-based column of the error, or 0 if unknown. */
    public int column() {
        return column;
    }
}
