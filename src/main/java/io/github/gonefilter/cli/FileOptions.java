package io.github.gonefilter.cli;

import java.time.Instant;
import picocli.CommandLine.Option;

/** The options check, explain and diff share: the time, the filter's case setting, and JSON output. */
final class FileOptions {

    @Option(names = "--at", paramLabel = "INSTANT", description = "The time to answer for (ISO-8601); default now.")
    Instant at;

    @Option(names = "--case-insensitive", description = "Read the files as the filter does with caseSensitive=false.")
    boolean caseInsensitive;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    Instant now() {
        return at != null ? at : Instant.now();
    }
}
