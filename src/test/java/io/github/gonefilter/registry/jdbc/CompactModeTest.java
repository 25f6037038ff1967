package io.github.gonefilter.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.support.H2Database;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.Visibility;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Above {@code compactAbove} tombstones, plain exact paths are held as fingerprints: live paths still make no
 * query, gone paths answer at once (details follow from the database), changes and the snapshot file work.
 */
class CompactModeTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path tmp;

    private final H2Database h2 = new H2Database();
    private final DataSource ds = h2.dataSource();

    private JdbcTombstoneRegistry open(boolean createSchema) {
        return JdbcTombstoneRegistry.builder(ds).createSchema(createSchema).compactAbove(10)
                .syncInterval(Duration.ofMinutes(10)).snapshotFile(tmp.resolve("snapshot.bin")).build();
    }

    private static List<Tombstone> plain(int n) {
        List<Tombstone> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Tombstone.builder("/doc/" + i).message("gone " + i).reason("user_request").build());
        }
        return out;
    }

    @Test
    void fingerprintsServeGonePathsAndLivePathsNeverQuery() throws Exception {
        try (JdbcTombstoneRegistry writer = open(true)) {
            plain(50).forEach(writer::bury);
            writer.bury(Tombstone.of("/legacy/**"));
            writer.bury(Tombstone.builder("/doc/secret").visibility(Visibility.NOT_FOUND).build());
            writer.bury(Tombstone.builder("/doc/later").goneFrom(NOW.plus(Duration.ofDays(1))).build());
            // A bare fingerprint would answer at once in the filter's default mode, before its details load.
            writer.bury(Tombstone.builder("/doc/slug").mode(TombstoneMode.FALLBACK).build());
        }
        try (JdbcTombstoneRegistry r = open(false)) {
            assertThat(r.compact()).isTrue();
            assertThat(r.size()).isEqualTo(54);
            assertThat(r.list()).extracting(t -> t.pattern().key())
                    .containsExactly("/legacy/**", "/doc/secret", "/doc/later", "/doc/slug"); // held in full
            assertThat(r.find("/doc/slug", NOW)).get().extracting(Tombstone::mode).isEqualTo(TombstoneMode.FALLBACK);

            int before = h2.connections();
            for (int i = 0; i < 10_000; i++) {
                assertThat(r.find("/live/" + i, NOW)).isEmpty();
                assertThat(r.find("/doc/" + (1000 + i), NOW)).isEmpty();
            }
            assertThat(h2.connections()).as("live paths make no query").isEqualTo(before);

            Optional<Tombstone> first = r.find("/doc/7", NOW);
            assertThat(first).isPresent();
            assertThat(first.get().isActiveAt(NOW)).isTrue();
            Tombstone detailed = awaitDetails(r, "/doc/7");
            assertThat(detailed.message()).isEqualTo("gone 7");
            assertThat(r.find("/doc/secret", NOW)).get().extracting(Tombstone::visibility).isEqualTo(Visibility.NOT_FOUND);
            assertThat(r.find("/doc/later", NOW)).get().matches(t -> t.isScheduledAt(NOW));
            assertThat(r.find("/legacy/x", NOW)).isPresent();
        }
    }

    @Test
    void changesApplyIncrementallyInCompactMode() throws Exception {
        try (JdbcTombstoneRegistry r = open(true)) {
            plain(20).forEach(r::bury);
            r.syncNow();
            try (JdbcTombstoneRegistry peer = open(false)) {
                assertThat(peer.compact()).isTrue();
                r.bury(Tombstone.builder("/doc/new").restorable(true).build());
                r.restore(Tombstone.builder("/doc/3").build().pattern(), true);
                r.bury(Tombstone.builder("/doc/4").visibility(Visibility.LEGAL).build());
                peer.syncNow();
                assertThat(peer.find("/doc/new", NOW)).isPresent();
                assertThat(peer.find("/doc/3", NOW)).isEmpty();
                assertThat(peer.find("/doc/4", NOW)).get().extracting(Tombstone::visibility).isEqualTo(Visibility.LEGAL);
                assertThat(peer.size()).isEqualTo(20);
                r.restore("/doc/new");
                peer.syncNow();
                assertThat(peer.find("/doc/new", NOW)).isEmpty();
            }
        }
    }

    @Test
    void aNodeStartingDuringAnOutageUsesTheFingerprintsFromItsSnapshotFile() throws Exception {
        try (JdbcTombstoneRegistry r = open(true)) {
            plain(30).forEach(r::bury);
            r.bury(Tombstone.of("/legacy/**"));
        }
        h2.down(true);
        try (JdbcTombstoneRegistry r = open(false)) {
            assertThat(r.outage()).isTrue();
            assertThat(r.compact()).isTrue();
            assertThat(r.find("/doc/29", NOW)).isPresent();
            assertThat(r.find("/legacy/a", NOW)).isPresent();
            assertThat(r.find("/doc/30", NOW)).isEmpty();
            h2.down(false);
            assertThat(r.syncNow()).isTrue();
            assertThat(r.outage()).isFalse();
            assertThat(r.size()).isEqualTo(31);
        }
    }

    private static Tombstone awaitDetails(JdbcTombstoneRegistry r, String path) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Tombstone t = r.find(path, NOW).orElseThrow();
            if (t.message() != null) {
                return t;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("details of " + path + " never arrived");
    }
}
