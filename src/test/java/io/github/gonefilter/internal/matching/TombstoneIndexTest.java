package io.github.gonefilter.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
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

    /** What a never-existing sibling of an erased path gets: every kind of not_found tombstone is passed over. */
    @Test
    void beyondErasuresIsTheBestTombstoneThatIsNotAnErasure() {
        Tombstone retired = Tombstone.builder("/api/v1/**").reason("sunset").build();
        Tombstone scheduled = Tombstone.builder("/api/v2/**").goneFrom(NOW.plusSeconds(60)).build();
        Tombstone legal = Tombstone.regexBuilder("/api/v3/.*").visibility(Visibility.LEGAL).build();
        TombstoneIndex index = TombstoneIndex.of(List.of(retired, scheduled, legal,
                erasure("/api/v1/accounts/42"), erasure("/api/v2/accounts/42"), erasure("/api/v3/accounts/42"),
                erasure("/api/v1/accounts/4*"), erasure("/users/42"), Tombstone.regexBuilder("/api/.*/9")
                        .visibility(Visibility.NOT_FOUND).build()), true);

        assertThat(index.find("/api/v1/accounts/42", NOW).map(Tombstone::visibility)).contains(Visibility.NOT_FOUND);
        assertThat(index.findBeyondErasures("/api/v1/accounts/42", NOW)).contains(retired);
        assertThat(index.findBeyondErasures("/api/v1/accounts/43", NOW)).contains(retired); // past the glob erasure
        assertThat(index.findBeyondErasures("/api/v2/accounts/42", NOW)).contains(scheduled);
        assertThat(index.findBeyondErasures("/api/v3/accounts/42", NOW)).contains(legal);
        assertThat(index.findBeyondErasures("/api/v4/9", NOW)).isEmpty(); // the regex erasure alone
        assertThat(index.findBeyondErasures("/users/42", NOW)).isEmpty();
    }

    private static Tombstone erasure(String path) {
        return Tombstone.builder(path).visibility(Visibility.NOT_FOUND).build();
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
