package io.github.gonefilter.cli.importer;

import io.github.gonefilter.cli.importer.FirstMatchRules.Effect;
import io.github.gonefilter.cli.importer.FirstMatchRules.Rule;
import io.github.gonefilter.cli.pattern.PathSet;
import io.github.gonefilter.cli.pattern.PathSets;
import io.github.gonefilter.cli.pattern.Regex;
import io.github.gonefilter.cli.pattern.Regex.UnsupportedRegexException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Apache httpd: {@code Redirect gone|410|451 PATH}, {@code RedirectMatch}, {@code RewriteRule PATTERN - [G]}
 * (with {@code NC}, {@code L}, {@code F}, {@code R}), {@code <Location>} and {@code <LocationMatch>} blocks, and
 * {@code .htaccess} files (per-directory context, patterns relative to {@code --base}). Rules are tried as httpd
 * tries them: server-context rewrites, then server-context redirects (both while translating the URL), then
 * in the fixup phase the {@code .htaccess} rewrites, {@code <Location>} redirects and {@code .htaccess} redirects.
 */
final class ApacheImporter {

    // The phases, in the order httpd runs them: rewrites while translating the URL, then mod_alias's (a <Location>'s
    // own Redirect first, httpd having looked up the <Location> sections already), then in the fixups the
    // .htaccess rewrites and the per-directory redirects (those with a path inside <Location>, then .htaccess ones).
    private static final int SERVER_REWRITE = 0;
    private static final int LOCATION_REDIRECT = 1;
    private static final int SERVER_ALIAS = 2;
    private static final int DIR_REWRITE = 3;
    private static final int DIR_ALIAS = 4;

    /** Server context: rules outside every {@code <VirtualHost>}. */
    private static final int SERVER = -1;
    /** An {@code .htaccess} file: it applies to whichever host serves its directory. */
    private static final int DIRECTORY = -2;

    private final String base;
    private final Emitter emitter = new Emitter();
    /** Every rule, with the host it belongs to (SERVER or a {@code <VirtualHost>}'s index) and its phase. */
    private final List<Placed> placed = new ArrayList<>();
    private final List<Origin> virtualHosts = new ArrayList<>();
    /** Where a {@code RewriteOptions} was found: it may make the server's rewrite rules apply in a virtual host. */
    private Origin rewriteOptions;
    private int locationSections;
    /** The first {@code ErrorDocument 410} (or 451) that redirects to a full URL, wherever it is. */
    private final java.util.Map<Outcome, Origin> errorDocumentRedirects = new java.util.EnumMap<>(Outcome.class);

    /**
     * A rule, the host it belongs to, its phase, and for a {@code <Location>} redirect the section's number (httpd
     * merges later sections over earlier ones, so a later section's redirects are tried first).
     */
    private record Placed(int host, int section, int locationSection, Rule rule) {
    }

    /** An open section: its name (lower case), as written, and its arguments. */
    private record Block(String name, String written, List<String> args) {
    }

    ApacheImporter(String base) {
        String b = base == null || base.isBlank() ? "/" : base.trim();
        b = b.startsWith("/") ? b : "/" + b;
        this.base = b.endsWith("/") ? b : b + "/";
    }

    private record Line(Origin origin, String name, List<String> args) {
    }

    /** The state of one file: the enclosing sections and the conditions waiting for their rule. */
    private final class FileState {
        final boolean perDirectory;
        final List<Block> blocks = new ArrayList<>();
        final List<PathSet> locations = new ArrayList<>();
        final List<Integer> locationNumbers = new ArrayList<>();
        boolean rewriteOn;
        boolean serverRewriteOn;
        int host;
        final List<Origin> conditions = new ArrayList<>();
        boolean chained;

        FileState(boolean perDirectory) {
            this.perDirectory = perDirectory;
            this.host = perDirectory ? DIRECTORY : SERVER;
        }
    }

    ImportResult importFiles(List<Path> files) throws IOException, ImportException {
        for (Path file : files) {
            boolean perDirectory = file.getFileName().toString().endsWith(".htaccess");
            FileState state = new FileState(perDirectory);
            for (Line line : lines(file)) {
                directive(line, state);
            }
        }
        for (Decided d : rulesOfTheSite().decide()) {
            Origin redirecting = d.unknownReason() == null ? errorDocumentRedirects.get(d.outcome()) : null;
            if (redirecting != null) {
                emitter.skip(d.origin(), "ErrorDocument " + (d.outcome() == Outcome.LEGAL ? 451 : 410) + " at " + redirecting
                        + " turns the answer into a redirect to another server where it applies");
            } else {
                emitter.emit(d);
            }
        }
        return emitter.result();
    }

    /**
     * The rules httpd applies to the requests of one site, in the order it tries them. Without
     * {@code <VirtualHost>}, every rule. With one virtual host answering 410 or 451 and none outside: its rules,
     * then the server's redirects and {@code <Location>} sections, which it inherits (the server's rewrite rules it
     * does not); the other hosts are other sites. Otherwise which rule answers depends on the host: rules that
     * answer 410 or 451 are reported, the rest known only as rules that may answer otherwise.
     */
    private FirstMatchRules rulesOfTheSite() {
        List<Integer> hostsWithGone = new ArrayList<>();
        for (Placed p : placed) {
            if (answersGone(p.rule()) && p.host() != DIRECTORY && !hostsWithGone.contains(p.host())) {
                hostsWithGone.add(p.host());
            }
        }
        List<Placed> site = new ArrayList<>();
        if (virtualHosts.isEmpty()) {
            site.addAll(placed);
        } else if (hostsWithGone.size() == 1 && hostsWithGone.get(0) != SERVER) {
            int host = hostsWithGone.get(0);
            for (Placed p : placed) {
                if (p.host() == host || p.host() == DIRECTORY) {
                    site.add(p); // its own rules, and the .htaccess files
                } else if (p.host() == SERVER && p.section() == SERVER_REWRITE && rewriteOptions != null) {
                    site.add(new Placed(host, p.section(), 0, unknown(p.rule(), null, "RewriteOptions at " + rewriteOptions
                            + " may make the server's rewrite rules apply in the virtual host")));
                }
            }
            for (Placed p : placed) {
                if (p.host() == SERVER && p.section() != SERVER_REWRITE) {
                    site.add(p); // inherited, after the host's own redirects
                }
            }
        } else {
            // The server's redirects and <Location> sections apply to every host, after a host's own.
            for (Placed p : placed) {
                boolean everyHost = p.host() == DIRECTORY || p.host() == SERVER && p.section() != SERVER_REWRITE;
                site.add(everyHost ? p : new Placed(p.host(), p.section(), p.locationSection(),
                        unknown(p.rule(), p.rule().outcome(), hostDependence(p))));
            }
            site.sort((a, b) -> Boolean.compare(a.host() == SERVER, b.host() == SERVER)); // stable: hosts' rules first
        }
        FirstMatchRules rules = new FirstMatchRules();
        for (int section = SERVER_REWRITE; section <= DIR_ALIAS; section++) {
            List<Placed> inSection = new ArrayList<>();
            for (Placed p : site) {
                if (p.section() == section) {
                    inSection.add(p);
                }
            }
            if (section == LOCATION_REDIRECT || section == DIR_ALIAS) {
                // The last <Location> section merged is tried first (the server's merge before a host's), and
                // .htaccess redirects after them all.
                inSection.sort((a, b) -> Integer.compare(b.locationSection(), a.locationSection()));
            }
            for (Placed p : inSection) {
                Rule r = p.rule();
                rules.add(new Rule(r.origin(), section, r.effect(), r.outcome(), r.matches(), r.why()));
            }
        }
        return rules;
    }

    private String hostDependence(Placed p) {
        if (p.host() == SERVER) {
            return "it depends on the host: it applies only to requests no <VirtualHost> takes (a virtual host does"
                    + " not inherit the server's rewrite rules)";
        }
        return "it depends on the host: it applies only in the <VirtualHost> at " + virtualHosts.get(p.host())
                + (answersGone(p.rule()) ? ", and other hosts answer 410 or 451 too; import one site's configuration at"
                        + " a time" : "");
    }

    private static boolean answersGone(Rule r) {
        return r.outcome() == Outcome.GONE || r.outcome() == Outcome.LEGAL;
    }

    /** {@code rule} as one whose effect cannot be known, answering {@code outcome} when it applies (null: unknown). */
    private static Rule unknown(Rule rule, Outcome outcome, String why) {
        return new Rule(rule.origin(), rule.section(), Effect.UNKNOWN, outcome == Outcome.OTHER ? null : outcome,
                rule.matches(), why);
    }

    private void directive(Line line, FileState state) {
        String name = line.name().toLowerCase(Locale.ROOT);
        List<String> args = line.args();
        if (name.startsWith("</")) {
            if (!state.blocks.isEmpty()) {
                String closed = state.blocks.remove(state.blocks.size() - 1).name();
                if (closed.equals("location")) {
                    state.locations.remove(state.locations.size() - 1);
                    state.locationNumbers.remove(state.locationNumbers.size() - 1);
                } else if (closed.equals("virtualhost")) {
                    state.host = SERVER;
                    state.rewriteOn = state.serverRewriteOn;
                }
            }
            return;
        }
        if (name.startsWith("<")) {
            String block = name.substring(1);
            state.blocks.add(new Block(block, line.name().substring(1), args));
            if (block.equals("location") || block.equals("locationmatch")) {
                PathSet set = null;
                if (block.equals("locationmatch") || (args.size() == 2 && args.get(0).equals("~"))) {
                    set = regex(args.get(args.size() - 1), false, line.origin());
                } else if (args.size() == 1) {
                    set = new PathSet.Segments(args.get(0));
                }
                state.locations.add(set);
                state.locationNumbers.add(++locationSections);
                state.blocks.set(state.blocks.size() - 1, new Block("location", line.name().substring(1), args));
            } else if (block.equals("virtualhost") && state.host == SERVER) {
                state.host = virtualHosts.size();
                virtualHosts.add(line.origin());
                state.serverRewriteOn = state.rewriteOn;
                state.rewriteOn = false; // a virtual host has its own RewriteEngine
            }
            return;
        }
        switch (name) {
            case "rewriteengine" -> state.rewriteOn = !args.isEmpty() && args.get(0).equalsIgnoreCase("on");
            case "rewritecond" -> state.conditions.add(line.origin());
            case "rewriteoptions" -> rewriteOptions = rewriteOptions != null ? rewriteOptions : line.origin();
            case "errordocument" -> {
                // A local page or a text keeps the status; a full URL makes httpd answer with a redirect instead.
                if (args.size() == 2 && args.get(1).toLowerCase(Locale.ROOT).matches("https?://.*")
                        && (args.get(0).equals("410") || args.get(0).equals("451"))) {
                    errorDocumentRedirects.putIfAbsent(Outcome.ofStatus(Integer.parseInt(args.get(0))), line.origin());
                }
            }
            case "rewriterule" -> rewriteRule(line, state, unsupportedBlock(state, "rewrite"));
            case "redirect", "redirectmatch", "redirectpermanent", "redirecttemp" ->
                    redirect(line, name, state, unsupportedBlock(state, "alias"));
            default -> {
            }
        }
    }

    /**
     * Why the sections around a rule make it depend on more than the request path, or {@code null}. An
     * {@code <IfModule>} for the rule's own module (mod_rewrite for rewrite rules, mod_alias for redirects) holds
     * whenever the rule can work at all, which every imported rule assumes; any other condition on the server's
     * modules, definitions or version cannot be known from the configuration.
     */
    private static String unsupportedBlock(FileState state, String module) {
        for (Block b : state.blocks) {
            switch (b.name()) {
                case "location", "virtualhost" -> {
                }
                case "ifmodule" -> {
                    String tested = b.args().isEmpty() ? "" : b.args().get(0);
                    if (!ownModule(tested, module)) {
                        return "it is inside <IfModule " + tested + ">, and which modules the server loads is not in"
                                + " the configuration read";
                    }
                }
                default -> {
                    return "it is inside <" + b.written() + (b.args().isEmpty() ? "" : " " + String.join(" ", b.args()))
                            + ">, which depends on more than the request path";
                }
            }
        }
        return null;
    }

    /** Whether {@code <IfModule tested>} names {@code module} itself: mod_rewrite.c, rewrite_module, mod_rewrite. */
    private static boolean ownModule(String tested, String module) {
        String t = tested.toLowerCase(Locale.ROOT);
        return t.equals("mod_" + module + ".c") || t.equals(module + "_module") || t.equals("mod_" + module);
    }

    /** A rule inside {@code <IfModule !own module>}: where the rule works, that section is skipped. */
    private static boolean insideOwnModuleNegated(FileState state, String module) {
        return state.blocks.stream().anyMatch(b -> b.name().equals("ifmodule") && !b.args().isEmpty()
                && b.args().get(0).startsWith("!") && ownModule(b.args().get(0).substring(1), module));
    }

    private void redirect(Line line, String name, FileState state, String unsupportedBlock) {
        List<String> args = new ArrayList<>(line.args());
        int status = switch (name) {
            case "redirectpermanent" -> 301;
            case "redirecttemp" -> 302;
            default -> 302;
        };
        if (!args.isEmpty() && (name.equals("redirect") || name.equals("redirectmatch"))) {
            String first = args.get(0).toLowerCase(Locale.ROOT);
            Integer parsed = switch (first) {
                case "gone" -> 410;
                case "permanent" -> 301;
                case "temp" -> 302;
                case "seeother" -> 303;
                default -> first.matches("\\d{3}") ? Integer.valueOf(first) : null;
            };
            if (parsed != null) {
                status = parsed;
                args.remove(0);
            }
        }
        Outcome outcome = Outcome.ofStatus(status);
        boolean inLocation = !state.locations.isEmpty();
        PathSet location = inLocation ? state.locations.get(state.locations.size() - 1) : null;
        // Inside <Location>, 'Redirect gone' or 'Redirect 301 URL' redirects the section's paths; with a path it is
        // a per-directory redirect for the paths in both.
        boolean sectionForm = inLocation && !name.equals("redirectmatch")
                && (args.isEmpty() || status >= 300 && status < 400 && args.size() == 1);
        PathSet set;
        if (sectionForm) {
            set = location;
        } else if (args.isEmpty()) {
            emitter.skip(line.origin(), "a redirect without a path outside <Location> applies nowhere");
            return;
        } else {
            set = name.equals("redirectmatch") ? regex(args.get(0), false, line.origin()) : new PathSet.Segments(args.get(0));
            if (inLocation) {
                set = location == null || set == null ? null : PathSets.both(location, set);
            }
        }
        if (insideOwnModuleNegated(state, "alias")) {
            return;
        }
        int section = sectionForm ? LOCATION_REDIRECT : inLocation || state.perDirectory ? DIR_ALIAS : SERVER_ALIAS;
        int locationSection = inLocation ? state.locationNumbers.get(state.locationNumbers.size() - 1)
                + (state.host == SERVER ? 0 : 1_000_000) : 0;
        add(state, section, locationSection, line.origin(), outcome, set, unsupportedBlock);
    }

    private void rewriteRule(Line line, FileState state, String unsupportedBlock) {
        List<String> conditions = new ArrayList<>();
        state.conditions.forEach(o -> conditions.add(o.toString()));
        state.conditions.clear();
        boolean chainedHere = state.chained;
        state.chained = false;
        if (!state.rewriteOn || insideOwnModuleNegated(state, "rewrite")) {
            return;
        }
        List<String> args = line.args();
        if (args.size() < 2) {
            emitter.skip(line.origin(), "a RewriteRule needs a pattern and a substitution");
            return;
        }
        String flagsText = args.size() > 2 ? args.get(2) : "";
        List<String> flags = new ArrayList<>();
        for (String f : flagsText.replaceAll("^\\[|\\]$", "").split(",")) {
            if (!f.isBlank()) {
                flags.add(f.trim().toLowerCase(Locale.ROOT));
            }
        }
        boolean nocase = flags.contains("nc") || flags.contains("nocase");
        boolean last = flags.contains("l") || flags.contains("last") || flags.contains("end");
        Outcome outcome = null;
        boolean decides = false;
        if (flags.contains("g") || flags.contains("gone")) {
            outcome = Outcome.GONE;
            decides = true;
        } else if (flags.contains("f") || flags.contains("forbidden")) {
            outcome = Outcome.OTHER;
            decides = true;
        }
        for (String f : flags) {
            if (f.startsWith("r=") || f.startsWith("redirect=")) {
                String code = f.substring(f.indexOf('=') + 1);
                int status = code.equals("permanent") ? 301 : code.matches("\\d{3}") ? Integer.parseInt(code) : 302;
                if (status < 300 || status > 399) {
                    outcome = Outcome.ofStatus(status);
                    decides = true;
                } else if (last) {
                    outcome = Outcome.OTHER;
                    decides = true;
                }
            } else if (f.equals("r") || f.equals("redirect")) {
                if (last) {
                    outcome = Outcome.OTHER;
                    decides = true;
                }
            }
            if (f.equals("c") || f.equals("chain")) {
                state.chained = true;
            }
        }
        String pattern = args.get(0);
        String why = null;
        if (pattern.startsWith("!")) {
            why = "a negated pattern";
        } else if (!conditions.isEmpty()) {
            why = "it has RewriteCond " + String.join(", ", conditions);
        } else if (chainedHere || state.chained) {
            why = "it is part of a [C] chain";
        } else if (flags.stream().anyMatch(f -> f.equals("n") || f.equals("next") || f.startsWith("s=") || f.startsWith("skip="))) {
            why = "it changes the order of the rules ([N] or [S])";
        } else if (!args.get(1).equals("-") && !decides) {
            why = "it rewrites the URL, and what the rewritten URL answers is not known here";
        }
        if (unsupportedBlock != null) {
            why = unsupportedBlock;
        }
        PathSet set = why != null && why.startsWith("a negated") ? null : regex(pattern, nocase, line.origin());
        if (set != null && state.perDirectory) {
            set = new PathSet.Under(base, set);
        }
        int section = state.perDirectory ? DIR_REWRITE : SERVER_REWRITE;
        if (why != null || set == null) {
            String reason = why != null ? why : lastRegexProblem;
            placed.add(new Placed(state.host, section, 0, new Rule(line.origin(), section, Effect.UNKNOWN,
                    outcome == Outcome.OTHER ? null : outcome, set, reason)));
            return;
        }
        Effect effect = decides ? Effect.DECIDES : last ? Effect.STOPS_SECTION : Effect.CONTINUES;
        placed.add(new Placed(state.host, section, 0, new Rule(line.origin(), section, effect,
                decides ? outcome : Outcome.OTHER, set, null)));
    }

    private void add(FileState state, int section, int locationSection, Origin origin, Outcome outcome, PathSet set,
            String unsupportedBlock) {
        if (unsupportedBlock != null || set == null) {
            placed.add(new Placed(state.host, section, locationSection, new Rule(origin, section, Effect.UNKNOWN,
                    outcome == Outcome.OTHER ? null : outcome, set, unsupportedBlock != null ? unsupportedBlock : lastRegexProblem)));
            return;
        }
        placed.add(new Placed(state.host, section, locationSection, new Rule(origin, section, Effect.DECIDES, outcome, set, null)));
    }

    private String lastRegexProblem;

    private PathSet regex(String expression, boolean ignoreCase, Origin origin) {
        try {
            return new PathSet.Found(Regex.parse(expression, Regex.Dialect.APACHE, ignoreCase));
        } catch (UnsupportedRegexException e) {
            lastRegexProblem = e.getMessage();
            return null;
        }
    }

    /** Logical lines: comments dropped, backslash continuations joined, arguments split as httpd does. */
    private static List<Line> lines(Path file) throws IOException, ImportException {
        List<String> raw = Files.readAllLines(file);
        List<Line> result = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            int lineNumber = i + 1;
            StringBuilder text = new StringBuilder(raw.get(i));
            while (text.toString().endsWith("\\") && i + 1 < raw.size()) {
                text.setLength(text.length() - 1);
                text.append(raw.get(++i));
            }
            String t = text.toString().trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("<")) {
                if (!t.endsWith(">")) {
                    throw new ImportException(file + ":" + lineNumber + ": a section line must end with '>'");
                }
                t = t.substring(0, t.length() - 1);
            }
            List<String> words = words(t, file + ":" + lineNumber);
            result.add(new Line(new Origin(file.toString(), lineNumber, text.toString().trim()), words.get(0),
                    words.subList(1, words.size())));
        }
        return result;
    }

    private static List<String> words(String line, String where) throws ImportException {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder word = new StringBuilder();
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < line.length() && line.charAt(j) != c) {
                    if (line.charAt(j) == '\\' && j + 1 < line.length() && line.charAt(j + 1) == c) {
                        j++;
                    }
                    word.append(line.charAt(j++));
                }
                if (j >= line.length()) {
                    throw new ImportException(where + ": unterminated quote");
                }
                i = j + 1;
            } else {
                while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                    word.append(line.charAt(i++));
                }
            }
            words.add(word.toString());
        }
        return words;
    }
}
