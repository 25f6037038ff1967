package io.github.gonefilter.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExactTableTest {

    private static ExactTable tableOf(List<Tombstone> tombstones) {
        ExactTable.Builder builder = new ExactTable.Builder(tombstones.size());
        for (Tombstone t : tombstones) {
            builder.add(t.pattern().key(), t);
        }
        return builder.build();
    }

    @Test
    void rebuildsEveryFieldOfEveryTombstone() {
        List<Tombstone> tombstones = List.of(
                Tombstone.of("/plain"),
                Tombstone.builder("/full").deletedAt(Instant.parse("2025-03-01T12:00:00.123456789Z")).reason("gdpr")
                        .message("gone").alternative("https://example.com/new").maxAge(Duration.ofHours(3))
                        .goneFrom(Instant.parse("2025-01-01T00:00:00Z")).goneUntil(Instant.parse("2030-01-01T00:00:00Z"))
                        .visibility(Visibility.LEGAL).restorable(true).extension("guide", "https://x.example/g").build(),
                Tombstone.builder("/caf\u00e9").reason("dmca").visibility(Visibility.NOT_FOUND).build(),
                Tombstone.builder("/dated").deletedAt(Instant.parse("1969-12-31T23:59:59Z")).build());
        ExactTable table = tableOf(tombstones);

        assertThat(table.size()).isEqualTo(4);
        for (int i = 0; i < tombstones.size(); i++) {
            Tombstone t = tombstones.get(i);
            assertThat(table.tombstone(i)).isEqualTo(t);
            assertThat(table.get(t.pattern().key())).isEqualTo(t);
            assertThat(table.indexOf(t.pattern().key())).isEqualTo(i);
        }
    }

    @Test
    void missesAreNullWhateverTheLengthOrHash() {
        ExactTable table = tableOf(List.of(Tombstone.of("/a/Aa"), Tombstone.of("/items/1")));
        // "Aa" and "BB" have the same String hash code: the probe and the cache must compare the text.
        assertThat("/a/Aa".hashCode()).isEqualTo("/a/BB".hashCode());
        assertThat(table.get("/a/Aa")).isNotNull();
        assertThat(table.get("/a/BB")).isNull();
        assertThat(table.get("/items/10")).isNull();
        assertThat(table.get("/items/")).isNull();
        assertThat(table.get("/")).isNull();
        assertThat(ExactTable.empty().get("/items/1")).isNull();
    }

    @Test
    void collidingKeysAreBothFound() {
        ExactTable table = tableOf(List.of(Tombstone.of("/a/Aa"), Tombstone.of("/a/BB")));
        assertThat(table.get("/a/BB").pattern().key()).isEqualTo("/a/BB");
        assertThat(table.get("/a/Aa").pattern().key()).isEqualTo("/a/Aa");
        assertThat(table.get("/a/BB").pattern().key()).isEqualTo("/a/BB");
    }

    @Test
    void aRepeatedHitIsTheSameInstance() {
        ExactTable table = tableOf(List.of(Tombstone.of("/x")));
        assertThat(table.get("/x")).isSameAs(table.get("/x"));
    }

    @Test
    void theFirstOfTwoEqualKeysWins() {
        ExactTable.Builder builder = new ExactTable.Builder(2);
        assertThat(builder.add("/a", Tombstone.builder("/a").message("first").build())).isTrue();
        assertThat(builder.add("/a", Tombstone.builder("/a").message("second").build())).isFalse();
        ExactTable table = builder.build();
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.get("/a").message()).isEqualTo("first");
    }

    @Test
    void refusesPathsItCannotRebuild() {
        assertThat(ExactTable.storable("/caf\u00e9")).isTrue();
        assertThat(ExactTable.storable("/\u20ac")).isFalse();
        ExactTable.Builder builder = new ExactTable.Builder(1);
        assertThatThrownBy(() -> builder.add("/\u20ac", Tombstone.of("/\u20ac"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add("/a", Tombstone.of("/A"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void growsAndKeepsManyTemplatesApart() {
        List<Tombstone> tombstones = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // 300 distinct reasons: more templates than fit in a byte.
            tombstones.add(Tombstone.builder("/items/" + i).reason("r" + (i % 300))
                    .deletedAt(i % 7 == 0 ? null : Instant.ofEpochSecond(1_700_000_000L + i))
                    .extensions(i % 2 == 0 ? Map.of() : Map.of("n", i % 3)).build());
        }
        ExactTable.Builder builder = new ExactTable.Builder(1); // starts small: exercises growth and rehashing
        tombstones.forEach(t -> builder.add(t.pattern().key(), t));
        ExactTable table = builder.build();
        for (int i = 0; i < tombstones.size(); i++) {
            assertThat(table.get("/items/" + i)).isEqualTo(tombstones.get(i));
            assertThat(table.tombstone(i)).isEqualTo(tombstones.get(i));
        }
        assertThat(table.get("/items/20000")).isNull();
    }
}
