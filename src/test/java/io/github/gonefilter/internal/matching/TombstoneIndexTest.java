package io.github.gonefilter.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TombstoneIndexTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} -> ''{1}''")
    @CsvSource(delimiterString = "=>", value = {
            "^/api/v1/.*          => /api/v1/",
            "/api/v1/.*           => /api/v1/",
            "/items/\\d+          => /items/",
            "/a\\.b/c+            => /a.b/c",
            "/colou?r             => /colo",
            "/x{2}                => /",
            "/(a|b)               => ''",
            "/a|/b                => ''",
            "(?i)/a               => ''",
            ".*                   => ''",
    })
    void literalPrefixIsWhatEveryMatchStartsWith(String regex, String prefix) {
        assertThat(TombstoneIndex.literalPrefix(regex)).isEqualTo(prefix);
    }

    @Test
    void caseInsensitiveIndexFoldsEveryKind() {
        TombstoneIndex index = TombstoneIndex.of(List.of(Tombstone.of("/Blog/Post"), Tombstone.of("/Old/**"),
                Tombstone.regexBuilder("/Re/[A-Z]+").build()), false);
        assertThat(index.find("/blog/POST", NOW)).isPresent();
        assertThat(index.find("/OLD/x", NOW)).isPresent();
        assertThat(index.find("/re/abc", NOW)).isPresent();
        TombstoneIndex sensitive = TombstoneIndex.of(index.tombstones(), true);
        assertThat(sensitive.find("/blog/POST", NOW)).isEmpty();
        assertThat(sensitive.find("/OLD/x", NOW)).isEmpty();
        assertThat(sensitive.find("/re/abc", NOW)).isEmpty();
    }

    @Test
    void laterTombstoneWithTheSameKeyReplacesTheEarlier() {
        TombstoneIndex index = TombstoneIndex.of(List.of(Tombstone.builder("/a").message("1").build(),
                Tombstone.of("/b"), Tombstone.builder("/a/").message("2").build()), true);
        assertThat(index.tombstones()).extracting(Tombstone::message).containsExactly(null, "2");
        assertThat(index.find("/a", NOW)).map(Tombstone::message).contains("2");
    }

    @Test
    void rootPathIsMatchedByTheCatchAllGlobOnly() {
        TombstoneIndex index = TombstoneIndex.of(List.of(Tombstone.of("/*")), true);
        assertThat(index.find("/", NOW)).isEmpty();
        assertThat(index.find("/x", NOW)).isPresent();
        assertThat(TombstoneIndex.of(List.of(Tombstone.of("/**")), true).find("/", NOW)).isPresent();
    }
}
