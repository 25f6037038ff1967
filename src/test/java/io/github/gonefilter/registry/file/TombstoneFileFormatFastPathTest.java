package io.github.gonefilter.registry.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shortcuts that make a million-line file load fast must read exactly what the general path reads. */
class TombstoneFileFormatFastPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-01T12:00:00Z", "2024-02-29T23:59:59Z", "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z"})
    void fastInstantAgreesWithTheIsoParser(String text) {
        assertThat(TombstoneFileFormat.FastInstant.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29T12:00:00Z", "2025-13-01T12:00:00Z", "2025-03-01T24:00:00Z",
            "2025-03-01T12:60:00Z", "2025-03-01T12:00:60Z", "2025-03-01T12:00:00+01:00", "2025-03-01T12:00:00.5Z",
            "2025-03-01", " 2025-03-01T12:00:0Z", "2025-03-01t12:00:00Z", "2025-0a-01T12:00:00Z", ""})
    void fastInstantLeavesEverythingElseToTheGeneralPath(String text) {
        assertThat(TombstoneFileFormat.FastInstant.parse(text)).isNull();
    }

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
    void simpleRowsReadTheSameAsTheGeneralPath() throws Exception {
        String csv = "path,deletedAt,reason,message\n/a/./b/,2025-03-01T12:00:00Z,gdpr, Gone \n/c,,,\n"
                + "/d, 2025-03-01T12:00:00Z ,,m\n/e,2025-03-01,,\n";
        List<Tombstone> read = TombstoneFileFormat.CSV.read("t.csv", new StringReader(csv));
        assertThat(read).containsExactly(
                TombstoneJson.fromFields(Map.of("path", "/a/./b/", "deletedAt", "2025-03-01T12:00:00Z", "reason", "gdpr",
                        "message", " Gone ")),
                TombstoneJson.fromFields(Map.of("path", "/c")),
                TombstoneJson.fromFields(Map.of("path", "/d", "deletedAt", " 2025-03-01T12:00:00Z ", "message", "m")),
                TombstoneJson.fromFields(Map.of("path", "/e", "deletedAt", "2025-03-01")));
        String json = "{\"tombstones\": [{\"path\": \"/a/./b/\", \"deletedAt\": \"2025-03-01T12:00:00Z\", "
                + "\"reason\": \"gdpr\", \"message\": \" Gone \"}, {\"path\": \"/e\", \"deletedAt\": \"2025-03-01\"}]}";
        assertThat(TombstoneFileFormat.JSON.read("t.json", new StringReader(json))).containsExactly(
                TombstoneJson.fromJsonString("{\"path\": \"/a/./b/\", \"deletedAt\": \"2025-03-01T12:00:00Z\", "
                        + "\"reason\": \"gdpr\", \"message\": \" Gone \"}"),
                TombstoneJson.fromJsonString("{\"path\": \"/e\", \"deletedAt\": \"2025-03-01\"}"));
    }

    @Test
    void anInvalidSimpleRowIsReportedInTheGeneralPathsWords() {
        String csv = "path,reason\n/a,Not A Code\n";
        String expected;
        try {
            TombstoneJson.fromFields(Map.of("path", "/a", "reason", "Not A Code"));
            throw new AssertionError("the reason should be invalid");
        } catch (IllegalArgumentException e) {
            expected = "t.csv:2: " + e.getMessage();
        }
        assertThatThrownBy(() -> TombstoneFileFormat.CSV.read("t.csv", new StringReader(csv))).hasMessage(expected);
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
