package io.github.gonefilter.cli;

import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What check, explain and diff share: the options for the time, the filter's case setting and JSON output, and
 * the command's output.
 */
final class FileOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--at", paramLabel = "INSTANT", description = "The time to answer for (ISO-8601); default now.")
    Instant at;

    @Option(names = "--case-insensitive", description = "Read the files as the filter does with caseSensitive=false.")
    boolean caseInsensitive;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** Where the command prints its result. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    Instant now() {
        return at != null ? at : Instant.now();
    }
}
