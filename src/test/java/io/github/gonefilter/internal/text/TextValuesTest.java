package io.github.gonefilter.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextValuesTest {

    @Test
    void durationsAndInstantsAcceptTheCommonSpellings() {
        assertThat(TextValues.duration("d", "86400")).isEqualTo(Duration.ofDays(1));
        assertThat(TextValues.duration("d", "P30D")).isEqualTo(Duration.ofDays(30));
        assertThat(TextValues.duration("d", "pt12h")).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> TextValues.duration("maxAge", "-PT1S")).hasMessageContaining("maxAge");
        assertThatThrownBy(() -> TextValues.duration("maxAge", "1 day")).hasMessageContaining("'1 day'");
        assertThat(TextValues.instant("t", "2026-03-01")).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(TextValues.instant("t", "2026-03-01T01:00:00+01:00")).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThatThrownBy(() -> TextValues.instant("goneFrom", "tomorrow")).hasMessageContaining("goneFrom");
        assertThat(TextValues.bool("b", "TRUE")).isTrue();
        assertThatThrownBy(() -> TextValues.bool("restorable", "yes"))
                .hasMessage("restorable must be true or false but was 'yes'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-01T12:00:00Z", "2024-02-29T23:59:59Z", "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z"})
    void theUsualSpellingParsedByHandAgreesWithTheIsoParser(String text) {
        assertThat(TextValues.usualInstant(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29T12:00:00Z", "2025-13-01T12:00:00Z", "2025-03-01T24:00:00Z",
            "2025-03-01T12:60:00Z", "2025-03-01T12:00:60Z", "2025-03-01T12:00:00+01:00", "2025-03-01T12:00:00.5Z",
            "2025-03-01", " 2025-03-01T12:00:0Z", "2025-03-01t12:00:00Z", "2025-0a-01T12:00:00Z", ""})
    void everyOtherSpellingIsLeftToTheIsoParser(String text) {
        assertThat(TextValues.usualInstant(text)).isNull();
    }

    @Test
    void anInvalidDateInTheUsualSpellingIsReported() {
        assertThatThrownBy(() -> TextValues.instant("deletedAt", "2025-02-30T12:00:00Z"))
                .hasMessage("deletedAt must be an ISO-8601 instant such as 2025-03-01T12:00:00Z but was '2025-02-30T12:00:00Z'");
    }
}
