package io.github.gonefilter.registry.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.TombstoneRegistryListener;
import io.github.gonefilter.tombstone.Visibility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTombstoneRegistryTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    /** Rewrites a file so its change is visible even on filesystems with coarse timestamps. */
    private static void rewrite(Path file, String content) throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));
    }

    @Test
    void readsEveryFieldOfTheJsonFormat() throws Exception {
        Path file = write("t.json", """
                {"tombstones": [
                  {"path": "/api/users/123", "deletedAt": "2026-01-15T10:00:00Z", "reason": "user_request",
                   "message": "Deleted by its owner.", "alternative": "/api/users", "maxAge": 3600,
                   "goneFrom": "2026-01-15", "goneUntil": "2027-01-15T00:00:00+01:00", "visibility": "legal",
                   "restorable": true, "extensions": {"guide": "https://example.com/g", "n": [1, 2]}},
                  {"regex": "/reports/\\\\d+", "maxAge": "P30D"}
                ]}
                """);
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            Tombstone t = r.find("/api/users/123", NOW).orElseThrow();
            assertThat(t.deletedAt()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
            assertThat(t.reason()).isEqualTo("user_request");
            assertThat(t.message()).isEqualTo("Deleted by its owner.");
            assertThat(t.alternative()).hasToString("/api/users");
            assertThat(t.maxAge()).isEqualTo(Duration.ofHours(1));
            assertThat(t.goneFrom()).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
            assertThat(t.goneUntil()).isEqualTo(Instant.parse("2027-01-14T23:00:00Z"));
            assertThat(t.visibility()).isEqualTo(Visibility.LEGAL);
            assertThat(t.restorable()).isTrue();
            assertThat(t.extensions()).containsEntry("guide", "https://example.com/g").containsEntry("n", List.of(1, 2));
            assertThat(r.find("/reports/42", NOW)).get().extracting(Tombstone::maxAge).isEqualTo(Duration.ofDays(30));
        }
    }

    @Test
    void readsTheCsvFormatWithQuotingAndOptionalColumns() throws Exception {
        Path file = write("t.csv", "path,reason,message,maxAge\r\n"
                + "/old/page,discontinued,\"Gone, for good: \"\"really\"\"\",86400\r\n"
                + "/legacy/**,,,\n"
                + "# a comment line\n"
                + "\n"
                + "\"/multi\",sunset,\"line one\nline two\",\n");
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            assertThat(r.list()).hasSize(3);
            assertThat(r.find("/old/page", NOW)).get().extracting(Tombstone::message).isEqualTo("Gone, for good: \"really\"");
            assertThat(r.find("/legacy/x", NOW)).get().extracting(Tombstone::reason).isNull();
            assertThat(r.find("/multi", NOW)).get().extracting(Tombstone::message).isEqualTo("line one\nline two");
        }
    }

    @Test
    void errorsNameTheFileAndThePosition() throws Exception {
        assertError("syntax.json", "{\"tombstones\": [\n  {\"path\": \"/a\",}\n]}", ":2:");
        assertError("field.json", "{\"tombstones\": [\n {\"path\": \"/a\"},\n\n   {\"path\": \"/b\", \"deletedAt\": \"yesterday\"}\n]}",
                ":4:4: tombstone #2: deletedAt must be an ISO-8601 instant");
        assertError("unknown.json", "{\"tombstones\": [{\"path\": \"/a\", \"maxage\": 5}]}", "unknown member 'maxage'");
        assertError("both.json", "{\"tombstones\": [{\"path\": \"/a\", \"regex\": \"/b\"}]}", "exactly one of 'path' or 'regex'");
        assertError("regex.json", "{\"tombstones\": [{\"regex\": \"/a(\"}]}", "regex '/a(' is invalid");
        assertError("dup.json", "{\"tombstones\": [\n{\"path\": \"/a\"},\n{\"path\": \"/a/\"}]}",
                ":3:1: duplicate tombstone for /a (first at line 2)");
        assertError("top.json", "[]", "expected a JSON object");
        // A member given twice: a reviewer sees one value, "last one wins" would use the other.
        assertError("twice.json", "{\"tombstones\": [\n  {\"path\": \"/a\", \"path\": \"/b\"}]}",
                ":2:24: Duplicate field 'path'");
        assertError("twice-top.json", "{\"tombstones\": [{\"path\": \"/a\"}],\n\"tombstones\": []}",
                ":2:13: Duplicate field 'tombstones'");
        assertError("twice-ext.json", "{\"tombstones\": [{\"path\": \"/a\", \"extensions\": {\"k\": 1, \"k\": 2}}]}",
                "Duplicate field 'k'");
        assertError("bad.csv", "path,reason\n/a,ok\n/b,Not A Code\n", ":3: reason must be a short lower-case code");
        assertError("header.csv", "path,colour\n/a,red\n", ":1: unknown column 'colour'");
        assertError("quote.csv", "path,message\n/a,\"never closed\n", ":2: unclosed quote");
        assertError("wide.csv", "path\n/a,extra\n", ":2: row has 2 fields but the header (line 1) has 1");
    }

    private void assertError(String name, String content, String expected) throws Exception {
        Path file = write(name, content);
        assertThatThrownBy(() -> FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build())
                .isInstanceOf(TombstoneFileException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected);
    }

    @Test
    void aMissingFileInAWritableDirectoryStartsEmptyAndTheFirstBuryCreatesIt() throws Exception {
        for (String name : new String[] {"new.json", "new.csv"}) {
            Path file = dir.resolve(name);
            try (FileTombstoneRegistry r = FileTombstoneRegistry.of(file.toString())) {
                assertThat(r.list()).isEmpty();
                assertThat(r.find("/a", NOW)).isEmpty();
                assertThat(r.reload()).isFalse(); // still missing: nothing to report
                assertThat(file).doesNotExist();
                r.bury(Tombstone.builder("/a").reason("user_request").build());
                assertThat(r.find("/a", NOW)).isPresent();
            }
            try (FileTombstoneRegistry again = FileTombstoneRegistry.of(file.toString())) {
                assertThat(again.list()).extracting(t -> t.pattern().key()).containsExactly("/a");
            }
        }
    }

    @Test
    void aMissingFileThatAppearsLaterIsLoaded() throws Exception {
        Path file = dir.resolve("later.json");
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            Files.writeString(file, "{\"tombstones\": [{\"path\": \"/a\"}]}\n");
            assertThat(r.reload()).isTrue();
            assertThat(r.find("/a", NOW)).isPresent();
        }
    }

    @Test
    void aMissingFileWhereItCannotBeCreatedAndAnUnreadableOneAreErrors() throws Exception {
        assertThatThrownBy(() -> FileTombstoneRegistry.of(dir.resolve("no-such-dir/t.json").toString()))
                .isInstanceOf(TombstoneFileException.class).hasMessageContaining("t.json")
                .hasMessageContaining("not found").hasMessageContaining("cannot be created");
        assertThatThrownBy(() -> FileTombstoneRegistry.of("classpath:nope.json"))
                .hasMessageContaining("classpath:nope.json").hasMessageContaining("no such resource");
        Path directory = Files.createDirectory(dir.resolve("a-directory.json"));
        assertThatThrownBy(() -> FileTombstoneRegistry.of(directory.toString()))
                .isInstanceOf(TombstoneFileException.class).hasMessageContaining("cannot read");
    }

    @Test
    void emptyFilesHoldNoTombstones() throws Exception {
        String[][] files = {{"empty.json", ""}, {"blank.json", " \n\n"}, {"braces.json", "{}\n"},
            {"array.json", "{\"tombstones\": []}"}, {"empty.csv", ""}, {"header.csv", "path,reason\n"},
            {"comment.csv", "# filled in by the import job\n"}};
        for (String[] f : files) {
            Path file = write(f[0], f[1]);
            try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
                assertThat(r.list()).as(f[0]).isEmpty();
                r.bury(Tombstone.of("/x"));
            }
            try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
                assertThat(r.list()).as(f[0]).hasSize(1);
            }
        }
    }

    @Test
    void aFileDeletedAtRunTimeKeepsTheLastGoodSetAndTheNextBuryWritesItAgain() throws Exception {
        Path file = write("t.json", "{\"tombstones\": [{\"path\": \"/a\"}]}");
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            Files.delete(file);
            assertThatThrownBy(r::reload).isInstanceOf(TombstoneFileException.class).hasMessageContaining("not found");
            assertThat(r.find("/a", NOW)).isPresent();
            assertThat(r.reload()).isFalse(); // reported once
            r.bury(Tombstone.of("/b"));
        }
        try (FileTombstoneRegistry again = FileTombstoneRegistry.of(file.toString())) {
            assertThat(again.list()).extracting(t -> t.pattern().key()).containsExactly("/a", "/b");
        }
    }

    @Test
    void aCsvFileCutOffMidRowFailsAtStartUpNamingTheLine() throws Exception {
        assertError("cut.csv", "path,reason\n/products/41,discontinued\n/products/4",
                ":3: the last line has no line terminator");
        assertError("cut2.csv", "path,reason\r\n/products/41,discontinued\r\n/products/4,disc",
                "End the file with a newline");
        assertError("cutheader.csv", "path", ":1: the last line has no line terminator");
    }

    @Test
    void aHalfWrittenCsvIsNotLoadedAndIsLoggedOnceIfItStaysSo() throws Exception {
        Path file = write("t.csv", "path,reason\n/products/41,discontinued\n");
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = capture(logged);
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            // The writer was cut after "/products/4" of "/products/42".
            rewrite(file, "path,reason\n/products/41,discontinued\n/products/4");
            r.check();
            r.check();
            assertThat(r.find("/products/4", NOW)).isEmpty();
            assertThat(r.find("/products/41", NOW)).isPresent();
            r.check();
            r.check();
            assertThat(logged).filteredOn(l -> l.getMessage().contains("no line terminator")).hasSize(1)
                    .allSatisfy(l -> assertThat(l.getMessage()).contains(file.toString() + ":3:")
                            .contains("Keeping the last good tombstones (1)"));
            assertThat(r.reload()).isFalse(); // the same version, already reported

            rewrite(file, "path,reason\n/products/41,discontinued\n/products/42,discontinued\n");
            r.check();
            r.check();
            assertThat(r.find("/products/42", NOW)).isPresent();
            assertThat(r.find("/products/4", NOW)).isEmpty();
        } finally {
            Logger.getLogger(FileTombstoneRegistry.class.getName()).removeHandler(handler);
        }
    }

    @Test
    void theReloaderWaitsUntilTheFileLooksTheSameAtTwoChecksInARow() throws Exception {
        Path file = write("t.csv", "path\n/a\n");
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            // A writer appends row by row; every version in between is a valid file with fewer rows.
            Files.writeString(file, "/b\n", StandardOpenOption.APPEND);
            r.check();
            assertThat(r.list()).hasSize(1);
            Files.writeString(file, "/c\n", StandardOpenOption.APPEND);
            r.check();
            assertThat(r.list()).hasSize(1);
            Files.writeString(file, "/d\n", StandardOpenOption.APPEND);
            r.check();
            assertThat(r.list()).hasSize(1);
            r.check(); // unchanged since the last check: settled
            assertThat(r.list()).extracting(t -> t.pattern().key()).containsExactly("/a", "/b", "/c", "/d");
        }
    }

    @Test
    void writtenFilesEndWithANewline() throws Exception {
        for (TombstoneFileFormat format : TombstoneFileFormat.values()) {
            assertThat(format.write(List.of())).endsWith("\n");
            assertThat(format.write(List.of(Tombstone.builder("/a").message("two\nlines").build()))).endsWith("\n");
        }
    }

    private static Handler capture(List<LogRecord> into) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                into.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger(FileTombstoneRegistry.class.getName()).addHandler(handler);
        return handler;
    }

    @Test
    void reloadPicksUpChangesAndKeepsTheLastGoodSetWhenTheFileBreaks() throws Exception {
        Path file = write("t.json", "{\"tombstones\": [{\"path\": \"/a\"}]}");
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            assertThat(r.reload()).isFalse();
            rewrite(file, "{\"tombstones\": [{\"path\": \"/b\"}]}");
            assertThat(r.reload()).isTrue();
            assertThat(r.find("/a", NOW)).isEmpty();
            assertThat(r.find("/b", NOW)).isPresent();

            rewrite(file, "{\"tombstones\": [{\"path\": \"/c\"},");
            assertThatThrownBy(r::reload).isInstanceOf(TombstoneFileException.class).hasMessageContaining(file.toString());
            assertThat(r.find("/b", NOW)).isPresent();
            assertThat(r.reload()).isFalse(); // the same broken version is reported once

            rewrite(file, "{\"tombstones\": [{\"path\": \"/c\"}]}");
            assertThat(r.reload()).isTrue();
            assertThat(r.find("/c", NOW)).isPresent();
        }
    }

    @Test
    void aCheckOfAnUnchangedFileCountsAsARead() throws Exception {
        Path file = write("t.json", "{\"tombstones\": [{\"path\": \"/a\"}]}");
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            TombstoneRegistryListener listener = mock(TombstoneRegistryListener.class);
            r.addListener(listener);
            Instant first = r.status().lastLoaded();
            while (!Instant.now().isAfter(first)) {
                Thread.onSpinWait(); // the wall clock must move on; no sleep
            }
            r.check();
            r.check();
            assertThat(r.status().lastLoaded()).as("staleness stays bounded by the reload interval").isAfter(first);
            assertThat(r.status().state()).isEqualTo(RegistryStatus.State.CURRENT);
            verify(listener, atLeastOnce()).synced(true);
            verify(listener, never()).changed(anyList());

            rewrite(file, "{\"tombstones\": [");
            assertThatThrownBy(r::reload).isInstanceOf(TombstoneFileException.class);
            Instant lastGood = r.status().lastLoaded();
            r.check();
            r.check();
            assertThat(r.status().lastLoaded()).as("a broken file is no read").isEqualTo(lastGood);
            assertThat(r.status().state()).isEqualTo(RegistryStatus.State.STALE);
        }
    }

    @Test
    void listenersHearWhatAReloadChangedAndStatusTellsABrokenFile() throws Exception {
        Path file = write("t.json", "{\"tombstones\": [{\"path\": \"/a\"}, {\"path\": \"/b\"}]}");
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            TombstoneRegistryListener listener = mock(TombstoneRegistryListener.class);
            r.addListener(listener);
            assertThat(r.status().state()).isEqualTo(RegistryStatus.State.CURRENT);
            assertThat(r.status().lastLoaded()).isNotNull();

            rewrite(file, "{\"tombstones\": [{\"path\": \"/b\", \"message\": \"changed\"}, {\"path\": \"/c\"}]}");
            assertThat(r.reload()).isTrue();
            Tombstone b = Tombstone.builder("/b").message("changed").build();
            verify(listener).changed(List.of(
                    new TombstoneChange(TombstoneChange.Kind.ADDED, b, TombstoneChange.Cause.RELOAD),
                    new TombstoneChange(TombstoneChange.Kind.ADDED, Tombstone.of("/c"), TombstoneChange.Cause.RELOAD),
                    new TombstoneChange(TombstoneChange.Kind.REMOVED, Tombstone.of("/a"), TombstoneChange.Cause.RELOAD)));
            verify(listener).synced(true);

            rewrite(file, "{\"tombstones\": [");
            assertThatThrownBy(r::reload).isInstanceOf(TombstoneFileException.class);
            verify(listener).synced(false);
            RegistryStatus broken = r.status();
            assertThat(broken.state()).as("the last good set stays in force").isEqualTo(RegistryStatus.State.STALE);
            assertThat(broken.lastError()).contains(file.toString());
            assertThat(broken.size()).isEqualTo(2);
            assertThat(broken.kind()).isEqualTo("file");
        }
    }

    @Test
    void theFileIsWatchedInTheBackground() throws Exception {
        Path file = write("t.json", "{\"tombstones\": []}");
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString())
                .reloadInterval(Duration.ofMillis(50)).build()) {
            rewrite(file, "{\"tombstones\": [{\"path\": \"/new\"}]}");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (r.find("/new", NOW).isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(r.find("/new", NOW)).isPresent();
        }
    }

    @Test
    void writesReplaceTheFileAtomicallyAndSurviveARestart() throws Exception {
        Path file = write("t.json", "{\"tombstones\": [{\"path\": \"/keep\"}]}");
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            r.bury(Tombstone.builder("/blog/café").reason("expired").restorable(true).build());
            r.bury(Tombstone.builder("/100%25/x%3By").build());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary files left behind
        }
        try (FileTombstoneRegistry again = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            assertThat(again.list()).extracting(t -> t.pattern().key()).containsExactly("/keep", "/blog/café", "/100%/x;y");
            assertThat(again.restore("/blog/café")).isTrue();
        }
        assertThat(Files.readString(file)).doesNotContain("café");
    }

    @Test
    void buryKeepsTheFilesModeAndItsSymbolicLink() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path real = data.resolve("tombstones.json");
        Files.writeString(real, "{\"tombstones\": [{\"path\": \"/keep\"}]}");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(dir.resolve("tombstones.json"), Path.of("data/tombstones.json"));
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(link.toString()).reloadInterval(Duration.ZERO).build()) {
            r.bury(Tombstone.of("/new"));
            assertThat(r.reload()).isFalse(); // its own write is not mistaken for an edit
        }
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(real)).contains("/keep", "/new");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files).containsExactly(real);
        }
    }

    @Test
    void classpathResourcesAreReadOnly() {
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder("classpath:tombstones/sample.json")
                .reloadInterval(Duration.ZERO).build()) {
            assertThat(r.find("/sample", NOW)).isPresent();
            assertThat(r.writable()).isFalse();
            assertThatThrownBy(() -> r.bury(Tombstone.of("/x"))).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("read-only");
        }
    }

    @Test
    void fileUrlsWork() throws Exception {
        Path file = write("t.json", "{\"tombstones\": [{\"path\": \"/u\"}]}");
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toUri().toString()).reloadInterval(Duration.ZERO).build()) {
            assertThat(r.find("/u", NOW)).isPresent();
            assertThat(r.writable()).isTrue();
        }
    }

    @Test
    void bulkListsShareRepeatedValues() throws Exception {
        StringBuilder csv = new StringBuilder("path,reason,message\n");
        for (int i = 0; i < 100; i++) {
            csv.append("/items/").append(i).append(",discontinued,This product was discontinued.\n");
        }
        Path file = write("bulk.csv", csv.toString());
        try (FileTombstoneRegistry r = FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build()) {
            List<Tombstone> list = r.list();
            assertThat(list).hasSize(100);
            assertThat(list.get(0).message()).isSameAs(list.get(99).message());
            assertThat(list.get(0).reason()).isSameAs(list.get(99).reason());
        }
    }
}
