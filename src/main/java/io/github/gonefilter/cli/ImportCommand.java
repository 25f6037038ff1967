package io.github.gonefilter.cli;

import io.github.gonefilter.cli.importer.ImportException;
import io.github.gonefilter.cli.importer.ImportResult;
import io.github.gonefilter.cli.importer.Importer;
import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.registry.file.TombstoneFileFormat;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code import --from apache|nginx|tuckey|redirection FILE...}: web-server rules to tombstones, exactly or not at all. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Translates the 410 and 451 rules of Apache httpd, nginx, Tuckey UrlRewriteFilter or WordPress"
                + " Redirection into tombstones that match exactly the paths the source answered 410 or 451 for, keeping"
                + " prefix semantics, case rules, anchoring and precedence (as a regex where no glob is equivalent)."
                + " A rule that cannot be translated exactly is left out and listed with file, line and reason.",
                "Exit code 0: every rule imported; 1: some rules left out; 2: a file cannot be read."})
final class ImportCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "FORMAT",
            description = "apache, nginx, tuckey or redirection.", converter = FormatConverter.class)
    Importer from;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The configuration files, in the order the server reads them.")
    List<Path> files;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Where to write the tombstones (.csv for CSV); default standard output as JSON.")
    Path output;

    @Option(names = "--base", paramLabel = "DIR", description = "For Apache .htaccess files: the URL path of their directory; default /.")
    String base;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report (imported and left-out rules) as JSON.")
    Path report;

    @Option(names = "--json", description = "Print the report as JSON instead of text (needs -o).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Accepts the format names in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Importer> {
        @Override
        public Importer convert(String value) {
            for (Importer i : Importer.values()) {
                if (i.id().equals(value.toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of apache, nginx, tuckey, redirection");
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json && output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--json needs -o: standard output carries the tombstones");
        }
        ImportResult result;
        try {
            result = from.importFiles(files, base);
        } catch (ImportException e) {
            throw new GoneFilterCli.UnusableInputException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new GoneFilterCli.UnusableInputException(e.getFile() + ": file not found");
        }
        List<Tombstone> tombstones = result.tombstones().stream().map(ImportResult.Imported::tombstone).toList();
        TombstoneFileFormat format = output == null ? TombstoneFileFormat.JSON : TombstoneFileFormat.forName(output.toString());
        String text = format.write(tombstones);
        if (output == null) {
            out.print(text);
            out.flush();
        } else {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        }
        Map<String, Object> reportJson = reportJson(result);
        if (report != null) {
            Files.writeString(report, toJson(reportJson), StandardCharsets.UTF_8);
        }
        PrintWriter summary = output == null ? err : out;
        if (json) {
            GoneFilterCli.printJson(out, reportJson);
        } else {
            for (ImportResult.Skipped s : result.skipped()) {
                summary.println(Text.oneLine(s.origin() + ": left out: " + s.origin().text() + ": " + s.reason()));
            }
            summary.println("imported " + CheckCommand.plural(tombstones.size(), "tombstone")
                    + (output == null ? "" : " to " + output) + ", left out " + CheckCommand.plural(result.skipped().size(), "rule"));
            summary.flush();
        }
        return result.skipped().isEmpty() ? GoneFilterCli.OK : GoneFilterCli.FINDINGS;
    }

    static Map<String, Object> reportJson(ImportResult result) {
        List<Map<String, Object>> imported = new ArrayList<>();
        for (ImportResult.Imported i : result.tombstones()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", i.origin().file());
            m.put("line", i.origin().line());
            m.put("rule", i.origin().text());
            m.put("tombstone", TombstoneJson.toJson(i.tombstone()));
            imported.add(m);
        }
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (ImportResult.Skipped s : result.skipped()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", s.origin().file());
            m.put("line", s.origin().line());
            m.put("rule", s.origin().text());
            m.put("reason", s.reason());
            skipped.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("imported", imported);
        root.put("leftOut", skipped);
        return root;
    }

    private static String toJson(Object value) {
        java.io.StringWriter text = new java.io.StringWriter();
        GoneFilterCli.printJson(new PrintWriter(text), value);
        return text.toString();
    }
}
