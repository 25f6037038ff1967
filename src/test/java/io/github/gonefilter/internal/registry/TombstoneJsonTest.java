package io.github.gonefilter.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TombstoneJsonTest {

    @Test
    void roundTripsEveryField() {
        Tombstone t = Tombstone.builder("/a b/ü;%")
                .deletedAt(Instant.parse("2026-01-01T00:00:00Z")).reason("gdpr").message("m")
                .alternative("https://example.com/x").maxAge(Duration.ofDays(3)).goneFrom(Instant.parse("2025-01-01T00:00:00Z"))
                .goneUntil(Instant.parse("2027-01-01T00:00:00Z")).visibility(Visibility.NOT_FOUND).restorable(true)
                .mode(TombstoneMode.FALLBACK).extensions(Map.of("k", List.of(1, "two", Map.of("x", true)))).build();
        assertThat(TombstoneJson.fromJsonString(TombstoneJson.toJsonString(t))).isEqualTo(t);
        Tombstone regex = Tombstone.regexBuilder("/r/\\d+").build();
        assertThat(TombstoneJson.fromJsonString(TombstoneJson.toJsonString(regex))).isEqualTo(regex);
        assertThat(TombstoneJson.toJsonString(Tombstone.of("/min"))).isEqualTo("{\"path\":\"/min\"}");
    }

    @Test
    void modeIsWrittenOnlyWhenSetAndReadInEitherSpelling() {
        assertThat(TombstoneJson.toJsonString(Tombstone.builder("/f").mode(TombstoneMode.FALLBACK).build()))
                .isEqualTo("{\"path\":\"/f\",\"mode\":\"fallback\"}");
        assertThat(TombstoneJson.fromJsonString("{\"path\": \"/s\", \"mode\": \"Short_Circuit\"}").mode())
                .isEqualTo(TombstoneMode.SHORT_CIRCUIT);
        assertThat(TombstoneJson.fromJsonString("{\"path\": \"/n\", \"mode\": null}").mode()).isNull();
        assertThatThrownBy(() -> TombstoneJson.fromJsonString("{\"path\": \"/a\", \"mode\": \"lazy\"}"))
                .hasMessageContaining("mode must be one of short-circuit, fallback but was 'lazy'");
        assertThatThrownBy(() -> TombstoneJson.fromJsonString("{\"path\": \"/a\", \"mode\": true}"))
                .hasMessageContaining("mode must be a string");
    }

    @Test
    void typesAreChecked() {
        assertThatThrownBy(() -> TombstoneJson.fromJsonString("{\"path\": 5}")).hasMessageContaining("path must be a string");
        assertThatThrownBy(() -> TombstoneJson.fromJsonString("{\"path\": \"/a\", \"restorable\": \"yes\"}"))
                .hasMessageContaining("restorable must be true or false");
        assertThatThrownBy(() -> TombstoneJson.fromJsonString("{\"path\": \"/a\", \"extensions\": []}"))
                .hasMessageContaining("extensions must be an object");
        assertThatThrownBy(() -> TombstoneJson.fromJsonString("{}")).hasMessageContaining("exactly one of 'path' or 'regex'");
        assertThatThrownBy(() -> TombstoneJson.fromJsonString("{\"path\": \"/a\", \"maxage\": 5}"))
                .hasMessageContaining("unknown member 'maxage'");
        assertThatThrownBy(() -> TombstoneJson.fromJsonString("{\"path\": \"/a\", \"maxAge\": 1.5}"))
                .hasMessageContaining("maxAge must be whole seconds or an ISO-8601 duration");
        assertThat(TombstoneJson.fromJsonString("{\"path\": \"/a\", \"maxAge\": \"P1D\", \"reason\": null}"))
                .isEqualTo(Tombstone.builder("/a").maxAge(Duration.ofDays(1)).build());
    }

    @Test
    void aMemberGivenTwiceIsRefusedNotOverwritten() {
        // A stored tombstone (Redis, a JDBC extensions column) with a member twice is corrupt, not "last wins".
        assertThatThrownBy(() -> TombstoneJson.fromJsonString("{\"path\": \"/a\", \"path\": \"/b\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate field 'path'");
        assertThatThrownBy(() -> TombstoneJson.extensions("{\"k\": 1, \"k\": 2}"))
                .hasMessageContaining("Duplicate field 'k'");
    }
}
