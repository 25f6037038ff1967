package io.github.gonefilter.registry.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.internal.registry.TombstoneFields;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both file formats read every tombstone through the one route, which keeps a million-line file fast. */
class TombstoneFileFormatTest {

    @Test
    void anInvalidDateIsStillReportedWithItsLine() {
        String csv = "path,deletedAt\n/a,2025-03-01T12:00:00Z\n/b,2025-02-30T12:00:00Z\n";
        assertThatThrownBy(() -> TombstoneFileFormat.CSV.read("t.csv", new StringReader(csv)))
                .isInstanceOf(TombstoneFileException.class)
                .hasMessageStartingWith("t.csv:3: deletedAt must be an ISO-8601 instant");
        String json = "{\"tombstones\": [\n{\"path\": \"/a\", \"deletedAt\": \"2025-02-30T12:00:00Z\"}]}";
        assertThatThrownBy(() -> TombstoneFileFormat.JSON.read("t.json", new StringReader(json)))
                .isInstanceOf(TombstoneFileException.class).hasMessageContaining("deletedAt");
    }

    @Test
    void csvRecordsAreReadAcrossBufferBoundaries() throws Exception {
        StringBuilder csv = new StringBuilder("path,message,deletedAt\r\n");
        for (int i = 0; i < 2000; i++) {
            csv.append("/items/").append(i).append(",\"line one, \"\"quoted\"\"\nline two\",2025-03-01T12:00:00Z\r\n");
        }
        List<Tombstone> read = TombstoneFileFormat.CSV.read("t.csv", new StringReader(csv.toString()));
        assertThat(read).hasSize(2000);
        assertThat(read.get(1999).pattern().key()).isEqualTo("/items/1999");
        assertThat(read.get(1999).message()).isEqualTo("line one, \"quoted\"\nline two");
        assertThat(read.get(1999).deletedAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(read.get(0).message()).isSameAs(read.get(1999).message());
    }

    @Test
    void bothFormatsBuildTheTombstonesTheBuilderBuilds() throws Exception {
        String csv = "path,deletedAt,reason,message\n/a/./b/,2025-03-01T12:00:00Z,gdpr, Gone \n/c,,,\n"
                + "/d, 2025-03-01T12:00:00Z ,,m\n/e,2025-03-01,,\n";
        Instant march = Instant.parse("2025-03-01T12:00:00Z");
        List<Tombstone> read = TombstoneFileFormat.CSV.read("t.csv", new StringReader(csv));
        assertThat(read).containsExactly(
                Tombstone.builder("/a/b").deletedAt(march).reason("gdpr").message("Gone").build(), // CSV cells are trimmed
                Tombstone.of("/c"),
                Tombstone.builder("/d").deletedAt(march).message("m").build(),
                Tombstone.builder("/e").deletedAt(Instant.parse("2025-03-01T00:00:00Z")).build());
        String json = "{\"tombstones\": [{\"path\": \"/a/./b/\", \"deletedAt\": \"2025-03-01T12:00:00Z\", "
                + "\"reason\": \"gdpr\", \"message\": \" Gone \", \"maxAge\": 60, \"restorable\": true,"
                + " \"extensions\": {\"n\": [1, \"x\"]}}, {\"regex\": \"/e/.*\", \"goneUntil\": \"2030-01-01\"}]}";
        assertThat(TombstoneFileFormat.JSON.read("t.json", new StringReader(json))).containsExactly(
                Tombstone.builder("/a/b").deletedAt(march).reason("gdpr").message(" Gone ").maxAge(Duration.ofMinutes(1))
                        .restorable(true).extension("n", List.of(1, "x")).build(),
                Tombstone.regexBuilder("/e/.*").goneUntil(Instant.parse("2030-01-01T00:00:00Z")).build());
    }

    @Test
    void modeIsAColumnAndAMember() throws Exception {
        String csv = "path,mode\n/slug,fallback\n/api/7,short-circuit\n/plain,\n";
        assertThat(TombstoneFileFormat.CSV.read("t.csv", new StringReader(csv))).containsExactly(
                Tombstone.builder("/slug").mode(TombstoneMode.FALLBACK).build(),
                Tombstone.builder("/api/7").mode(TombstoneMode.SHORT_CIRCUIT).build(),
                Tombstone.of("/plain"));
        assertThat(TombstoneFileFormat.JSON.read("t.json", new StringReader(
                "{\"tombstones\": [{\"path\": \"/slug\", \"mode\": \"fallback\"}]}")))
                .containsExactly(Tombstone.builder("/slug").mode(TombstoneMode.FALLBACK).build());
        assertThatThrownBy(() -> TombstoneFileFormat.CSV.read("t.csv", new StringReader("path,mode\n/a,later\n")))
                .isInstanceOf(TombstoneFileException.class)
                .hasMessageContaining("t.csv:2:")
                .hasMessageContaining("mode must be one of short-circuit, fallback but was 'later'");
    }

    @Test
    void anInvalidRowIsReportedInTheWordsOfTheOneRouteWithItsPosition() {
        String expected;
        try {
            TombstoneFields.of().text("path", "/a").text("reason", "Not A Code").build();
            throw new AssertionError("the reason should be invalid");
        } catch (IllegalArgumentException e) {
            expected = e.getMessage();
        }
        assertThatThrownBy(() -> TombstoneFileFormat.CSV.read("t.csv", new StringReader("path,reason\n/a,Not A Code\n")))
                .hasMessage("t.csv:2: " + expected);
        assertThatThrownBy(() -> TombstoneFileFormat.JSON.read("t.json",
                new StringReader("{\"tombstones\": [\n  {\"path\": \"/a\", \"reason\": \"Not A Code\"}]}")))
                .hasMessage("t.json:2:3: tombstone #1: " + expected);
    }

    @Test
    void aDuplicateIsReportedWithTheLineOfTheFirst() {
        StringBuilder csv = new StringBuilder("path\n");
        for (int i = 0; i < 5000; i++) {
            csv.append("/p/").append(i).append('\n');
        }
        csv.append("/p/17\n");
        assertThatThrownBy(() -> TombstoneFileFormat.CSV.read("t.csv", new StringReader(csv.toString())))
                .hasMessageContaining("duplicate tombstone for /p/17 (first at line 19)");
    }
}
