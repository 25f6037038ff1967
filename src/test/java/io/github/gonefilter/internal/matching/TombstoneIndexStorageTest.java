package io.github.gonefilter.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the index stores tombstones: the compact exact table, the declaration list and the regex tree. */
class TombstoneIndexStorageTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2027-01-01T00:00:00Z");

    @Test
    void listsEveryKindInDeclarationOrder() {
        List<Tombstone> given = List.of(Tombstone.of("/a"), Tombstone.of("/g/**"), Tombstone.of("/\u20ac"),
                Tombstone.regexBuilder("^/r/.*").build(), Tombstone.builder("/b").reason("gdpr").build());
        TombstoneIndex index = TombstoneIndex.of(given, true);
        assertThat(index.tombstones()).containsExactlyElementsOf(given);
        assertThat(index.size()).isEqualTo(5);
        assertThat(index.find("/\u20ac", NOW)).contains(given.get(2));
        assertThat(index.find("/b", NOW)).contains(given.get(4));
    }

    @Test
    void caseInsensitiveIndexKeepsTheFirstOfPathsThatFoldAlike() {
        Tombstone upper = Tombstone.builder("/Doc").message("upper").build();
        Tombstone lower = Tombstone.builder("/doc").message("lower").build();
        TombstoneIndex upperFirst = TombstoneIndex.of(List.of(upper, lower), false);
        assertThat(upperFirst.find("/DOC", NOW)).map(Tombstone::message).contains("upper");
        assertThat(upperFirst.tombstones()).containsExactly(upper, lower);
        TombstoneIndex lowerFirst = TombstoneIndex.of(List.of(lower, upper), false);
        assertThat(lowerFirst.find("/DOC", NOW)).map(Tombstone::message).contains("lower");
        assertThat(lowerFirst.tombstones()).containsExactly(lower, upper);
    }

    @Test
    void regexesAreTriedInDeclarationOrderAcrossPrefixes() {
        Tombstone anywhere = Tombstone.regexBuilder(".*/x").message("anywhere").build();
        Tombstone underA = Tombstone.regexBuilder("^/a/b/.*").message("under a/b").build();
        assertThat(TombstoneIndex.of(List.of(anywhere, underA), true).find("/a/b/x", NOW))
                .map(Tombstone::message).contains("anywhere");
        assertThat(TombstoneIndex.of(List.of(underA, anywhere), true).find("/a/b/x", NOW))
                .map(Tombstone::message).contains("under a/b");
    }

    @Test
    void aRegexIsFoundThroughAPartialSegmentPrefix() {
        TombstoneIndex index = TombstoneIndex.of(List.of(Tombstone.regexBuilder("^/reports/r\\d+/q[1-4]\\.pdf").build()), true);
        assertThat(index.find("/reports/r7/q3.pdf", NOW)).isPresent();
        assertThat(index.find("/reports/x7/q3.pdf", NOW)).isEmpty();
        assertThat(index.find("/reportsr7/q3.pdf", NOW)).isEmpty();
    }

    @Test
    void aScheduledRegexIsFoundWhenNothingIsInForce() {
        Tombstone scheduled = Tombstone.regexBuilder("^/s/.*").goneFrom(LATER).build();
        Tombstone active = Tombstone.regexBuilder("^/s/a.*").build();
        assertThat(TombstoneIndex.of(List.of(scheduled), true).find("/s/x", NOW)).contains(scheduled);
        assertThat(TombstoneIndex.of(List.of(scheduled, active), true).find("/s/ab", NOW)).contains(active);
    }

    @Test
    void aScheduledGlobIsFoundWhenNothingIsInForce() {
        Tombstone scheduled = Tombstone.builder("/g/**").goneFrom(LATER).build();
        assertThat(TombstoneIndex.of(List.of(scheduled), true).find("/g/x", NOW)).contains(scheduled);
        assertThat(TombstoneIndex.of(List.of(Tombstone.of("/h/**")), true).find("/g/x", NOW)).isEmpty();
    }

    @Test
    void anExpiredExactPathLetsAGlobAnswer() {
        Tombstone expired = Tombstone.builder("/g/x").goneUntil(Instant.parse("2020-01-01T00:00:00Z")).build();
        Tombstone glob = Tombstone.of("/g/*");
        assertThat(TombstoneIndex.of(List.of(expired, glob), true).find("/g/x", NOW)).contains(glob);
    }
}
