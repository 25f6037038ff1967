package io.github.gonefilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @TempDir
    Path dir;

    private static final String BROKEN_JSON = """
            {
              "tombstones": [
                { "path": "/docs/**", "reason": "expired" },
                { "path": "/docs/*.pdf" },
                { "path": "/a/", "reason": "Bad Reason" },
                { "path": "/b", "maxAge": "P30D", "goneUntil": "2030-01-10T00:00:00Z" },
                { "path": "/c", "restorable": true, "reason": "discontinued" },
                { "regex": "/x/(a+)+", "alternative": "/docs/old" },
                { "path": "/b" },
                { "path": "/old/", "goneUntil": "2020-01-01" },
                { "path": "/d", "unknown": 1 }
              ]
            }
            """;

    @Test
    void everyErrorWithLineAndColumnThenEveryWarning() throws Exception {
        Files.writeString(dir.resolve("t.json"), BROKEN_JSON);
        Cli run = Cli.run(dir, "check", "--at", "2030-01-01T00:00:00Z", dir.resolve("t.json").toString());
        assertThat(run.out()).isEqualTo("""
                t.json:5:5: error: tombstone #3: reason must be a short lower-case code matching [a-z0-9][a-z0-9_.-]{0,63} but was 'Bad Reason' (tombstone /a)
                t.json:9:5: error: duplicate tombstone for /b (first at line 6)
                t.json:11:5: error: tombstone #7: unknown member 'unknown'; known members are [path, regex, deletedAt, reason, message, alternative, maxAge, goneFrom, goneUntil, visibility, restorable, extensions]
                t.json:4: warning [shadowed]: glob /docs/*.pdf never wins: glob /docs/** (line 3) win on every path it matches
                t.json:6: warning [max-age-beyond-gone-until]: path /b: maxAge P30D is longer than the P9D until goneUntil; the filter shortens it to the time left
                t.json:7: warning [restorable-long-lifetime]: path /c is restorable but cached for P365D; caches keep answering 410 that long after a restore
                t.json:8: warning [nested-quantifier]: regex /x/(a+)+: a repeated group contains a repetition; on a long path a backtracking match can take exponential time
                t.json:8: warning [alternative-gone]: regex /x/(a+)+: its alternative /docs/old is itself gone (glob /docs/**)
                t.json:10: warning [canonicalized]: path '/old/' is read as /old (trailing slash, '//', dot segments, ';' and '\\' are canonicalized away)
                t.json:10: warning [gone-until-past]: path /old: goneUntil 2020-01-01T00:00:00Z has passed; the tombstone no longer applies
                t.json: does not load, 3 errors, 7 warnings
                """);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void csvErrorsNameTheCellsColumn() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "path,reason,maxAge\n/a,ok,\n/b,BAD,\n# comment\n/c,,notaduration\n/a,,\n");
        Cli run = Cli.run(dir, "check", dir.resolve("t.csv").toString());
        assertThat(run.out()).isEqualTo("""
                t.csv:3:4: error: reason must be a short lower-case code matching [a-z0-9][a-z0-9_.-]{0,63} but was 'BAD' (tombstone /b)
                t.csv:5:5: error: maxAge must be whole seconds or an ISO-8601 duration such as P30D but was 'notaduration'
                t.csv:6:1: error: duplicate tombstone for /a (first at line 2)
                t.csv: does not load, 3 errors, 0 warnings
                """);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void aSyntaxErrorEndsTheReadingAndSaysSo() throws Exception {
        Files.writeString(dir.resolve("t.json"), "{\"tombstones\": [ {\"path\": \"/a\"}, {\"path\": } ]}");
        Cli run = Cli.run(dir, "check", dir.resolve("t.json").toString());
        assertThat(run.out()).startsWith("t.json:1:").contains(": error: ")
                .contains("t.json: note: reading stopped here; errors after this point are not reported")
                .endsWith("t.json: does not load, 1 error, 0 warnings\n");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void aCleanFileExitsZero() throws Exception {
        Files.writeString(dir.resolve("ok.csv"), "path,reason\n/a,expired\n/b/**,sunset\n");
        Cli run = Cli.run(dir, "check", dir.resolve("ok.csv").toString());
        assertThat(run.out()).isEqualTo("ok.csv: 2 tombstones, 0 errors, 0 warnings\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void unreadableAndUsageErrorsExitTwo() {
        assertThat(Cli.run(dir, "check", dir.resolve("missing.json").toString()))
                .satisfies(r -> assertThat(r.out()).isEqualTo("missing.json: error: file not found\n"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2));
        assertThat(Cli.run(dir, "check").exitCode()).isEqualTo(2);
        assertThat(Cli.run(dir, "check", "--at", "yesterday", "x.json").exitCode()).isEqualTo(2);
        assertThat(Cli.run(dir).exitCode()).isEqualTo(2);
    }

    @Test
    void jsonShape() throws Exception {
        Files.writeString(dir.resolve("t.json"), BROKEN_JSON);
        Cli run = Cli.run(dir, "check", "--json", "--at", "2030-01-01T00:00:00Z", dir.resolve("t.json").toString());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("errors").asInt()).isEqualTo(3);
        assertThat(root.get("warnings").asInt()).isEqualTo(7);
        JsonNode file = root.get("files").get(0);
        assertThat(file.get("file").asText()).isEqualTo("t.json");
        assertThat(file.get("loads").asBoolean()).isFalse();
        assertThat(file.get("complete").asBoolean()).isTrue();
        assertThat(file.get("errors").get(1).toString())
                .isEqualTo("{\"line\":9,\"column\":5,\"message\":\"duplicate tombstone for /b (first at line 6)\"}");
        assertThat(file.get("warnings").get(0).get("code").asText()).isEqualTo("shadowed");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void caseInsensitiveFilesWarnAboutPathsThatFoldTogether() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "path\n/About\n/about\n");
        Cli run = Cli.run(dir, "check", "--case-insensitive", dir.resolve("t.csv").toString());
        assertThat(run.out()).isEqualTo("""
                t.csv:3: warning [same-path]: path /about covers the same canonical path as path /About (line 2) (paths match ignoring case); only the first is used
                t.csv: 2 tombstones, 0 errors, 1 warning
                """);
        assertThat(Cli.run(dir, "check", dir.resolve("t.csv").toString()).exitCode()).isZero();
    }
}
