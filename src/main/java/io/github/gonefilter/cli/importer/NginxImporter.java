package io.github.gonefilter.cli.importer;

import io.github.gonefilter.cli.importer.NginxConfig.Directive;
import io.github.gonefilter.cli.pattern.PathSet;
import io.github.gonefilter.cli.pattern.PathSets;
import io.github.gonefilter.cli.pattern.Regex;
import io.github.gonefilter.cli.pattern.Regex.UnsupportedRegexException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * nginx: {@code location} blocks ({@code =}, prefix, {@code ^~}, {@code ~}, {@code ~*}) whose action is
 * {@code return 410} or {@code return 451}, and server-level {@code if ($var) { return 410; }} over a
 * {@code map $uri $var { ... }}, with nginx's own precedence: server-level {@code if} and {@code return}
 * first, then exact locations, the longest prefix ({@code ^~} ending the search), regexes in order, and the
 * longest prefix again.
 */
final class NginxImporter {

    private final Emitter emitter = new Emitter();
    private final Map<String, Directive> maps = new HashMap<>();

    ImportResult importFiles(List<Path> files) throws IOException, ImportException {
        List<Directive> top = new ArrayList<>();
        for (Path file : files) {
            try {
                top.addAll(NginxConfig.parse(file));
            } catch (NginxConfig.SyntaxError e) {
                throw new ImportException(e.getMessage());
            }
        }
        List<Directive> servers = new ArrayList<>();
        collect(top, servers);
        List<Directive> withGone = servers.stream().filter(s -> hasGone(s.block())).toList();
        if (servers.isEmpty()) {
            importServer(top); // a file of locations, as included into a server block
        } else if (withGone.size() == 1) {
            importServer(withGone.get(0).block());
        } else {
            for (Directive server : withGone) {
                reportAll(server.block(), "it depends on the host: " + withGone.size()
                        + " server blocks answer 410 or 451 (this one at " + server.origin() + ")");
            }
        }
        return emitter.result();
    }

    private void collect(List<Directive> directives, List<Directive> servers) {
        for (Directive d : directives) {
            if (d.name().equals("server") && d.block() != null) {
                servers.add(d);
            } else if (d.name().equals("map") && d.block() != null && d.args().size() == 2) {
                maps.put(d.args().get(1), d);
            } else if (d.block() != null && (d.name().equals("http"))) {
                collect(d.block(), servers);
            }
        }
    }

    private static boolean hasGone(List<Directive> block) {
        for (Directive d : block) {
            if (d.name().equals("return") && !d.args().isEmpty() && goneStatus(d.args().get(0))) {
                return true;
            }
            if (d.block() != null && hasGone(d.block())) {
                return true;
            }
        }
        return false;
    }

    private static boolean goneStatus(String code) {
        return code.equals("410") || code.equals("451");
    }

    private void reportAll(List<Directive> block, String reason) {
        for (Directive d : block) {
            if (d.name().equals("return") && !d.args().isEmpty() && goneStatus(d.args().get(0))) {
                emitter.skip(d.origin(), reason);
            } else if (d.block() != null) {
                reportAll(d.block(), reason);
            }
        }
    }

    private record Location(Directive directive, String modifier, String value, Outcome outcome, PathSet set,
            String unknown) {
        boolean isPrefix() {
            return modifier.isEmpty() || modifier.equals("^~");
        }

        boolean isRegex() {
            return modifier.startsWith("~");
        }
    }

    private void importServer(List<Directive> server) {
        FirstMatchRules serverLevel = new FirstMatchRules();
        List<Location> locations = new ArrayList<>();
        for (Directive d : server) {
            switch (d.name()) {
                case "location" -> {
                    Location location = location(d);
                    if (location != null) {
                        locations.add(location);
                    }
                }
                case "return" -> serverLevel.add(new FirstMatchRules.Rule(d.origin(), 0, FirstMatchRules.Effect.DECIDES,
                        Outcome.ofStatus(status(d)), new PathSet.StartsWith("/"), null));
                case "if" -> serverIf(d, serverLevel);
                case "rewrite" -> {
                    PathSet set = regexSet(d.args().isEmpty() ? "" : d.args().get(0), false);
                    serverLevel.add(new FirstMatchRules.Rule(d.origin(), 0, FirstMatchRules.Effect.UNKNOWN, null,
                            set, "a server-level rewrite changes the URI before locations are chosen"));
                }
                default -> {
                }
            }
        }
        List<Decided> serverDecided = serverLevel.decide();
        emitter.emitAll(serverDecided);
        // Server-level answers come first: a location's tombstone excludes those with a different status.
        for (Location l : locations) {
            if (l.unknown() != null) {
                emitter.skip(l.directive().origin(), l.unknown());
                continue;
            }
            if (l.outcome() == Outcome.OTHER || l.set() == null) {
                continue;
            }
            List<Decided.Winner> winners = new ArrayList<>();
            for (Decided s : serverDecided) {
                if (s.unknownReason() == null && s.outcome() != l.outcome()) {
                    winners.add(new Decided.Winner(s.origin(), s.matches()));
                }
            }
            winners.addAll(serverOthers(serverLevel));
            List<Decided.Winner> unknowns = serverUnknowns(serverLevel);
            winners.addAll(locationWinners(l, locations));
            for (Location other : locations) {
                boolean competes = other.isRegex() && (l.modifier().isEmpty() || (l.isRegex() && locations.indexOf(other) < locations.indexOf(l)));
                if (other.set() == null && competes) {
                    unknowns.add(new Decided.Winner(other.directive().origin(), null));
                }
            }
            emitter.emit(new Decided(l.directive().origin(), l.outcome(), l.set(), winners, unknowns,
                    unknowns.stream().map(u -> u.set() == null ? "a regex location nginx tries first cannot be translated"
                            : "a server-level rewrite or condition applies first").toList(), null));
        }
    }

    /** Server-level rules answering with anything but {@code outcome}: they come before every location. */
    private List<Decided.Winner> serverOthers(FirstMatchRules rules) {
        List<Decided.Winner> result = new ArrayList<>();
        for (FirstMatchRules.Rule r : rules.rules()) {
            if (r.effect() == FirstMatchRules.Effect.DECIDES && r.outcome() == Outcome.OTHER) {
                result.add(new Decided.Winner(r.origin(), r.matches()));
            }
        }
        return result;
    }

    private List<Decided.Winner> serverUnknowns(FirstMatchRules rules) {
        List<Decided.Winner> result = new ArrayList<>();
        for (FirstMatchRules.Rule r : rules.rules()) {
            if (r.effect() == FirstMatchRules.Effect.UNKNOWN) {
                result.add(new Decided.Winner(r.origin(), r.matches()));
            }
        }
        return result;
    }

    /** The locations nginx prefers to {@code l} on some of its paths, per its location-selection algorithm. */
    private List<Decided.Winner> locationWinners(Location l, List<Location> all) {
        List<Decided.Winner> winners = new ArrayList<>();
        if (l.modifier().equals("=")) {
            return winners;
        }
        for (Location other : all) {
            if (other == l || other.set() == null) {
                continue;
            }
            boolean differs = other.outcome() != l.outcome() || other.unknown() != null;
            if (other.modifier().equals("=") && differs) {
                winners.add(new Decided.Winner(other.directive().origin(), other.set()));
            }
        }
        if (l.isPrefix()) {
            for (Location other : all) {
                if (other != l && other.isPrefix() && other.value().length() > l.value().length()
                        && other.value().startsWith(l.value())) {
                    winners.add(new Decided.Winner(other.directive().origin(), other.set()));
                }
            }
            if (!l.modifier().equals("^~")) {
                for (Location other : all) {
                    if (other.isRegex() && (other.outcome() != l.outcome() || other.unknown() != null) && other.set() != null) {
                        winners.add(new Decided.Winner(other.directive().origin(), other.set()));
                    }
                }
            }
            return winners;
        }
        // A regex location: earlier regexes, and paths whose longest prefix location is ^~.
        for (Location other : all) {
            if (other == l) {
                break;
            }
            if (other.isRegex() && other.set() != null && (other.outcome() != l.outcome() || other.unknown() != null)) {
                winners.add(new Decided.Winner(other.directive().origin(), other.set()));
            }
        }
        for (Location caret : all) {
            if (!caret.modifier().equals("^~")) {
                continue;
            }
            List<PathSet> longer = new ArrayList<>();
            for (Location other : all) {
                if (other.isPrefix() && other.value().length() > caret.value().length()
                        && other.value().startsWith(caret.value())) {
                    longer.add(other.set());
                }
            }
            PathSet caretWins = longer.isEmpty() ? caret.set() : new PathSet.Except(caret.set(), longer);
            winners.add(new Decided.Winner(caret.directive().origin(), caretWins));
        }
        return winners;
    }

    private Location location(Directive d) {
        List<String> args = d.args();
        String modifier;
        String value;
        if (args.size() == 2) {
            modifier = args.get(0);
            value = args.get(1);
        } else if (args.size() == 1 && args.get(0).startsWith("@")) {
            return null;
        } else if (args.size() == 1) {
            String a = args.get(0);
            if (a.startsWith("=") || a.startsWith("~")) {
                modifier = a.startsWith("~*") ? "~*" : a.startsWith("^~") ? "^~" : a.substring(0, 1);
                value = a.substring(modifier.length());
            } else if (a.startsWith("^~")) {
                modifier = "^~";
                value = a.substring(2);
            } else {
                modifier = "";
                value = a;
            }
        } else {
            return new Location(d, "", "", Outcome.OTHER, null, "a location needs one path or pattern");
        }
        PathSet set = switch (modifier) {
            case "=" -> new PathSet.Exact(value);
            case "", "^~" -> new PathSet.StartsWith(value);
            case "~", "~*" -> regexSet(value, modifier.equals("~*"));
            default -> null;
        };
        String regexProblem = set == null ? lastRegexProblem : null;
        Outcome outcome = Outcome.OTHER;
        String unknown = null;
        for (Directive inner : d.block()) {
            if (inner.name().equals("return") && !inner.args().isEmpty()) {
                if (outcome == Outcome.OTHER && unknown == null) {
                    outcome = Outcome.ofStatus(status(inner));
                }
            } else if (inner.name().equals("location") && hasGone(List.of(inner))) {
                unknown = "nested locations are not supported";
            } else if (inner.name().equals("if") && hasGone(inner.block())) {
                unknown = "its 410 or 451 depends on an 'if' inside the location";
            } else if (inner.name().equals("location")) {
                if (hasGone(d.block())) {
                    unknown = "it has nested locations, which win over it on their paths";
                }
            }
        }
        if (set == null && (outcome != Outcome.OTHER || unknown != null)) {
            unknown = unknown != null ? unknown : regexProblem != null ? regexProblem : "its pattern cannot be translated exactly";
        }
        if (set == null && outcome != Outcome.OTHER) {
            return new Location(d, modifier, value, outcome, null, unknown);
        }
        return new Location(d, modifier, value, outcome, set, unknown);
    }

    private PathSet regexSet(String expression, boolean ignoreCase) {
        try {
            return new PathSet.Found(Regex.parse(expression, Regex.Dialect.NGINX, ignoreCase));
        } catch (UnsupportedRegexException e) {
            lastRegexProblem = e.getMessage();
            return null;
        }
    }

    private String lastRegexProblem;

    private static int status(Directive d) {
        try {
            return Integer.parseInt(d.args().get(0));
        } catch (NumberFormatException e) {
            return 302; // return URL: a redirect
        }
    }

    /** {@code if ($var) { return 410; }} over a map, or {@code if ($uri ~ R)}; anything else is unknown. */
    private void serverIf(Directive d, FirstMatchRules rules) {
        Outcome outcome = null;
        for (Directive inner : d.block()) {
            if (inner.name().equals("return") && !inner.args().isEmpty()) {
                outcome = Outcome.ofStatus(status(inner));
                break;
            }
        }
        if (outcome == null) {
            return;
        }
        List<String> cond = d.args();
        String joined = String.join(" ", cond).replaceAll("^\\(\\s*", "").replaceAll("\\s*\\)$", "");
        String[] parts = joined.split("\\s+", 3);
        if (parts.length == 1 && parts[0].startsWith("$") && maps.containsKey(parts[0])) {
            addMapRules(maps.get(parts[0]), d, outcome, rules);
            return;
        }
        if (parts.length == 3 && (parts[0].equals("$uri") || parts[0].equals("$document_uri"))) {
            String value = parts[2];
            PathSet set = switch (parts[1]) {
                case "=" -> new PathSet.Exact(value);
                case "~", "~*" -> regexSet(value, parts[1].equals("~*"));
                default -> null;
            };
            if (set != null) {
                rules.add(new FirstMatchRules.Rule(d.origin(), 0, FirstMatchRules.Effect.DECIDES, outcome, set, null));
                return;
            }
        }
        rules.add(new FirstMatchRules.Rule(d.origin(), 0, FirstMatchRules.Effect.UNKNOWN,
                outcome == Outcome.OTHER ? null : outcome, null, "the condition '" + joined + "' is not about the path alone"));
    }

    /**
     * A map over {@code $uri}: exact keys (compared ignoring ASCII case) first, then regex keys in order,
     * then the default. Each key whose value is true (not empty, not "0") becomes a rule of its own.
     */
    private void addMapRules(Directive map, Directive ifDirective, Outcome outcome, FirstMatchRules rules) {
        String source = map.args().get(0);
        if (!source.equals("$uri") && !source.equals("$document_uri")) {
            rules.add(new FirstMatchRules.Rule(ifDirective.origin(), 0, FirstMatchRules.Effect.UNKNOWN,
                    outcome == Outcome.OTHER ? null : outcome, null,
                    "the map at " + map.origin() + " reads " + source + ", not the normalized path $uri"));
            return;
        }
        List<PathSet> falseExact = new ArrayList<>();
        List<PathSet> exactKeys = new ArrayList<>();
        List<Directive> entries = new ArrayList<>();
        for (Directive e : map.block()) {
            if (e.args().size() == 1 && !e.name().equals("default") && !e.name().equals("hostnames")) {
                entries.add(e);
            } else if (e.name().equals("default") && truthy(e.args().get(0))) {
                emitter.skip(e.origin(), "a true map default makes every unlisted path gone; list the paths instead");
            }
        }
        for (Directive e : entries) {
            if (e.name().startsWith("~")) {
                continue;
            }
            PathSet set = PathSets.exactIgnoringAsciiCase(e.name().startsWith("\\") ? e.name().substring(1) : e.name());
            exactKeys.add(set);
            if (!truthy(e.args().get(0))) {
                falseExact.add(set);
            }
        }
        List<PathSet> falseRegexes = new ArrayList<>();
        for (Directive e : entries) {
            String key = e.name();
            String value = e.args().get(0);
            if (value.contains("$")) {
                emitter.skip(e.origin(), "its value depends on a variable");
                continue;
            }
            if (key.startsWith("~")) {
                boolean ci = key.startsWith("~*");
                PathSet regex = regexSet(key.substring(ci ? 2 : 1), ci);
                if (regex == null) {
                    if (truthy(value)) {
                        emitter.skip(e.origin(), lastRegexProblem);
                    }
                    continue;
                }
                if (truthy(value)) {
                    List<PathSet> excluded = new ArrayList<>(exactKeys);
                    excluded.addAll(falseRegexes);
                    rules.add(new FirstMatchRules.Rule(e.origin(), 0, FirstMatchRules.Effect.DECIDES, outcome,
                            new PathSet.Except(regex, excluded), null));
                } else {
                    falseRegexes.add(regex);
                }
            } else if (truthy(value)) {
                rules.add(new FirstMatchRules.Rule(e.origin(), 0, FirstMatchRules.Effect.DECIDES, outcome,
                        PathSets.exactIgnoringAsciiCase(key.startsWith("\\") ? key.substring(1) : key), null));
            }
        }
    }

    private static boolean truthy(String value) {
        return !value.isEmpty() && !value.equals("0");
    }
}
