package io.github.gonefilter.cli;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.internal.registry.TombstoneFields;
import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code diff OLD NEW}: tombstones added, removed and changed, and which sample paths answer differently. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compares two tombstone files: tombstones added, removed and changed (by path or regex), and"
                + " with --paths, for each sample path whose answer from the real filter changes (status, headers or body).",
                "Exit code 0: no differences; 1: differences; 2: a file cannot be read or does not load."})
final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OLD", description = "The tombstone file before.")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The tombstone file after.")
    Path newFile;

    @Option(names = "--paths", paramLabel = "FILE", description = "Sample request paths, one per line ('#' starts a comment).")
    Path paths;

    @CommandLine.Mixin
    FileOptions options;

    @Override
    public Integer call() throws Exception {
        List<Tombstone> before = load(oldFile);
        List<Tombstone> after = load(newFile);
        Map<String, Tombstone> oldByKey = byKey(before);
        Map<String, Tombstone> newByKey = byKey(after);
        List<Map<String, Object>> added = new ArrayList<>();
        List<Map<String, Object>> removed = new ArrayList<>();
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Tombstone t : after) {
            Tombstone old = oldByKey.get(t.pattern().key());
            if (old == null) {
                added.add(Map.of("tombstone", TombstoneJson.toJson(t)));
            } else if (!old.equals(t)) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("key", t.pattern().key());
                c.put("fields", changedFields(old, t));
                c.put("old", TombstoneJson.toJson(old));
                c.put("new", TombstoneJson.toJson(t));
                changed.add(c);
            }
        }
        for (Tombstone t : before) {
            if (!newByKey.containsKey(t.pattern().key())) {
                removed.add(Map.of("tombstone", TombstoneJson.toJson(t)));
            }
        }
        List<Map<String, Object>> answers = paths == null ? List.of() : answers(options.now());
        PrintWriter out = options.out();
        int differences = added.size() + removed.size() + changed.size() + answers.size();
        if (options.json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("added", added);
            root.put("removed", removed);
            root.put("changed", changed);
            if (paths != null) {
                root.put("answers", answers);
            }
            GoneFilterCli.printJson(out, root);
        } else {
            added.forEach(a -> out.println("+ " + a.get("tombstone")));
            removed.forEach(r -> out.println("- " + r.get("tombstone")));
            for (Map<String, Object> c : changed) {
                out.println("~ " + c.get("key") + " (" + String.join(", ", castList(c.get("fields"))) + ")");
                out.println("    old " + c.get("old"));
                out.println("    new " + c.get("new"));
            }
            for (Map<String, Object> a : answers) {
                out.println("path " + a.get("path") + ": " + a.get("old") + " -> " + a.get("new"));
            }
            out.println(added.size() + " added, " + removed.size() + " removed, " + changed.size() + " changed"
                    + (paths == null ? "" : ", " + answers.size() + " of " + sampleCount + " sample paths answer differently"));
        }
        out.flush();
        return differences > 0 ? GoneFilterCli.FINDINGS : GoneFilterCli.OK;
    }

    private int sampleCount;

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    private List<Tombstone> load(Path path) {
        TombstoneFile file = TombstoneFile.load(path);
        if (file.unreadable != null) {
            throw new GoneFilterCli.UnusableInputException(path + ": " + file.unreadable);
        }
        if (!file.loads()) {
            TombstoneFile.Problem p = file.errors.get(0);
            throw new GoneFilterCli.UnusableInputException(CheckCommand.position(file.name, p.line(), p.column()) + ": "
                    + p.message() + " (the filter would not load it; run check for every error)");
        }
        return file.tombstones();
    }

    private static Map<String, Tombstone> byKey(List<Tombstone> list) {
        Map<String, Tombstone> map = new LinkedHashMap<>();
        list.forEach(t -> map.put(t.pattern().key(), t));
        return map;
    }

    private static List<String> changedFields(Tombstone a, Tombstone b) {
        Map<String, Object> x = flat(TombstoneJson.toJson(a));
        Map<String, Object> y = flat(TombstoneJson.toJson(b));
        List<String> fields = new ArrayList<>();
        for (String f : TombstoneFields.NAMES) {
            if (!java.util.Objects.equals(x.get(f), y.get(f))) {
                fields.add(f);
            }
        }
        return fields;
    }

    private static Map<String, Object> flat(com.fasterxml.jackson.databind.node.ObjectNode node) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            m.put(f, node.get(f).toString());
        }
        return m;
    }

    private List<Map<String, Object>> answers(Instant now) throws Exception {
        List<String> samples;
        try {
            samples = Files.readAllLines(paths).stream().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new GoneFilterCli.UnusableInputException(paths + ": cannot read: " + e.getMessage());
        }
        sampleCount = samples.size();
        GoneFilter oldFilter = Exchange.filter(oldFile, !options.caseInsensitive, now);
        GoneFilter newFilter = Exchange.filter(newFile, !options.caseInsensitive, now);
        List<Map<String, Object>> result = new ArrayList<>();
        try {
            for (String path : samples) {
                Exchange.Result a = Exchange.run(oldFilter, "GET", path, null);
                Exchange.Result b = Exchange.run(newFilter, "GET", path, null);
                if (!same(a, b)) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", path);
                    m.put("old", summary(a));
                    m.put("new", summary(b));
                    result.add(m);
                }
            }
        } finally {
            oldFilter.destroy();
            newFilter.destroy();
        }
        return result;
    }

    private static boolean same(Exchange.Result a, Exchange.Result b) {
        if (a.passedThrough() != b.passedThrough() || a.status() != b.status() || !Arrays.equals(a.body(), b.body())
                || a.headers().size() != b.headers().size()) {
            return false;
        }
        for (int i = 0; i < a.headers().size(); i++) {
            if (!Arrays.equals(a.headers().get(i), b.headers().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String summary(Exchange.Result r) {
        if (r.passedThrough()) {
            return r.headers().isEmpty() ? "passes" : "passes with " + String.join(", ", r.headers().stream().map(h -> h[0]).toList());
        }
        String cache = r.headers().stream().filter(h -> h[0].equals("Cache-Control")).map(h -> ", " + h[1]).findFirst().orElse("");
        return r.status() + cache;
    }
}
