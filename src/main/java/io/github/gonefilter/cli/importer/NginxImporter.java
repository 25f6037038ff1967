package io.github.gonefilter.cli.importer;

import dk.brics.automaton.Automaton;
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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * nginx: {@code location} blocks ({@code =}, prefix, {@code ^~}, {@code ~}, {@code ~*}) whose action is
 * {@code return 410} or {@code return 451}, and server-level {@code if ($var) { return 410; }} over a
 * {@code map $uri $var { ... }}, with nginx's own precedence: server-level {@code if} and {@code return}
 * first, then exact locations, the longest prefix ({@code ^~} ending the search), regexes in order, and the
 * longest prefix again.
 */
final class NginxImporter {

    /**
     * Directives that cannot change the answer of a location whose {@code return} runs: they act after the rewrite
     * phase (access, try_files, content, logging), only on what is sent with the status, or are {@code set}. Anything
     * else in a location that answers 410 or 451 is reported, not guessed at.
     */
    private static final Set<String> INERT_BESIDE_RETURN = Set.of(
            "return", "set", "rewrite_log", "uninitialized_variable_warn",
            "add_header", "add_trailer", "more_set_headers", "more_clear_headers", "expires", "etag", "charset",
            "charset_types", "source_charset", "override_charset", "default_type", "types", "server_tokens",
            "access_log", "error_log", "log_not_found", "log_subrequest", "open_log_file_cache",
            "root", "alias", "index", "autoindex", "autoindex_exact_size", "autoindex_format", "autoindex_localtime",
            "try_files", "disable_symlinks", "open_file_cache", "open_file_cache_errors", "open_file_cache_min_uses",
            "open_file_cache_valid", "sendfile", "sendfile_max_chunk", "aio", "directio", "output_buffers",
            "postpone_output", "read_ahead", "tcp_nodelay", "tcp_nopush", "keepalive_timeout", "keepalive_requests",
            "send_timeout", "client_body_timeout", "client_body_buffer_size", "client_max_body_size",
            "allow", "deny", "satisfy", "auth_basic", "auth_basic_user_file", "auth_request", "auth_request_set",
            "limit_req", "limit_req_status", "limit_req_log_level", "limit_conn", "limit_conn_status",
            "limit_conn_log_level", "limit_rate", "limit_rate_after",
            "gzip", "gzip_static", "gzip_types", "gzip_vary", "gzip_proxied", "gzip_comp_level", "gzip_min_length",
            "gunzip", "sub_filter", "sub_filter_once", "sub_filter_types", "ssi", "ssi_types",
            "if_modified_since", "max_ranges", "absolute_redirect", "port_in_redirect", "server_name_in_redirect",
            "real_ip_header", "set_real_ip_from", "mirror", "mirror_request_body");

    /** Directive families that act only after the rewrite phase (proxying and the like) or on the body sent. */
    private static final List<String> INERT_PREFIXES = List.of("proxy_", "fastcgi_", "uwsgi_", "scgi_", "grpc_",
            "memcached_", "gzip_", "open_file_cache", "autoindex_", "sub_filter", "limit_req", "limit_conn", "ssi_");

    /** A variable in a rewrite's substitution, an error page or a fallback: {@code $1}, {@code $uri}, {@code ${name}}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{[A-Za-z0-9_]+}|[A-Za-z0-9_]+)");

    private final Emitter emitter = new Emitter();
    private final Map<String, Directive> maps = new HashMap<>();
    private final List<Directive> httpErrorPages = new ArrayList<>();

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
            httpErrorPages.clear(); // a file of locations, as included into a server block: its error pages are the server's
            importServer(top);
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
            } else if (d.name().equals("error_page")) {
                httpErrorPages.add(d);
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
        boolean nested() {
            return directive.block().stream().anyMatch(d -> d.name().equals("location"));
        }

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
        List<Directive> serverErrorPages = server.stream().filter(d -> d.name().equals("error_page")).toList();
        List<Directive> errorPages = serverErrorPages.isEmpty() ? httpErrorPages : serverErrorPages;
        for (Directive d : server) {
            switch (d.name()) {
                case "location" -> {
                    Location location = location(d, errorPages);
                    if (location != null) {
                        locations.add(location);
                    }
                }
                case "break" -> serverLevel.add(new FirstMatchRules.Rule(d.origin(), 0, FirstMatchRules.Effect.STOPS_SECTION,
                        Outcome.OTHER, new PathSet.StartsWith("/"), null));
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
        for (Decided d : serverDecided) {
            String changer = d.unknownReason() == null ? errorPageChanging(errorPages, d.outcome()) : null;
            if (changer != null) {
                emitter.skip(d.origin(), changer);
            } else {
                emitter.emit(d);
            }
        }
        reportOtherSourcesOfGone(server, locations, serverLevel);
        List<Decided.Winner> lookedUpFirst = new ArrayList<>(); // nested locations, before the regexes
        for (Location prefix : locations) {
            PathSet paths = nestedAnswersFirst(prefix, locations);
            if (paths != null) {
                lookedUpFirst.add(new Decided.Winner(prefix.directive().origin(), paths));
            }
        }
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
                    // What it answers: its paths but those an earlier server-level rule (or a break) takes.
                    PathSet answered = s.winners().isEmpty() ? s.matches()
                            : new PathSet.Except(s.matches(), s.winners().stream().map(Decided.Winner::set).toList());
                    winners.add(new Decided.Winner(s.origin(), answered));
                }
            }
            winners.addAll(serverOthers(serverLevel));
            List<Decided.Winner> unknowns = serverUnknowns(serverLevel);
            winners.addAll(locationWinners(l, locations));
            List<String> why = new ArrayList<>(unknowns.stream().map(u -> "a server-level rewrite or condition applies first").toList());
            for (Location other : locations) {
                boolean competes = other.isRegex() && (l.modifier().isEmpty() || (l.isRegex() && locations.indexOf(other) < locations.indexOf(l)));
                if (other.set() == null && competes) {
                    unknowns.add(new Decided.Winner(other.directive().origin(), null));
                    why.add("a regex location nginx tries first cannot be translated");
                }
            }
            if (l.isRegex()) {
                for (Decided.Winner nestedFirst : lookedUpFirst) {
                    unknowns.add(nestedFirst);
                    why.add("a location nested in it is looked up before the regex locations on its paths");
                }
            }
            emitter.emit(new Decided(l.directive().origin(), l.outcome(), l.set(), winners, unknowns, why, null));
        }
    }

    /**
     * For a prefix location with nested locations: the paths where nginx, having chosen it as the longest prefix,
     * finds a nested exact or regex location and stops before trying the top-level regexes ({@code null} if none
     * may). A superset where a nested pattern cannot be translated: it only makes rules be reported.
     */
    private PathSet nestedAnswersFirst(Location prefix, List<Location> all) {
        if (!prefix.modifier().isEmpty() || !prefix.nested() || prefix.set() == null) {
            return null; // ^~ stops the regexes anyway; = ends the search
        }
        List<PathSet> nested = new ArrayList<>();
        if (!nestedPatterns(prefix.directive().block(), nested)) {
            nested = List.of(prefix.set());
        }
        if (nested.isEmpty()) {
            return null;
        }
        List<PathSet> longer = new ArrayList<>();
        for (Location other : all) {
            if (other != prefix && other.isPrefix() && other.value().length() > prefix.value().length()
                    && other.value().startsWith(prefix.value())) {
                longer.add(other.set());
            }
        }
        PathSet chosen = longer.isEmpty() ? prefix.set() : new PathSet.Except(prefix.set(), longer);
        return PathSets.both(chosen, new PathSet.AnyOf(nested));
    }

    /** Adds the exact and regex patterns of every location nested in {@code block}; false if one cannot be read. */
    private boolean nestedPatterns(List<Directive> block, List<PathSet> out) {
        for (Directive d : block) {
            if (!d.name().equals("location") || d.block() == null) {
                continue;
            }
            String[] parsed = modifierAndValue(d.args());
            if (parsed == null) {
                return false;
            }
            if (parsed[0].equals("=") || parsed[0].startsWith("~")) {
                PathSet set = matches(parsed);
                if (set == null) {
                    return false;
                }
                out.add(set);
            } // a nested prefix location ends nothing itself: only what is nested in it may
            if (!nestedPatterns(d.block(), out)) {
                return false;
            }
        }
        return true;
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

    /** A location's modifier ("", "=", "^~", "~", "~*") and path or pattern; {@code null} for a named or invalid one. */
    private static String[] modifierAndValue(List<String> args) {
        if (args.size() == 2) {
            return new String[] {args.get(0), args.get(1)};
        }
        if (args.size() != 1 || args.get(0).startsWith("@")) {
            return null;
        }
        String a = args.get(0);
        String modifier = a.startsWith("~*") ? "~*" : a.startsWith("^~") ? "^~" : a.startsWith("=") || a.startsWith("~")
                ? a.substring(0, 1) : "";
        return new String[] {modifier, a.substring(modifier.length())};
    }

    /** The paths a location of {@link #modifierAndValue} matches; {@code null} if its regex cannot be translated. */
    private PathSet matches(String[] modifierAndValue) {
        String value = modifierAndValue[1];
        return switch (modifierAndValue[0]) {
            case "=" -> new PathSet.Exact(value);
            case "", "^~" -> new PathSet.StartsWith(value);
            case "~", "~*" -> regexSet(value, modifierAndValue[0].equals("~*"));
            default -> null;
        };
    }

    private Location location(Directive d, List<Directive> inheritedErrorPages) {
        String[] parsed = modifierAndValue(d.args());
        if (parsed == null) {
            if (d.args().size() == 1) {
                return null; // a named location answers only what error_page or try_files send it: see those
            }
            return new Location(d, "", "", Outcome.OTHER, null, "a location needs one path or pattern");
        }
        String modifier = parsed[0];
        String value = parsed[1];
        PathSet set = matches(parsed);
        String regexProblem = set == null ? lastRegexProblem : null;
        Directive answer = null;
        Directive before = null; // a rewrite-phase directive that runs before the return and may answer otherwise
        for (Directive inner : d.block()) {
            if (inner.name().equals("return") && !inner.args().isEmpty() && answer == null) {
                answer = inner;
            } else if (answer == null && before == null && List.of("rewrite", "if", "break").contains(inner.name())) {
                before = inner;
            }
        }
        Outcome outcome = answer == null ? Outcome.OTHER : Outcome.ofStatus(status(answer));
        String unknown = null;
        for (Directive inner : d.block()) {
            if (inner.name().equals("location") && hasGone(List.of(inner))) {
                unknown = "nested locations are not supported";
            } else if (inner.name().equals("if") && hasGone(inner.block())) {
                unknown = "its 410 or 451 depends on an 'if' inside the location";
            } else if (inner.name().equals("location")) {
                if (hasGone(d.block())) {
                    unknown = "it has nested locations, which win over it on their paths";
                }
            }
        }
        if (unknown == null && outcome != Outcome.OTHER) {
            unknown = answerChanger(d, before, inheritedErrorPages, outcome);
        }
        if (set == null && (outcome != Outcome.OTHER || unknown != null)) {
            unknown = unknown != null ? unknown : regexProblem != null ? regexProblem : "its pattern cannot be translated exactly";
        }
        return new Location(d, modifier, value, outcome, set, unknown);
    }

    /**
     * Why the 410 or 451 of a location's {@code return} may not be what nginx sends, or {@code null}: something runs
     * before it, the location is not for outside requests or depends on the method, an error page replaces the
     * answer, or a directive the importer does not model.
     */
    private static String answerChanger(Directive location, Directive before, List<Directive> inheritedErrorPages,
            Outcome outcome) {
        if (before != null) {
            return "'" + before.name() + "' at " + before.origin() + " runs before its return and may answer otherwise";
        }
        List<Directive> errorPages = new ArrayList<>();
        for (Directive inner : location.block()) {
            switch (inner.name()) {
                case "internal" -> {
                    return "'internal' makes nginx answer 404 to every request from outside";
                }
                case "limit_except" -> {
                    return "its answer depends on the method ('limit_except' at " + inner.origin() + ")";
                }
                case "error_page" -> errorPages.add(inner);
                default -> {
                    // rewrite, if and break matter only before the return (see 'before'); locations are looked at apart
                    boolean inert = INERT_BESIDE_RETURN.contains(inner.name())
                            || INERT_PREFIXES.stream().anyMatch(inner.name()::startsWith);
                    if (!inert && !List.of("location", "if", "rewrite", "break").contains(inner.name())) {
                        return "it holds '" + inner.name() + "' (" + inner.origin() + "), which may change its answer"
                                + " and which the importer does not model";
                    }
                }
            }
        }
        return errorPageChanging(errorPages.isEmpty() ? inheritedErrorPages : errorPages, outcome);
    }

    /** Why an {@code error_page} in force may replace a 410 (or 451) with its page's own answer, or {@code null}. */
    private static String errorPageChanging(List<Directive> errorPages, Outcome outcome) {
        String status = outcome == Outcome.LEGAL ? "451" : "410";
        for (Directive page : errorPages) {
            if (page.args().subList(0, Math.max(0, page.args().size() - 1)).contains(status)) {
                return "error_page " + status + " at " + page.origin() + " answers with its page, whose own answer"
                        + " (a page file missing, a redirect, another status) replaces the " + status
                        + " and cannot be known from the configuration";
            }
        }
        return null;
    }

    /**
     * Reports what makes nginx answer 410 or 451 other than a location's or the server's {@code return}: an
     * {@code error_page} or {@code try_files} that answers {@code =410}, and an {@code error_page},
     * {@code try_files} or {@code rewrite} that sends requests on to a location (or a named one) that may answer
     * 410. Those paths cannot be told from the configuration.
     */
    private void reportOtherSourcesOfGone(List<Directive> server, List<Location> locations, FirstMatchRules serverLevel) {
        List<PathSet> goneSets = new ArrayList<>();
        boolean someGoneUnknown = false;
        Map<String, Directive> named = new HashMap<>();
        collectNamed(server, named);
        for (Directive d : allLocations(server)) {
            String[] parsed = modifierAndValue(d.args());
            if (parsed == null || !hasGone(d.block())) {
                continue;
            }
            PathSet set = matches(parsed);
            if (set == null) {
                someGoneUnknown = true;
            } else {
                goneSets.add(set);
            }
        }
        for (FirstMatchRules.Rule r : serverLevel.rules()) {
            if (r.outcome() == Outcome.GONE || r.outcome() == Outcome.LEGAL) {
                if (r.matches() == null) {
                    someGoneUnknown = true;
                } else {
                    goneSets.add(r.matches());
                }
            }
        }
        Automaton gone = new PathSet.AnyOf(goneSets).automaton(); // built once for every target
        List<Directive> everywhere = new ArrayList<>(httpErrorPages);
        collectAll(server, everywhere);
        for (Directive d : everywhere) {
            List<String> args = d.args();
            if (args.isEmpty()) {
                continue;
            }
            String target = args.get(args.size() - 1);
            String reason = null;
            switch (d.name()) {
                case "error_page" -> {
                    String overwrite = args.stream().filter(a -> a.startsWith("=")).findFirst().orElse("");
                    if (overwrite.equals("=410") || overwrite.equals("=451")) {
                        reason = "it turns " + String.join(" ", args.subList(0, args.indexOf(overwrite)))
                                + " into " + overwrite.substring(1) + " on whichever paths answer so, which the configuration"
                                + " does not tell";
                    }
                }
                case "try_files" -> {
                    if (target.equals("=410") || target.equals("=451")) {
                        reason = "it answers " + target.substring(1) + " where no file exists, which the configuration"
                                + " does not tell";
                    }
                }
                case "rewrite" -> {
                    String flag = args.size() > 2 ? args.get(2) : "";
                    target = args.size() > 1 ? args.get(1) : "";
                    if (flag.equals("break") || flag.equals("redirect") || flag.equals("permanent")) {
                        continue; // no new location lookup, or a redirect the client follows
                    }
                }
                default -> {
                    continue;
                }
            }
            if (reason == null && !target.startsWith("=") && !target.matches("(?i)(https?://|\\$scheme).*")) {
                if (target.startsWith("@")) {
                    Directive location = named.get(target);
                    if (location != null && hasGone(location.block())) {
                        reason = "it sends requests to " + target + " (" + location.origin() + "), which answers 410 or 451";
                    }
                } else if (someGoneUnknown || mayReachGone(target, gone)) {
                    reason = "it sends requests on to " + target + ", which a location or rule answering 410 or 451 may"
                            + " match; the paths this reaches are not translated";
                }
            }
            if (reason != null) {
                emitter.skip(d.origin(), reason);
            }
        }
    }

    /** Whether a server may send a request for {@code target} to one of the paths of {@code gone} (null: any). */
    private static boolean mayReachGone(String target, Automaton gone) {
        Optional<PathSet> uris = PathSets.template(target, VARIABLE);
        Automaton reached = uris.map(PathSet::automaton).orElse(null);
        return gone == null || reached == null || !reached.intersection(gone).isEmpty();
    }

    /** Every location in {@code block}, nested ones included. */
    private static List<Directive> allLocations(List<Directive> block) {
        List<Directive> result = new ArrayList<>();
        for (Directive d : block) {
            if (d.name().equals("location") && d.block() != null) {
                result.add(d);
                result.addAll(allLocations(d.block()));
            }
        }
        return result;
    }

    private static void collectNamed(List<Directive> block, Map<String, Directive> named) {
        for (Directive d : allLocations(block)) {
            if (d.args().size() == 1 && d.args().get(0).startsWith("@")) {
                named.put(d.args().get(0), d);
            }
        }
    }

    /** Every directive in {@code block} and the blocks within it, in order. */
    private static void collectAll(List<Directive> block, List<Directive> out) {
        for (Directive d : block) {
            out.add(d);
            if (d.block() != null) {
                collectAll(d.block(), out);
            }
        }
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
            // No answer of its own, but a rewrite or break in it changes, for some requests, what comes after.
            List<PathSet> rewritten = new ArrayList<>();
            boolean all = false;
            for (Directive inner : d.block()) {
                if (inner.name().equals("rewrite") && !inner.args().isEmpty() && regexSet(inner.args().get(0), false) != null) {
                    rewritten.add(regexSet(inner.args().get(0), false));
                } else if (!inner.name().equals("set")) {
                    all = true;
                }
            }
            if (all || !rewritten.isEmpty()) {
                rules.add(new FirstMatchRules.Rule(d.origin(), 0, FirstMatchRules.Effect.UNKNOWN, null,
                        all ? null : new PathSet.AnyOf(rewritten), "it may rewrite the URI, or stop the server-level"
                        + " rules, depending on its condition"));
            }
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
