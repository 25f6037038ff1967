package io.github.gonefilter.cli;

import com.fasterxml.jackson.databind.node.TextNode;
import dk.brics.automaton.Automaton;
import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.cli.pattern.PathSets;
import io.github.gonefilter.internal.registry.TombstoneFields;
import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code diff OLD NEW}: tombstones added, removed and changed, and which sample paths answer differently. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compares two tombstone files: tombstones added, removed and changed (by path or regex), pairs"
                + " whose declaration order changes which one answers where both match, and with --paths, each sample"
                + " path whose answer from the real filter changes (status, headers or body).",
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

    @CommandLine.Mixin
    LifetimeOptions lifetimes;

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
        List<Reordered> reordered = reordered(before, after);
        List<Map<String, Object>> answers = paths == null ? List.of() : answers(options.now());
        PrintWriter out = options.out();
        int differences = added.size() + removed.size() + changed.size() + reordered.size() + answers.size();
        if (options.json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("added", added);
            root.put("removed", removed);
            root.put("changed", changed);
            root.put("reordered", reordered.stream().map(Reordered::toJson).toList());
            if (paths != null) {
                root.put("answers", answers);
            }
            GoneFilterCli.printJson(out, root);
        } else {
            added.forEach(a -> out.println(Text.oneLine("+ " + a.get("tombstone"))));
            removed.forEach(r -> out.println(Text.oneLine("- " + r.get("tombstone"))));
            for (Map<String, Object> c : changed) {
                out.println(Text.oneLine("~ " + c.get("key") + " (" + String.join(", ", castList(c.get("fields"))) + ")"));
                out.println(Text.oneLine("    old " + c.get("old")));
                out.println(Text.oneLine("    new " + c.get("new")));
            }
            reordered.forEach(r -> out.println(Text.oneLine(r.text())));
            for (Map<String, Object> a : answers) {
                out.println(Text.oneLine("path " + a.get("path") + ": " + a.get("old") + " -> " + a.get("new")));
                List<Map<String, Object>> changes = castMaps(a.get("changes"));
                // A new status says it all; with the same status, what the summary line does not show.
                if (changes.stream().noneMatch(c -> c.get("field").equals("status"))) {
                    for (Map<String, Object> c : changes) {
                        if (!c.get("field").equals("Cache-Control")) {
                            out.println(Text.oneLine("    " + c.get("field") + ": " + shown(c.get("old")) + " -> "
                                    + shown(c.get("new"))));
                        }
                    }
                }
            }
            out.println(added.size() + " added, " + removed.size() + " removed, " + changed.size() + " changed, "
                    + reordered.size() + " reordered"
                    + (paths == null ? "" : ", " + answers.size() + " of " + sampleCount + " sample paths answer differently"));
        }
        out.flush();
        return differences > 0 ? GoneFilterCli.FINDINGS : GoneFilterCli.OK;
    }

    private int sampleCount;

    /** How many pairs of reordered tombstones are compared with automata; past that they are assumed to overlap. */
    static final int MAX_OVERLAP_CHECKS = 1_000_000;

    private int overlapChecks;

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castMaps(Object o) {
        return (List<Map<String, Object>>) o;
    }

    /** A header value or body as shown in a changed answer: absent as "(none)", a body quoted as a JSON string. */
    private static String shown(Object value) {
        return value == null ? "(none)" : value.toString();
    }

    private List<Tombstone> load(Path path) {
        return TombstoneFile.loadable(path).tombstones();
    }

    /**
     * Two tombstones in both files whose declaration order flipped, where the order decides which answers: both
     * regexes, or both globs with literal prefixes of one length, that can match one path.
     */
    record Reordered(Tombstone first, Tombstone second, int firstWas, int secondWas, int firstIs, int secondIs) {

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("first", first.pattern().key());
            m.put("then", second.pattern().key());
            m.put("oldPositions", List.of(firstWas, secondWas));
            m.put("newPositions", List.of(firstIs, secondIs));
            return m;
        }

        String text() {
            return "^ " + Checks.label(first) + " (#" + firstIs + ", was #" + firstWas + ") now comes before "
                    + Checks.label(second) + " (#" + secondIs + ", was #" + secondWas
                    + "): where both match, the first declared answers";
        }
    }

    private List<Reordered> reordered(List<Tombstone> before, List<Tombstone> after) {
        Map<String, Integer> oldPosition = new LinkedHashMap<>();
        for (int i = 0; i < before.size(); i++) {
            oldPosition.put(before.get(i).pattern().key(), i + 1);
        }
        List<Tombstone> common = new ArrayList<>();
        List<Integer> newPosition = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            if (oldPosition.containsKey(after.get(i).pattern().key())) {
                common.add(after.get(i));
                newPosition.add(i + 1);
            }
        }
        Map<String, Automaton> automata = new HashMap<>();
        List<Reordered> result = new ArrayList<>();
        for (int i = 0; i < common.size(); i++) {
            for (int j = i + 1; j < common.size(); j++) {
                Tombstone a = common.get(i);
                Tombstone b = common.get(j);
                int aWas = oldPosition.get(a.pattern().key());
                int bWas = oldPosition.get(b.pattern().key());
                if (aWas > bWas && orderDecides(a.pattern(), b.pattern()) && mayMeet(a.pattern(), b.pattern(), automata)) {
                    result.add(new Reordered(a, b, aWas, bWas, newPosition.get(i), newPosition.get(j)));
                }
            }
        }
        return result;
    }

    /**
     * What every match of a tombstone regex (matched against the whole path) starts with: its leading literal
     * characters, short of one that a quantifier repeats; "" with an alternation anywhere.
     */
    static String literalPrefix(String regex) {
        if (regex.indexOf('|') >= 0) {
            return ""; // an alternative may start anywhere
        }
        int end = 0;
        while (end < regex.length() && "\\.[](){}*+?|^$".indexOf(regex.charAt(end)) < 0) {
            end++;
        }
        boolean quantified = end < regex.length() && "*+?{".indexOf(regex.charAt(end)) >= 0;
        return regex.substring(0, quantified ? Math.max(0, end - 1) : end);
    }

    /** Whether declaration order ranks {@code a} and {@code b}, as the filter's precedence says. */
    private static boolean orderDecides(PathPattern a, PathPattern b) {
        if (a instanceof PathPattern.Regex && b instanceof PathPattern.Regex) {
            return true;
        }
        return a instanceof PathPattern.Glob x && b instanceof PathPattern.Glob y
                && x.literalPrefix().length() == y.literalPrefix().length();
    }

    /**
     * Whether some canonical path may match both; true where automata cannot tell (or case is folded), and once
     * {@link #MAX_OVERLAP_CHECKS} pairs have been decided with automata (some seconds per 100 000; a long file
     * sorted anew may have millions).
     */
    private boolean mayMeet(PathPattern a, PathPattern b, Map<String, Automaton> automata) {
        if (a instanceof PathPattern.Glob x && b instanceof PathPattern.Glob y && !x.literalPrefix().equals(y.literalPrefix())) {
            return false; // prefixes of one length that differ: no path starts with both
        }
        if (a instanceof PathPattern.Regex x && b instanceof PathPattern.Regex y) {
            String p = literalPrefix(x.expression());
            String q = literalPrefix(y.expression());
            if (!p.startsWith(q) && !q.startsWith(p)) {
                return false; // every match of one starts with a text the other's matches cannot start with
            }
        }
        if (options.caseInsensitive || overlapChecks++ >= MAX_OVERLAP_CHECKS) {
            return true;
        }
        Automaton x = automata.computeIfAbsent(a.key(), k -> Checks.automaton(a));
        Automaton y = automata.computeIfAbsent(b.key(), k -> Checks.automaton(b));
        return x == null || y == null || !x.intersection(y).intersection(PathSets.canonicalPaths()).isEmpty();
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
        GoneFilter oldFilter = Exchange.filter(oldFile, !options.caseInsensitive, now, lifetimes);
        GoneFilter newFilter = Exchange.filter(newFile, !options.caseInsensitive, now, lifetimes);
        List<Map<String, Object>> result = new ArrayList<>();
        try {
            for (String path : samples) {
                Exchange.Result a = Exchange.run(oldFilter, "GET", path, null);
                Exchange.Result b = Exchange.run(newFilter, "GET", path, null);
                List<Map<String, Object>> changes = changes(a, b);
                if (!changes.isEmpty()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", path);
                    m.put("old", summary(a));
                    m.put("new", summary(b));
                    m.put("changes", changes);
                    result.add(m);
                }
            }
        } finally {
            oldFilter.destroy();
            newFilter.destroy();
        }
        return result;
    }

    /**
     * What differs between two answers, each as {field, old, new}: "status" ("passes" when the request goes
     * through), then every header by name (its values joined, null if absent), then "body" (as a JSON string).
     */
    private static List<Map<String, Object>> changes(Exchange.Result a, Exchange.Result b) {
        List<Map<String, Object>> result = new ArrayList<>();
        String statusA = a.passedThrough() ? "passes" : String.valueOf(a.status());
        String statusB = b.passedThrough() ? "passes" : String.valueOf(b.status());
        if (!statusA.equals(statusB)) {
            result.add(change("status", statusA, statusB));
        }
        Map<String, String> headersA = headers(a);
        Map<String, String> headersB = headers(b);
        Set<String> names = new LinkedHashSet<>(headersA.keySet());
        names.addAll(headersB.keySet());
        for (String name : names) {
            if (!Objects.equals(headersA.get(name), headersB.get(name))) {
                result.add(change(name, headersA.get(name), headersB.get(name)));
            }
        }
        if (!Arrays.equals(a.body(), b.body())) {
            result.add(change("body", quoted(a.bodyText()), quoted(b.bodyText())));
        }
        return result;
    }

    private static Map<String, Object> change(String field, String before, String after) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", field);
        m.put("old", before);
        m.put("new", after);
        return m;
    }

    /** Header values by name as sent (names as the filter wrote them), several values of one name joined. */
    private static Map<String, String> headers(Exchange.Result r) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String[] h : r.headers()) {
            result.merge(h[0], h[1], (x, y) -> x + ", " + y);
        }
        return result;
    }

    private static String quoted(String body) {
        return body.isEmpty() ? null : TextNode.valueOf(body).toString();
    }

    private static String summary(Exchange.Result r) {
        if (r.passedThrough()) {
            return r.headers().isEmpty() ? "passes" : "passes with " + String.join(", ", r.headers().stream().map(h -> h[0]).toList());
        }
        String cache = r.headers().stream().filter(h -> h[0].equals("Cache-Control")).map(h -> ", " + h[1]).findFirst().orElse("");
        return r.status() + cache;
    }
}
