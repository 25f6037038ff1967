package io.github.gonefilter.cli.importer;

/** A source file that cannot be read as its format at all; the message names file and line. */
public final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }
}
