package io.github.gonefilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainDiffConvertTest {

    private static final String AT = "2030-01-01T00:00:00Z";

    @TempDir
    Path dir;

    Path ok;
    Path changed;

    @BeforeEach
    void files() throws Exception {
        ok = Files.writeString(dir.resolve("ok.json"), """
                {
                  "tombstones": [
                    { "path": "/docs/**", "reason": "expired", "deletedAt": "2025-01-01T00:00:00Z" },
                    { "path": "/docs/guide", "reason": "sunset", "alternative": "/docs/v2/guide", "message": "Moved." },
                    { "regex": "/docs/.*\\\\.pdf", "mode": "short-circuit" },
                    { "path": "/later", "goneFrom": "2031-01-01T00:00:00Z", "alternative": "/now" },
                    { "path": "/users/42", "visibility": "not_found" }
                  ]
                }
                """);
        changed = Files.writeString(dir.resolve("new.json"), """
                {
                  "tombstones": [
                    { "path": "/docs/**", "reason": "expired", "deletedAt": "2025-01-01T00:00:00Z", "maxAge": 60 },
                    { "regex": "/docs/.*\\\\.pdf", "mode": "short-circuit" },
                    { "path": "/later", "goneFrom": "2031-01-01T00:00:00Z", "alternative": "/now" },
                    { "path": "/users/42", "visibility": "not_found" },
                    { "path": "/fresh", "extensions": { "ticket": "T-1" } }
                  ]
                }
                """);
    }

    @Test
    void explainShowsTheWinnerTheLosersAndTheExactResponse() {
        Cli run = Cli.run(dir, "explain", "--at", AT, ok.toString(), "/docs/guide");
        assertThat(run.out()).isEqualTo("""
                GET /docs/guide (canonical path /docs/guide) at 2030-01-01T00:00:00Z
                tombstone: path /docs/guide [exact path, in force], declared #2
                  {"path":"/docs/guide","reason":"sunset","message":"Moved.","alternative":"/docs/v2/guide"}
                also matches: glob /docs/** [glob, literal prefix /docs/, in force]: loses, an exact path beats every glob and regex
                answer:
                410
                Cache-Control: public, max-age=2592000
                Link: </docs/v2/guide>; rel="successor-version"
                X-Content-Type-Options: nosniff
                Vary: Accept
                Content-Type: application/problem+json
                Content-Length: 142

                {"type":"about:blank","title":"Gone","status":410,"detail":"Moved.","instance":"/docs/guide","reason":"sunset","alternative":"/docs/v2/guide"}
                """);
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void explainAFallbackTombstoneShowsTheAnswerToTheApplicationsNotFound() throws Exception {
        Path file = Files.writeString(dir.resolve("fallback.json"),
                "{\"tombstones\": [{\"path\": \"/cms/slug\", \"message\": \"Moved on.\", \"mode\": \"fallback\"}]}");
        assertThat(Cli.run(dir, "explain", "--at", AT, file.toString(), "/cms/slug").out()).isEqualTo("""
                GET /cms/slug (canonical path /cms/slug) at 2030-01-01T00:00:00Z
                tombstone: path /cms/slug [exact path, in force], declared #1
                  {"path":"/cms/slug","message":"Moved on.","mode":"fallback"}
                answer: the application answers first (mode fallback); anything but 404 passes untouched; if it answers 404:
                410
                Cache-Control: public, max-age=86400
                X-Content-Type-Options: nosniff
                Vary: Accept
                Content-Type: application/problem+json
                Content-Length: 94

                {"type":"about:blank","title":"Gone","status":410,"detail":"Moved on.","instance":"/cms/slug"}
                """);
        JsonNode json = new ObjectMapper().readTree(Cli.run(dir, "explain", "--at", AT, "--json", file.toString(),
                "/cms/slug").out());
        assertThat(json.get("applicationFirst").asBoolean()).isTrue();
        assertThat(json.get("response").get("status").asInt()).isEqualTo(410);
        Cli check = Cli.run(dir, "check", Files.writeString(dir.resolve("typo.json"),
                "{\"tombstones\": [{\"path\": \"/a\", \"mode\": \"fall-back\"}]}").toString());
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.out() + check.err()).contains("mode must be one of short-circuit, fallback but was 'fall-back'");
    }

    @Test
    void explainTakesTheFiltersDefaultModeForTombstonesThatNameNone() throws Exception {
        Path file = Files.writeString(dir.resolve("modes.json"), "{\"tombstones\": [{\"path\": \"/cms/slug\"},"
                + " {\"path\": \"/api/1\", \"mode\": \"short-circuit\"}]}");
        ObjectMapper mapper = new ObjectMapper();

        JsonNode byDefault = mapper.readTree(Cli.run(dir, "explain", "--at", AT, "--json", file.toString(), "/cms/slug")
                .out());
        JsonNode fallback = mapper.readTree(Cli.run(dir, "explain", "--at", AT, "--mode", "fallback", "--json",
                file.toString(), "/cms/slug").out());
        JsonNode own = mapper.readTree(Cli.run(dir, "explain", "--at", AT, "--mode", "fallback", "--json",
                file.toString(), "/api/1").out());

        assertThat(byDefault.get("applicationFirst").asBoolean()).isFalse();
        assertThat(fallback.get("applicationFirst").asBoolean()).isTrue();
        assertThat(fallback.get("response").get("status").asInt()).isEqualTo(410);
        assertThat(own.get("applicationFirst").asBoolean()).as("a tombstone's own mode wins").isFalse();
        Cli typo = Cli.run(dir, "explain", "--mode", "fall-back", file.toString(), "/cms/slug");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("--mode: mode must be one of short-circuit, fallback but was 'fall-back'");
        Cli checkTypo = Cli.run(dir, "check", "--mode", "fall-back", file.toString());
        assertThat(checkTypo.exitCode()).isEqualTo(2);
        assertThat(checkTypo.err()).contains("--mode: mode must be one of short-circuit, fallback but was 'fall-back'");
    }

    @Test
    void explainAScheduledRemovalAndAnErasure() {
        assertThat(Cli.run(dir, "explain", "--at", AT, "--method", "HEAD", ok.toString(), "/later").out()).isEqualTo("""
                HEAD /later (canonical path /later) at 2030-01-01T00:00:00Z
                tombstone: path /later [exact path, scheduled from 2031-01-01T00:00:00Z], declared #4
                  {"path":"/later","alternative":"/now","goneFrom":"2031-01-01T00:00:00Z"}
                answer: the filter passes the request to the application, adding:
                Deprecation: @1924992000
                Sunset: Wed, 01 Jan 2031 00:00:00 GMT
                Link: </now>; rel="alternate"
                """);
        assertThat(Cli.run(dir, "explain", "--at", AT, ok.toString(), "/users/42").out()).isEqualTo("""
                GET /users/42 (canonical path /users/42) at 2030-01-01T00:00:00Z
                tombstone: path /users/42 [exact path, in force], declared #5
                  {"path":"/users/42","visibility":"not_found"}
                answer:
                404 (the container's own error page, via sendError)
                """);
    }

    @Test
    void explainAsJsonForBrowsers() throws Exception {
        Cli run = Cli.run(dir, "explain", "--at", AT, "--accept", "text/html", "--json", ok.toString(), "/docs/x.pdf");
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("canonicalPath").asText()).isEqualTo("/docs/x.pdf");
        assertThat(root.get("tombstone").get("kind").asText()).isEqualTo("glob");
        assertThat(root.get("tombstone").get("literalPrefix").asText()).isEqualTo("/docs/");
        assertThat(root.get("alsoMatching").get(0).get("kind").asText()).isEqualTo("regex");
        assertThat(root.get("passesThrough").asBoolean()).isFalse();
        assertThat(root.get("response").get("status").asInt()).isEqualTo(410);
        assertThat(root.get("response").get("headers").toString()).contains("[\"Content-Type\",\"text/html;charset=UTF-8\"]");
        assertThat(root.get("response").get("body").asText()).contains("<html");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void explainAnInvalidPathAndAnUnloadableFile() throws Exception {
        Cli run = Cli.run(dir, "explain", "--at", AT, ok.toString(), "/docs/a%2");
        assertThat(run.out()).startsWith("GET /docs/a%2 (not a valid path) at 2030-01-01T00:00:00Z\ntombstone: none matches\nanswer:\n400\n");
        Files.writeString(dir.resolve("bad.json"), "{\"tombstones\": [ {\"path\": 1} ]}");
        Cli bad = Cli.run(dir, "explain", dir.resolve("bad.json").toString(), "/a");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("gone-filter: bad.json:1:18: tombstone #1: path must be a string but was 1"
                + " (the filter would not load it; run check for every error)\n");
    }

    @Test
    void explainKeepsALineBreakInARegexOnItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("nl.json"), "{\"tombstones\":[{\"regex\":\"/g/\\n\"}]}\n");
        assertThat(Cli.run(dir, "explain", "--at", AT, file.toString(), "/g/%0A").out()).startsWith("""
                GET /g/%0A (canonical path /g/\\u000A) at 2030-01-01T00:00:00Z
                tombstone: regex /g/\\u000A [regex, in force], declared #1
                  {"regex":"/g/\\n"}
                answer:
                410
                """);
    }

    @Test
    void explainRefusesAFileThatDoesNotExistAsEveryCommandDoes() {
        // The filter itself would start empty on it, waiting for the file to be written: no answer to explain.
        for (String command : new String[] {"explain", "diff", "convert"}) {
            String other = command.equals("explain") ? "/a" : command.equals("diff") ? ok.toString() : dir.resolve("o.csv").toString();
            Cli run = Cli.run(dir, command, dir.resolve("missing.json").toString(), other);
            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.err()).as(command).isEqualTo("gone-filter: missing.json: file not found\n");
            assertThat(run.out()).as(command).isEmpty();
        }
    }

    @Test
    void diffListsTombstonesAndSamplePathsWhoseAnswerChanges() throws Exception {
        Path paths = Files.writeString(dir.resolve("paths.txt"), "# samples\n/docs/guide\n/docs/a.pdf\n/fresh\n/live\n");
        Cli run = Cli.run(dir, "diff", "--at", AT, "--paths", paths.toString(), ok.toString(), changed.toString());
        assertThat(run.out()).isEqualTo("""
                + {"path":"/fresh","extensions":{"ticket":"T-1"}}
                - {"path":"/docs/guide","reason":"sunset","message":"Moved.","alternative":"/docs/v2/guide"}
                ~ /docs/** (maxAge)
                    old {"path":"/docs/**","deletedAt":"2025-01-01T00:00:00Z","reason":"expired"}
                    new {"path":"/docs/**","deletedAt":"2025-01-01T00:00:00Z","reason":"expired","maxAge":60}
                path /docs/guide: 410, public, max-age=2592000 -> 410, public, max-age=60
                    Link: </docs/v2/guide>; rel="successor-version" -> (none)
                    Content-Length: 142 -> 184
                    body: "{\\"type\\":\\"about:blank\\",\\"title\\":\\"Gone\\",\\"status\\":410,\\"detail\\":\\"Moved.\\",\\"instance\\":\\"/docs/guide\\",\\"reason\\":\\"sunset\\",\\"alternative\\":\\"/docs/v2/guide\\"}" -> "{\\"type\\":\\"about:blank\\",\\"title\\":\\"Gone\\",\\"status\\":410,\\"detail\\":\\"This resource has been permanently removed.\\",\\"instance\\":\\"/docs/guide\\",\\"deletedAt\\":\\"2025-01-01T00:00:00Z\\",\\"reason\\":\\"expired\\"}"
                path /docs/a.pdf: 410, public, max-age=2592000 -> 410, public, max-age=60
                path /fresh: passes -> 410, public, max-age=86400
                1 added, 1 removed, 1 changed, 0 reordered, 3 of 4 sample paths answer differently
                """);
        assertThat(run.exitCode()).isEqualTo(1);
        Cli same = Cli.run(dir, "diff", ok.toString(), ok.toString());
        assertThat(same.out()).isEqualTo("0 added, 0 removed, 0 changed, 0 reordered\n");
        assertThat(same.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(Cli.run(dir, "diff", "--json", ok.toString(), changed.toString()).out());
        assertThat(json.get("changed").get(0).get("fields").toString()).isEqualTo("[\"maxAge\"]");
        assertThat(json.get("added").get(0).get("tombstone").get("path").asText()).isEqualTo("/fresh");
    }

    @Test
    void diffReportsAReorderingThatChangesWhichTombstoneAnswers() throws Exception {
        Path before = Files.writeString(dir.resolve("o.json"), """
                {"tombstones":[{"regex":"/r/.*","reason":"expired"},{"regex":"/r/x","reason":"sunset","alternative":"/new"},
                 {"regex":"/z|/r/x2"},
                 {"path":"/g/*/**"},{"path":"/g/*/x/**"},{"path":"/h/a*"},{"path":"/h/b*"},{"regex":"/s/.*"},
                 {"regex":"/t/.*"},{"path":"/e"},{"path":"/d/**"}]}
                """);
        // Disjoint regexes or globs, an exact path and a glob with a longer literal prefix do not depend on order; a
        // regex with an alternation may start with anything.
        Path after = Files.writeString(dir.resolve("n.json"), """
                {"tombstones":[{"path":"/d/**"},{"path":"/e"},{"regex":"/t/.*"},{"regex":"/s/.*"},{"path":"/h/b*"},{"path":"/h/a*"},
                 {"path":"/g/*/x/**"},{"path":"/g/*/**"},{"regex":"/z|/r/x2"},{"regex":"/r/x","reason":"sunset","alternative":"/new"},
                 {"regex":"/r/.*","reason":"expired"}]}
                """);
        Cli run = Cli.run(dir, "diff", before.toString(), after.toString());
        assertThat(run.out()).isEqualTo("""
                ^ glob /g/*/x/** (#7, was #5) now comes before glob /g/*/** (#8, was #4): where both match, the first declared answers
                ^ regex /z|/r/x2 (#9, was #3) now comes before regex /r/.* (#11, was #1): where both match, the first declared answers
                ^ regex /r/x (#10, was #2) now comes before regex /r/.* (#11, was #1): where both match, the first declared answers
                0 added, 0 removed, 0 changed, 3 reordered
                """);
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(Cli.run(dir, "diff", "--json", before.toString(), after.toString()).out());
        assertThat(json.get("reordered").get(2).toString())
                .isEqualTo("{\"first\":\"regex:/r/x\",\"then\":\"regex:/r/.*\",\"oldPositions\":[2,1],\"newPositions\":[10,11]}");

        Path samples = Files.writeString(dir.resolve("s.txt"), "/r/x\n/r/y\n");
        assertThat(Cli.run(dir, "diff", "--at", AT, "--paths", samples.toString(), before.toString(), after.toString()).out())
                .endsWith("""
                        path /r/x: 410, public, max-age=2592000 -> 410, public, max-age=2592000
                            Content-Length: 142 -> 162
                            Link: (none) -> </new>; rel="successor-version"
                            body: "{\\"type\\":\\"about:blank\\",\\"title\\":\\"Gone\\",\\"status\\":410,\\"detail\\":\\"This resource has been permanently removed.\\",\\"instance\\":\\"/r/x\\",\\"reason\\":\\"expired\\"}" -> "{\\"type\\":\\"about:blank\\",\\"title\\":\\"Gone\\",\\"status\\":410,\\"detail\\":\\"This resource has been permanently removed.\\",\\"instance\\":\\"/r/x\\",\\"reason\\":\\"sunset\\",\\"alternative\\":\\"/new\\"}"
                        0 added, 0 removed, 0 changed, 3 reordered, 1 of 2 sample paths answer differently
                        """);
    }

    @Test
    void regexesWhoseLiteralPrefixesDifferCannotMeet() {
        assertThat(DiffCommand.literalPrefix("/r1/.*")).isEqualTo("/r1/");
        assertThat(DiffCommand.literalPrefix("/ab*")).isEqualTo("/a");
        assertThat(DiffCommand.literalPrefix("/a/x|/b/y")).isEmpty();
        assertThat(DiffCommand.literalPrefix("(?i)/a")).isEmpty();
        assertThat(DiffCommand.literalPrefix("/docs/v{2}")).isEqualTo("/docs/");
    }

    @Test
    void convertGoesBothWaysAndRefusesWhatCsvCannotHold() throws Exception {
        Path csv = dir.resolve("out.csv");
        Cli refused = Cli.run(dir, "convert", changed.toString(), csv.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("gone-filter: out.csv not written: a CSV file cannot hold extensions"
                + " (1 with extensions: /fresh); keep JSON, or remove the extensions first\n");
        assertThat(csv).doesNotExist();

        Cli toCsv = Cli.run(dir, "convert", ok.toString(), csv.toString());
        assertThat(toCsv.out()).isEqualTo("wrote 5 tombstones to out.csv\n");
        assertThat(Files.readString(csv)).isEqualTo("""
                path,regex,deletedAt,reason,message,alternative,maxAge,goneFrom,goneUntil,visibility,restorable,mode
                /docs/**,,2025-01-01T00:00:00Z,expired,,,,,,,,
                /docs/guide,,,sunset,Moved.,/docs/v2/guide,,,,,,
                ,/docs/.*\\.pdf,,,,,,,,,,short-circuit
                /later,,,,,/now,,2031-01-01T00:00:00Z,,,,
                /users/42,,,,,,,,,not_found,,
                """);
        Path back = dir.resolve("back.json");
        assertThat(Cli.run(dir, "convert", csv.toString(), back.toString()).exitCode()).isZero();
        assertThat(Cli.run(dir, "diff", ok.toString(), back.toString()).out()).isEqualTo("0 added, 0 removed, 0 changed, 0 reordered\n");
        Cli missing = Cli.run(dir, "convert", dir.resolve("missing.json").toString(), csv.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("gone-filter: missing.json: file not found\n");
    }
}
