package io.github.gonefilter.cli;

import io.github.gonefilter.registry.file.TombstoneFileFormat;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code convert IN OUT}: JSON to CSV and back, losslessly or not at all. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a tombstone file between JSON and CSV (by the names: .csv is CSV, anything else JSON)."
                + " Refuses, writing nothing, when the target cannot hold every tombstone exactly (CSV has no extensions).",
                "Exit code 0: written; 1: refused; 2: IN cannot be read or does not load."})
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "The tombstone file to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (replaced if it exists).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        List<Tombstone> tombstones = TombstoneFile.loadable(in).tombstones();
        TombstoneFileFormat target = TombstoneFileFormat.forName(out.toString());
        List<String> refused = tombstones.stream().filter(t -> target == TombstoneFileFormat.CSV && !t.extensions().isEmpty())
                .map(t -> t.pattern().key()).toList();
        if (!refused.isEmpty()) {
            err.println(Text.oneLine("gone-filter: " + out + " not written: a CSV file cannot hold extensions ("
                    + refused.size() + " with extensions: " + String.join(", ", refused)
                    + "); keep JSON, or remove the extensions first"));
            err.flush();
            return GoneFilterCli.FINDINGS;
        }
        String text = target.write(tombstones);
        // Proof of losslessness: the written text reads back as the same tombstones.
        if (!target.read(out.toString(), new StringReader(text)).equals(tombstones)) {
            err.println("gone-filter: " + out + " not written: it would not read back as the same tombstones");
            err.flush();
            return GoneFilterCli.FINDINGS;
        }
        Files.writeString(out, text, StandardCharsets.UTF_8);
        stdout.println("wrote " + CheckCommand.plural(tombstones.size(), "tombstone") + " to " + out);
        stdout.flush();
        return GoneFilterCli.OK;
    }
}
