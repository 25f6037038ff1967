package io.github.gonefilter.cli.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.cli.importer.FirstMatchRules.Effect;
import io.github.gonefilter.cli.importer.FirstMatchRules.Rule;
import io.github.gonefilter.cli.pattern.PathSet;
import io.github.gonefilter.cli.pattern.PathSets;
import io.github.gonefilter.cli.pattern.Regex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * WordPress Redirection exports (JSON, or CSV with a header row): enabled rows with code 410 or 451 matched
 * on the URL alone. The plugin tries its rows in order; rows matched on anything else (login state, referrer,
 * user agent, a query string compared exactly) depend on more than the path and are reported.
 */
final class RedirectionImporter {

    private final Emitter emitter = new Emitter();

    private record Row(Origin origin, String url, boolean regex, int code, boolean enabled, String matchType,
            boolean ignoreCase, String query) {
    }

    ImportResult importFiles(List<Path> files) throws IOException, ImportException {
        FirstMatchRules rules = new FirstMatchRules();
        for (Path file : files) {
            List<Row> rows = file.toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? csv(file) : json(file);
            for (Row row : rows) {
                add(row, rules);
            }
        }
        emitter.emitAll(rules.decide());
        return emitter.result();
    }

    private void add(Row row, FirstMatchRules rules) {
        if (!row.enabled()) {
            return;
        }
        Outcome outcome = Outcome.ofStatus(row.code());
        String url = row.url();
        int q = url.indexOf('?');
        boolean queryMatters = q >= 0 && !"ignore".equals(row.query()) && !"pass".equals(row.query());
        String path = q >= 0 ? url.substring(0, q) : url;
        PathSet set = null;
        String why = null;
        if (row.regex()) {
            try {
                set = new PathSet.Found(Regex.parse(path, Regex.Dialect.NGINX, row.ignoreCase()));
            } catch (Regex.UnsupportedRegexException e) {
                why = e.getMessage();
            }
        } else {
            // WordPress sends the spelling without a trailing slash to the one with it, and the reverse.
            String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            set = row.ignoreCase() && p.matches(".*[A-Za-z].*") ? PathSets.exactIgnoringAsciiCase(p) : new PathSet.Exact(p);
        }
        if (row.matchType() != null && !row.matchType().isEmpty() && !row.matchType().equals("url")) {
            why = "it matches on '" + row.matchType() + "', not the URL alone";
        } else if (queryMatters || (row.regex() && url.contains("\\?"))) {
            why = "it matches the query string exactly";
        }
        if (why != null) {
            rules.add(new Rule(row.origin(), 0, Effect.UNKNOWN, outcome == Outcome.OTHER ? null : outcome, set, why));
        } else {
            rules.add(new Rule(row.origin(), 0, Effect.DECIDES, outcome, set, null));
        }
    }

    private static List<Row> json(Path file) throws IOException, ImportException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImportException(file + ":" + e.getLocation().getLineNr() + ": not JSON: " + e.getOriginalMessage());
        }
        JsonNode redirects = root.path("redirects");
        if (!redirects.isArray()) {
            throw new ImportException(file + ": expected a Redirection export {\"redirects\": [...]}");
        }
        List<Row> rows = new ArrayList<>();
        int index = 0;
        for (JsonNode r : redirects) {
            index++;
            JsonNode source = r.path("match_data").path("source");
            String url = r.path("url").asText();
            rows.add(new Row(new Origin(file.toString(), index, "redirect #" + index + " " + url), url,
                    r.path("regex").asBoolean(false), r.path("action_code").asInt(0),
                    !r.path("enabled").isBoolean() || r.path("enabled").asBoolean(),
                    r.path("match_type").asText("url"), source.path("flag_case").asBoolean(false),
                    source.path("flag_query").asText("exact")));
        }
        return rows;
    }

    private static List<Row> csv(Path file) throws IOException, ImportException {
        List<String> lines = Files.readAllLines(file);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> header = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = Csv.cells(line);
            if (header == null) {
                header = new HashMap<>();
                for (int c = 0; c < cells.size(); c++) {
                    header.put(cells.get(c).trim().toLowerCase(Locale.ROOT), c);
                }
                if (!header.containsKey("source") || !header.containsKey("code")) {
                    throw new ImportException(file + ":" + (i + 1) + ": the header needs 'source' and 'code' columns");
                }
                continue;
            }
            String url = cell(cells, header, "source");
            String code = cell(cells, header, "code");
            String regex = cell(cells, header, "regex");
            String status = cell(cells, header, "status");
            rows.add(new Row(new Origin(file.toString(), i + 1, line), url,
                    regex.equals("1") || regex.equalsIgnoreCase("true"),
                    code.matches("\\d+") ? Integer.parseInt(code) : 0,
                    status.isEmpty() || status.equalsIgnoreCase("enabled") || status.equalsIgnoreCase("active"),
                    cell(cells, header, "type").isEmpty() ? "url" : cell(cells, header, "type"),
                    false, "exact"));
        }
        return rows;
    }

    private static String cell(List<String> cells, Map<String, Integer> header, String name) {
        Integer i = header.get(name);
        return i == null || i >= cells.size() ? "" : cells.get(i).trim();
    }
}
