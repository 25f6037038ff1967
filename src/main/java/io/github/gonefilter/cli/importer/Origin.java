package io.github.gonefilter.cli.importer;

/** Where a rule was written: file, 1-based line, and its text as it appears there. */
public record Origin(String file, int line, String text) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
