package io.github.gonefilter.cli;

import io.github.gonefilter.internal.response.ResponseSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code check FILE...}: every error, as the filter would report it, then the reviewer's warnings. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Reads tombstone files exactly as the filter does and reports every error with file, line and"
                + " column, then warnings: a tombstone that never wins, two entries for one canonical path, a path that"
                + " canonicalization changes, a regex with nested quantifiers, a goneUntil in the past, a maxAge longer"
                + " than the time to goneUntil, a restorable tombstone cached longer than restorableMaxAge, an alternative"
                + " that is itself gone. Lifetimes are the filter's, with the settings given as options.",
                "Exit code 0: no errors or warnings; 1: errors or warnings; 2: a file cannot be read."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Tombstone files (CSV if the name ends in .csv, JSON otherwise).")
    List<Path> files;

    @CommandLine.Mixin
    FileOptions options;

    @CommandLine.Mixin
    LifetimeOptions lifetimes;

    @Override
    public Integer call() {
        PrintWriter out = options.out();
        Instant now = options.now();
        ResponseSettings settings = lifetimes.settings();
        int errors = 0;
        int warnings = 0;
        boolean unreadable = false;
        List<Map<String, Object>> report = new ArrayList<>();
        for (Path path : files) {
            TombstoneFile file = TombstoneFile.load(path);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", file.name);
            if (file.unreadable != null) {
                unreadable = true;
                entry.put("unreadable", file.unreadable);
                report.add(entry);
                if (!options.json) {
                    out.println(Text.oneLine(file.name + ": error: " + file.unreadable));
                }
                continue;
            }
            List<Checks.Warning> found = Checks.check(file.entries, !options.caseInsensitive, now, settings);
            errors += file.errors.size();
            warnings += found.size();
            entry.put("loads", file.loads());
            entry.put("tombstones", file.entries.size());
            List<Map<String, Object>> errorList = new ArrayList<>();
            for (TombstoneFile.Problem p : file.errors) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("line", p.line());
                e.put("column", p.column());
                e.put("message", p.message());
                errorList.add(e);
                if (!options.json) {
                    out.println(Text.oneLine(position(file.name, p.line(), p.column()) + ": error: " + p.message()));
                }
            }
            if (file.incomplete && !options.json) {
                out.println(file.name + ": note: reading stopped here; errors after this point are not reported");
            }
            List<Map<String, Object>> warningList = new ArrayList<>();
            for (Checks.Warning w : found) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", w.line());
                m.put("code", w.code());
                m.put("message", w.message());
                warningList.add(m);
                if (!options.json) {
                    out.println(Text.oneLine(position(file.name, w.line(), 0) + ": warning [" + w.code() + "]: " + w.message()));
                }
            }
            entry.put("complete", !file.incomplete);
            entry.put("errors", errorList);
            entry.put("warnings", warningList);
            report.add(entry);
            if (!options.json) {
                out.println(file.name + ": " + (file.loads() ? file.entries.size() + " tombstones" : "does not load")
                        + ", " + plural(file.errors.size(), "error") + ", " + plural(found.size(), "warning"));
            }
        }
        if (options.json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("files", report);
            root.put("errors", errors);
            root.put("warnings", warnings);
            GoneFilterCli.printJson(out, root);
        }
        out.flush();
        return unreadable ? GoneFilterCli.UNUSABLE : errors + warnings > 0 ? GoneFilterCli.FINDINGS : GoneFilterCli.OK;
    }

    static String position(String file, int line, int column) {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
