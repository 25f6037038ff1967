package io.github.gonefilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    private static final String AT = "2030-01-01T00:00:00Z";

    @TempDir
    Path dir;

    private static final String BROKEN_JSON = """
            {
              "tombstones": [
                { "path": "/docs/**", "reason": "expired" },
                { "path": "/docs/*.pdf" },
                { "path": "/a/", "reason": "Bad Reason" },
                { "path": "/b", "maxAge": "P30D", "goneUntil": "2030-01-10T00:00:00Z" },
                { "path": "/c", "restorable": true, "reason": "discontinued", "maxAge": "P7D" },
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
                t.json:11:5: error: tombstone #9: unknown member 'unknown'; known members are [path, regex, deletedAt, reason, message, alternative, maxAge, goneFrom, goneUntil, visibility, restorable, mode, extensions]
                t.json:4: warning [shadowed]: glob /docs/*.pdf never wins: glob /docs/** (line 3) win on every path it matches
                t.json:6: warning [max-age-beyond-gone-until]: path /b: maxAge P30D is longer than the P9D until goneUntil; the filter shortens it to the time left
                t.json:7: warning [restorable-long-lifetime]: path /c is restorable but cached for P7D, longer than restorableMaxAge P1D; caches keep answering 410 that long after a restore
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

    @Test
    void lifetimesAreTheFiltersRestorableMaxAgeFirstThenTheReasonsThenTheDefault() throws Exception {
        Path file = Files.writeString(dir.resolve("w.json"), """
                {"tombstones":[
                  {"path":"/rs","restorable":true,"reason":"discontinued","goneUntil":"2030-01-10"},
                  {"path":"/old","reason":"discontinued","goneUntil":"2030-01-10"},
                  {"path":"/plain","goneUntil":"2030-01-03"}
                ]}
                """);
        // Defaults: the restorable /rs is cached for restorableMaxAge (P1D), not its reason's P365D.
        assertThat(Cli.run(dir, "check", "--at", AT, file.toString()).out()).isEqualTo("""
                w.json:3: warning [max-age-beyond-gone-until]: path /old: maxAge P365D is longer than the P9D until goneUntil; the filter shortens it to the time left
                w.json: 3 tombstones, 0 errors, 1 warning
                """);
        assertThat(cacheControl("explain", "--at", AT, file.toString(), "/rs")).isEqualTo("public, max-age=86400");

        String[] settings = {"--restorable-max-age", "P10D", "--max-age", "discontinued=P2D", "--default-max-age", "P3D"};
        assertThat(Cli.run(dir, concat(new String[] {"check", "--at", AT}, settings, file.toString())).out()).isEqualTo("""
                w.json:2: warning [max-age-beyond-gone-until]: path /rs: maxAge P10D is longer than the P9D until goneUntil; the filter shortens it to the time left
                w.json:4: warning [max-age-beyond-gone-until]: path /plain: maxAge P3D is longer than the P2D until goneUntil; the filter shortens it to the time left
                w.json: 3 tombstones, 0 errors, 2 warnings
                """);
        // explain, given the same settings, sends what check judged: shortened to goneUntil, or the reason's.
        assertThat(cacheControl(concat(new String[] {"explain", "--at", AT}, settings, file.toString(), "/rs")))
                .isEqualTo("public, max-age=777600");
        assertThat(cacheControl(concat(new String[] {"explain", "--at", AT}, settings, file.toString(), "/old")))
                .isEqualTo("public, max-age=172800");

        Cli bad = Cli.run(dir, "check", "--restorable-max-age", "soon", file.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("gone-filter: --restorable-max-age must be whole seconds or an ISO-8601 duration such as"
                + " P30D but was 'soon' (see 'gone-filter check --help')\n");
    }

    private String cacheControl(String... args) {
        Cli run = Cli.run(dir, args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().lines().filter(l -> l.startsWith("Cache-Control: ")).findFirst().orElseThrow()
                .substring("Cache-Control: ".length());
    }

    private static String[] concat(String[] first, String[] second, String... rest) {
        return java.util.stream.Stream.of(first, second, rest).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    @Test
    void errorsAfterAnElementThatIsNoObjectAreStillReportedAndTombstonesNumberedAsWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("t.json"), "{\"tombstones\":[{\"path\":\"/a\",\"reason\":\"Bad\"},"
                + "{\"path\":\"/b\",\"maxAge\":\"x\"},\"str\",null,{\"path\":\"/c\",\"extensions\":{\"status\":1}},"
                + "{\"path\":\"/d\",\"extensions\":{\"x\":{\"y\":[1,{\"z\":null}]}}}, {\"path\":\"/e\",\"restorable\":\"yes\"}]}\n");
        assertThat(Cli.run(dir, "check", file.toString()).out()).isEqualTo("""
                t.json:1:16: error: tombstone #1: reason must be a short lower-case code matching [a-z0-9][a-z0-9_.-]{0,63} but was 'Bad' (tombstone /a)
                t.json:1:45: error: tombstone #2: maxAge must be whole seconds or an ISO-8601 duration such as P30D but was 'x'
                t.json:1:72: error: tombstone #3: a tombstone must be a JSON object
                t.json:1:78: error: tombstone #4: a tombstone must be a JSON object
                t.json:1:83: error: tombstone #5: extension 'status' would replace a standard member (tombstone /c)
                t.json:1:178: error: tombstone #7: restorable must be true or false but was "yes"
                t.json: does not load, 6 errors, 0 warnings
                """);

        Path seven = Files.writeString(dir.resolve("t2.json"), """
                { "tombstones": [
                    { "path": "/1" },
                    { "path": "/2" },
                    { "path": "/3", "reason": "Bad" },
                    { "path": "/4" },
                    { "path": "/5", "maxAge": "bogus" },
                    { "path": "/6", "maxAge": "bogus" },
                    { "path": "/7", "maxAge": "bogus" }
                ]}
                """);
        assertThat(Cli.run(dir, "check", seven.toString()).out()).isEqualTo("""
                t2.json:4:5: error: tombstone #3: reason must be a short lower-case code matching [a-z0-9][a-z0-9_.-]{0,63} but was 'Bad' (tombstone /3)
                t2.json:6:5: error: tombstone #5: maxAge must be whole seconds or an ISO-8601 duration such as P30D but was 'bogus'
                t2.json:7:5: error: tombstone #6: maxAge must be whole seconds or an ISO-8601 duration such as P30D but was 'bogus'
                t2.json:8:5: error: tombstone #7: maxAge must be whole seconds or an ISO-8601 duration such as P30D but was 'bogus'
                t2.json: does not load, 4 errors, 0 warnings
                """);
    }

    @Test
    void aMissingFinalNewlineIsOneErrorAndTheLastRowIsStillChecked() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "path,reason\n/a,ok\n/b,ok");
        assertThat(Cli.run(dir, "check", dir.resolve("t.csv").toString()).out()).isEqualTo("""
                t.csv:3:1: error: the last line has no line terminator, so the file may still be being written or was cut off; not loaded. End the file with a newline
                t.csv: does not load, 1 error, 0 warnings
                """);
        Files.writeString(dir.resolve("u.csv"), "path,reason\n/a,ok\n/b,Bad");
        assertThat(Cli.run(dir, "check", dir.resolve("u.csv").toString()).out()).isEqualTo("""
                u.csv:3:1: error: the last line has no line terminator, so the file may still be being written or was cut off; not loaded. End the file with a newline
                u.csv:3:4: error: reason must be a short lower-case code matching [a-z0-9][a-z0-9_.-]{0,63} but was 'Bad' (tombstone /b)
                u.csv: does not load, 2 errors, 0 warnings
                """);
    }

    @Test
    void aCsvCellAfterAQuotedCellThatSpansLinesIsFoundWhereItStarts() throws Exception {
        for (String newline : new String[] {"\n", "\r\n"}) {
            Files.writeString(dir.resolve("c.csv"), "path,message,reason" + newline + "/a,\"x, \"\"y\"\"" + newline + "z\",Bad"
                    + newline + "/b,\"one" + newline + "two" + newline + "three\",ok,x" + newline);
            assertThat(Cli.run(dir, "check", dir.resolve("c.csv").toString()).out()).as(newline.length() + "-character newline")
                    .startsWith("""
                            c.csv:3:4: error: reason must be a short lower-case code matching [a-z0-9][a-z0-9_.-]{0,63} but was 'Bad' (tombstone /a)
                            c.csv:4:1: error: """);
        }
    }

    @Test
    void outputStaysOneFindingPerLineWithoutLogRecords() throws Exception {
        Path file = Files.writeString(dir.resolve("t.json"), "{\"tombstones\":[{\"regex\":\"/g/.+\"},{\"regex\":\"/g/\\n\"},"
                + "{\"regex\":\"/r/(a+)+\"}]}\n");
        Cli run = Cli.run(dir, "check", file.toString());
        assertThat(run.out()).isEqualTo("""
                t.json:1: warning [nested-quantifier]: regex /r/(a+)+: a repeated group contains a repetition; on a long path a backtracking match can take exponential time
                t.json:1: warning [shadowed]: regex /g/\\u000A never wins: regex /g/.+ (line 1) win on every path it matches
                t.json: 3 tombstones, 0 errors, 2 warnings
                """);
        // The library logs its own warning about the regex; as the jar runs, only the finding above is printed.
        Process main = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), GoneFilterCli.class.getName(), "check", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(main.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(main.waitFor()).isEqualTo(1);
        assertThat(stderr).isEmpty();
    }

    @Test
    void parserErrorsSayLineAndColumnWithoutJacksonsSourceDescription() throws Exception {
        Path broken = Files.writeString(dir.resolve("b.json"), "{\"tombstones\":[\n {\"path\":\"/a\",\"reason\":\"Bad\"},\n"
                + " {\"path\":\"/b\"\n ]}\n");
        assertThat(Cli.run(dir, "check", broken.toString()).out()).isEqualTo("""
                b.json:2:2: error: tombstone #1: reason must be a short lower-case code matching [a-z0-9][a-z0-9_.-]{0,63} but was 'Bad' (tombstone /a)
                b.json:4:2: error: Unexpected close marker ']': expected '}' (for Object starting at line 3, column 2)
                b.json: note: reading stopped here; errors after this point are not reported
                b.json: does not load, 2 errors, 0 warnings
                """);
    }

    @Test
    void usageErrorsArePrefixedLikeEveryOtherError() {
        String file = dir.resolve("t.json").toString();
        assertThat(Cli.run(dir, "check", "--bogus", file).err())
                .isEqualTo("gone-filter: Unknown option: '--bogus' (see 'gone-filter check --help')\n");
        assertThat(Cli.run(dir, "explain", file).err())
                .isEqualTo("gone-filter: Missing required parameter: 'PATH' (see 'gone-filter explain --help')\n");
        assertThat(Cli.run(dir).err())
                .isEqualTo("gone-filter: name a command: check, explain, diff, convert or import (see 'gone-filter --help')\n");
    }
}
