package io.github.gonefilter.tombstone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TombstoneTest {

    @Test
    void checksItselfAndNamesTheFieldAndTheTombstone() {
        assertThatThrownBy(() -> Tombstone.builder("/a").reason("User Request").build())
                .hasMessageContaining("reason").hasMessageContaining("'User Request'").hasMessageContaining("/a");
        assertThatThrownBy(() -> Tombstone.builder("/a").maxAge(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("maxAge must not be negative");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> Tombstone.builder("/a").goneFrom(t).goneUntil(t).build())
                .hasMessageContaining("goneFrom").hasMessageContaining("goneUntil");
        assertThatThrownBy(() -> Tombstone.builder("/a").message("x".repeat(4001)).build())
                .hasMessageContaining("message must be at most 4000");
        assertThatThrownBy(() -> Tombstone.builder("/a").extension("when", new Object()).build())
                .hasMessageContaining("extensions.when");
        assertThatThrownBy(() -> Tombstone.builder(" ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> Tombstone.builder("/a/**b")).hasMessageContaining("'**' must be a whole segment");
        assertThatThrownBy(() -> Tombstone.builder("/a%zz")).hasMessageContaining("'/a%zz' is not a valid path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,x", "ftp://example.com/x", "relative/path", "https:///nohost",
        "//evil.example/login", "///evil.example/x", "////evil.example", "/\\evil.example/x", "\\\\evil.example",
        "/\t/evil.example", "/\n/evil.example", " //evil.example", "\t//evil.example", "//evil.example\t",
        "http:evil.example", "http:/evil.example", "https:\\\\evil.example", "", "?x=1", "#top"})
    void alternativesAreOnlyHttpLinksOrPathAbsoluteReferences(String alternative) {
        assertThatThrownBy(() -> Tombstone.builder("/a").alternative(alternative).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alternative").hasMessageContaining("(tombstone /a)");
    }

    @Test
    void aProtocolRelativeAlternativeIsRefusedNamingTombstoneAndValue() throws Exception {
        assertThatThrownBy(() -> Tombstone.builder("/old").alternative("//evil.example/login").build())
                .hasMessage("alternative must be an http(s) URI with a host or a path starting with a single '/'"
                        + " (not '//' or '/\\') but was '//evil.example/login' (tombstone /old)");
        java.net.URI constructed = new java.net.URI(null, "evil.example", "/login", null);
        assertThatThrownBy(() -> Tombstone.builder("/old").alternative(constructed).build())
                .hasMessageContaining("'//evil.example/login'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/new", "/new/page?a=1&b=2#top", "/caf%C3%A9", "/a//b", "/%2F%2Fevil.example",
        "https://example.com", "http://example.com/x?y#z", "HTTPS://Example.com/"})
    void ordinaryAlternativesPass(String alternative) {
        assertThat(Tombstone.builder("/a").alternative(alternative).build().alternative()).hasToString(alternative);
    }

    @Test
    void instantsAreKeptAtWholeSeconds() {
        Tombstone t = Tombstone.builder("/a")
                .deletedAt(Instant.parse("2026-01-01T10:15:32.813273369Z"))
                .goneFrom(Instant.parse("2026-02-01T00:00:00.5Z"))
                .goneUntil(Instant.parse("2026-03-01T00:00:00.999Z"))
                .build();
        assertThat(t.deletedAt()).isEqualTo(Instant.parse("2026-01-01T10:15:32Z"));
        assertThat(t.goneFrom()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(t.goneUntil()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(t.toBuilder().build()).isEqualTo(t);
        assertThat(Tombstone.builder("/a").deletedAt(Instant.parse("2026-01-01T10:15:32Z")).build())
                .isEqualTo(Tombstone.builder("/a").deletedAt(Instant.parse("2026-01-01T10:15:32.1Z")).build());
    }

    @Test
    void extensionsAreDeeplyImmutableCopies() {
        List<Object> tags = new ArrayList<>(List.of("a"));
        Map<String, Object> ext = new HashMap<>(Map.of("tags", tags));
        Tombstone t = Tombstone.builder("/a").extensions(ext).build();
        tags.add("b");
        ext.put("other", 1);
        assertThat(t.extensions()).containsOnlyKeys("tags");
        assertThat(t.extensions().get("tags")).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> t.extensions().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> copied = (List<Object>) t.extensions().get("tags");
        assertThatThrownBy(() -> copied.add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void timeWindowIsHalfOpen() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = Instant.parse("2026-02-01T00:00:00Z");
        Tombstone t = Tombstone.builder("/a").goneFrom(from).goneUntil(until).build();
        assertThat(t.isScheduledAt(from.minusNanos(1))).isTrue();
        assertThat(t.isActiveAt(from)).isTrue();
        assertThat(t.isActiveAt(until.minusNanos(1))).isTrue();
        assertThat(t.isActiveAt(until)).isFalse();
        assertThat(t.isExpiredAt(until)).isTrue();
        assertThat(Tombstone.of("/forever").isActiveAt(Instant.MAX)).isTrue();
    }

    @Test
    void patternsAreCanonicalAndKeyed() {
        assertThat(PathPattern.of("blog//café/")).isEqualTo(PathPattern.of("/blog/caf%C3%A9"));
        assertThat(PathPattern.of("/a/*")).isInstanceOf(PathPattern.Glob.class);
        assertThat(((PathPattern.Glob) PathPattern.of("/docs/v1/**")).literalPrefix()).isEqualTo("/docs/v1/");
        assertThat(PathPattern.regex("/a.*").key()).isEqualTo("regex:/a.*");
        assertThat(PathPattern.regex("/a.*")).isEqualTo(PathPattern.regex("/a.*"));
        assertThatThrownBy(() -> PathPattern.regex("/a(")).hasMessageContaining("regex '/a(' is invalid");
        assertThatThrownBy(() -> new PathPattern.Exact("/a/")).hasMessageContaining("not canonical");
    }

    @Test
    void visibilityCodes() {
        assertThat(Visibility.fromCode("not_found")).isEqualTo(Visibility.NOT_FOUND);
        assertThat(Visibility.fromCode("Not-Found")).isEqualTo(Visibility.NOT_FOUND);
        assertThat(Visibility.fromCode("451")).isEqualTo(Visibility.LEGAL);
        assertThatThrownBy(() -> Visibility.fromCode("hidden")).hasMessageContaining("'hidden'");
    }
}
