package io.github.gonefilter.cli;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.internal.matching.TombstoneIndex;
import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code explain FILE PATH}: which tombstone answers, why, and what the real filter sends. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Runs the real filter, loaded from FILE with default settings but the lifetimes given, on one"
                + " request in memory and shows which tombstone answers and why (exact path, which glob, which regex;"
                + " in force or scheduled),"
                + " the tombstones that also match and why they lose, and the exact status, headers and body sent.",
                "Exit code 0; 2 if FILE is missing or does not load."})
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The tombstone file.")
    Path file;

    @Parameters(index = "1", paramLabel = "PATH", description = "The request target as sent, e.g. /blog/caf%%C3%%A9?x=1.")
    String target;

    @Option(names = "--method", paramLabel = "M", defaultValue = "GET", description = "The request method; default ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--accept", paramLabel = "TYPE", description = "The Accept header, e.g. text/html; default none.")
    String accept;

    @CommandLine.Mixin
    FileOptions options;

    @CommandLine.Mixin
    LifetimeOptions lifetimes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = options.out();
        Instant now = options.now();
        GoneFilter filter = Exchange.filter(file, !options.caseInsensitive, now, lifetimes);
        try {
            Exchange.Result result = Exchange.run(filter, method, target, accept);
            String rawPath = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            String canonical;
            try {
                canonical = PathCanonicalizer.canonicalizeEncoded(rawPath.isEmpty() ? "/" : rawPath);
            } catch (IllegalArgumentException e) {
                canonical = null;
            }
            List<Tombstone> all = filter.registry().list();
            Optional<Tombstone> winner = canonical == null ? Optional.empty() : filter.registry().find(canonical, now);
            List<Tombstone> others = new ArrayList<>();
            if (canonical != null) {
                for (Tombstone t : all) {
                    if (winner.map(w -> w.pattern().key().equals(t.pattern().key())).orElse(false)) {
                        continue;
                    }
                    if (TombstoneIndex.of(List.of(t), !options.caseInsensitive).find(canonical, now).isPresent()) {
                        others.add(t);
                    }
                }
            }
            if (options.json) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("method", method);
                root.put("target", target);
                root.put("canonicalPath", canonical);
                root.put("at", now.toString());
                root.put("tombstone", winner.map(t -> describe(t, now, all)).orElse(null));
                root.put("alsoMatching", others.stream().map(t -> describe(t, now, all)).toList());
                root.put("passesThrough", result.passedThrough());
                root.put("applicationFirst", result.applicationFirst());
                Map<String, Object> response = new LinkedHashMap<>();
                response.put("status", result.passedThrough() ? null : result.status());
                response.put("headers", result.headers().stream().map(h -> List.of(h[0], h[1])).toList());
                response.put("body", result.bodyText());
                root.put("response", response);
                GoneFilterCli.printJson(out, root);
                return GoneFilterCli.OK;
            }
            out.println(Text.oneLine(method + " " + target + (canonical == null ? " (not a valid path)"
                    : " (canonical path " + canonical + ")") + " at " + now));
            if (winner.isPresent()) {
                Tombstone t = winner.get();
                out.println(Text.oneLine("tombstone: " + Checks.label(t) + " [" + kind(t) + ", " + state(t, now)
                        + "], declared #" + (indexOf(all, t) + 1)));
                out.println("  " + TombstoneJson.toJsonString(t));
            } else {
                out.println("tombstone: none matches");
            }
            for (Tombstone t : others) {
                out.println(Text.oneLine("also matches: " + Checks.label(t) + " [" + kind(t) + ", " + state(t, now)
                        + "]: loses, " + whyLoses(winner.get(), t, now)));
            }
            if (result.passedThrough()) {
                out.println("answer: the filter passes the request to the application"
                        + (result.headers().isEmpty() ? "" : ", adding:"));
                result.headers().forEach(h -> out.println(h[0] + ": " + h[1]));
            } else {
                out.println(result.applicationFirst() ? "answer: the application answers first (mode fallback); anything"
                        + " but 404 passes untouched; if it answers 404:" : "answer:");
                out.println(result.status() + (result.containerError() ? " (the container's own error page, via sendError)" : ""));
                result.headers().forEach(h -> out.println(h[0] + ": " + h[1]));
                if (result.body().length > 0) {
                    out.println();
                    out.println(result.bodyText());
                }
            }
            out.flush();
            return GoneFilterCli.OK;
        } finally {
            filter.destroy();
        }
    }

    private static Map<String, Object> describe(Tombstone t, Instant now, List<Tombstone> all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("declared", indexOf(all, t) + 1);
        m.put("kind", t.pattern() instanceof PathPattern.Glob ? "glob" : t.pattern() instanceof PathPattern.Regex ? "regex" : "exact");
        if (t.pattern() instanceof PathPattern.Glob g) {
            m.put("literalPrefix", g.literalPrefix());
        }
        m.put("state", state(t, now));
        m.put("tombstone", TombstoneJson.toJson(t));
        return m;
    }

    private static int indexOf(List<Tombstone> all, Tombstone t) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).pattern().key().equals(t.pattern().key())) {
                return i;
            }
        }
        return -1;
    }

    static String kind(Tombstone t) {
        PathPattern p = t.pattern();
        if (p instanceof PathPattern.Glob g) {
            return "glob, literal prefix " + g.literalPrefix();
        }
        return p instanceof PathPattern.Regex ? "regex" : "exact path";
    }

    static String state(Tombstone t, Instant now) {
        if (t.isScheduledAt(now)) {
            return "scheduled from " + t.goneFrom();
        }
        if (t.isExpiredAt(now)) {
            return "expired at " + t.goneUntil();
        }
        return "in force" + (t.goneUntil() != null ? " until " + t.goneUntil() : "");
    }

    private static String whyLoses(Tombstone winner, Tombstone loser, Instant now) {
        if (winner.isActiveAt(now) && loser.isScheduledAt(now)) {
            return "a tombstone in force beats one that is only scheduled";
        }
        PathPattern w = winner.pattern();
        PathPattern l = loser.pattern();
        if (w instanceof PathPattern.Exact) {
            return "an exact path beats every glob and regex";
        }
        if (w instanceof PathPattern.Glob gw && l instanceof PathPattern.Glob gl) {
            return gw.literalPrefix().length() > gl.literalPrefix().length()
                    ? "the glob with the longer literal prefix wins" : "the glob declared first wins";
        }
        if (w instanceof PathPattern.Glob) {
            return "any matching glob beats a regex";
        }
        return "regexes are tried in declaration order, the first match winning";
    }
}
