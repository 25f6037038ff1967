package io.github.gonefilter.cli.importer;

import io.github.gonefilter.cli.importer.FirstMatchRules.Effect;
import io.github.gonefilter.cli.importer.FirstMatchRules.Rule;
import io.github.gonefilter.cli.pattern.PathSet;
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

    private static final int SERVER_REWRITE = 0;
    private static final int SERVER_ALIAS = 1;
    private static final int DIR_REWRITE = 2;
    private static final int LOCATION_ALIAS = 3;
    private static final int DIR_ALIAS = 4;

    private final String base;
    private final Emitter emitter = new Emitter();
    private final List<List<Rule>> sections = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>(), new ArrayList<>());

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
        final List<String> blocks = new ArrayList<>();
        final List<PathSet> locations = new ArrayList<>();
        boolean rewriteOn;
        final List<Origin> conditions = new ArrayList<>();
        boolean chained;

        FileState(boolean perDirectory) {
            this.perDirectory = perDirectory;
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
        FirstMatchRules rules = new FirstMatchRules();
        for (int s = 0; s < sections.size(); s++) {
            for (Rule r : sections.get(s)) {
                rules.add(new Rule(r.origin(), s, r.effect(), r.outcome(), r.matches(), r.why()));
            }
        }
        emitter.emitAll(rules.decide());
        return emitter.result();
    }

    private void directive(Line line, FileState state) {
        String name = line.name().toLowerCase(Locale.ROOT);
        List<String> args = line.args();
        if (name.startsWith("</")) {
            if (!state.blocks.isEmpty()) {
                String closed = state.blocks.remove(state.blocks.size() - 1);
                if (closed.equals("location")) {
                    state.locations.remove(state.locations.size() - 1);
                }
            }
            return;
        }
        if (name.startsWith("<")) {
            String block = name.substring(1);
            state.blocks.add(block);
            if (block.equals("location") || block.equals("locationmatch")) {
                PathSet set = null;
                if (block.equals("locationmatch") || (args.size() == 2 && args.get(0).equals("~"))) {
                    set = regex(args.get(args.size() - 1), false, line.origin());
                } else if (args.size() == 1) {
                    set = new PathSet.Segments(args.get(0));
                }
                state.locations.add(set);
                state.blocks.set(state.blocks.size() - 1, "location");
            }
            return;
        }
        String unsupportedBlock = unsupportedBlock(state);
        switch (name) {
            case "rewriteengine" -> state.rewriteOn = !args.isEmpty() && args.get(0).equalsIgnoreCase("on");
            case "rewritecond" -> state.conditions.add(line.origin());
            case "rewriterule" -> rewriteRule(line, state, unsupportedBlock);
            case "redirect", "redirectmatch", "redirectpermanent", "redirecttemp" ->
                    redirect(line, name, state, unsupportedBlock);
            default -> {
            }
        }
    }

    /** Blocks whose rules depend on more than the path: the file system, the method, an expression. */
    private static String unsupportedBlock(FileState state) {
        for (String b : state.blocks) {
            switch (b) {
                case "ifmodule", "ifdefine", "ifversion", "location", "virtualhost" -> {
                }
                default -> {
                    return "it is inside <" + b + ">, which depends on more than the request path";
                }
            }
        }
        return null;
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
        PathSet set;
        if (inLocation) {
            set = state.locations.get(state.locations.size() - 1);
        } else if (args.isEmpty()) {
            emitter.skip(line.origin(), "a redirect without a path outside <Location> applies nowhere");
            return;
        } else if (name.equals("redirectmatch")) {
            set = regex(args.get(0), false, line.origin());
        } else {
            set = new PathSet.Segments(args.get(0));
        }
        int section = inLocation ? LOCATION_ALIAS : state.perDirectory ? DIR_ALIAS : SERVER_ALIAS;
        add(section, line.origin(), outcome, set, unsupportedBlock);
    }

    private void rewriteRule(Line line, FileState state, String unsupportedBlock) {
        List<String> conditions = new ArrayList<>();
        state.conditions.forEach(o -> conditions.add(o.toString()));
        state.conditions.clear();
        boolean chainedHere = state.chained;
        state.chained = false;
        if (!state.rewriteOn) {
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
            sections.get(section).add(new Rule(line.origin(), section, Effect.UNKNOWN,
                    outcome == Outcome.OTHER ? null : outcome, set, reason));
            return;
        }
        Effect effect = decides ? Effect.DECIDES : last ? Effect.STOPS_SECTION : Effect.CONTINUES;
        sections.get(section).add(new Rule(line.origin(), section, effect, decides ? outcome : Outcome.OTHER, set, null));
    }

    private void add(int section, Origin origin, Outcome outcome, PathSet set, String unsupportedBlock) {
        if (unsupportedBlock != null || set == null) {
            sections.get(section).add(new Rule(origin, section, Effect.UNKNOWN, outcome == Outcome.OTHER ? null : outcome,
                    set, unsupportedBlock != null ? unsupportedBlock : lastRegexProblem));
            return;
        }
        sections.get(section).add(new Rule(origin, section, Effect.DECIDES, outcome, set, null));
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
