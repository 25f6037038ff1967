package io.github.gonefilter.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.internal.registry.sync.SnapshotFileKeeper;
import io.github.gonefilter.support.LogCapture;
import io.github.gonefilter.support.TestPool;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Level;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that starts while its database is down reads its snapshot file; whatever damage that file has
 * (flipped bytes, truncation, absurd counts), start-up succeeds, logs that the snapshot "cannot be read" and
 * starts empty. Fuzzed over a real snapshot file in compact mode, so both the tombstones and the
 * fingerprints are exercised.
 */
class SnapshotFileDamageTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void anyDamageIsLoggedAndTheNodeStartsWithoutTheFile() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestPool pool = new TestPool(h2);
        Path good = tmp.resolve("good.bin");
        try (JdbcTombstoneRegistry writer = open(pool, good, true)) {
            for (int i = 0; i < 12; i++) {
                writer.bury(Tombstone.builder("/doc/" + i).message("gone " + i).build());
            }
            writer.bury(Tombstone.of("/legacy/**"));
            writer.bury(Tombstone.builder("/doc/secret").visibility(Visibility.NOT_FOUND).build());
            writer.bury(Tombstone.builder("/doc/later").goneFrom(NOW.plus(Duration.ofDays(1))).build());
        }
        byte[] bytes = Files.readAllBytes(good);
        pool.cut();

        Path damaged = tmp.resolve("damaged.bin");
        try (LogCapture log = LogCapture.quietly(SnapshotFileKeeper.class)) {
            Files.write(damaged, bytes);
            try (JdbcTombstoneRegistry intact = open(pool, damaged, false)) {
                assertThat(intact.size()).as("the undamaged file loads").isEqualTo(15);
                assertThat(intact.compact()).isTrue();
                assertThat(intact.find("/doc/11", NOW)).isPresent();
            }

            int cases = 0;
            for (int at = 0; at < bytes.length; at++) {
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (1 << (at % 8));
                startsEmpty(pool, damaged, copy, log, "bit " + (at % 8) + " of byte " + at + " flipped");
                cases++;
            }
            for (int length = 0; length < bytes.length; length++) {
                startsEmpty(pool, damaged, Arrays.copyOf(bytes, length), log, "truncated to " + length + " bytes");
                cases++;
            }
            // Absurd counts and lengths: every aligned and unaligned int overwritten with a huge or negative value.
            for (int value : List.of(Integer.MAX_VALUE, 1 << 30, -2)) {
                for (int at = 0; at + 4 <= bytes.length; at++) {
                    byte[] copy = bytes.clone();
                    ByteBuffer.wrap(copy).putInt(at, value);
                    if (!Arrays.equals(copy, bytes)) {
                        startsEmpty(pool, damaged, copy, log, "int " + value + " at byte " + at);
                        cases++;
                    }
                }
            }
            Random random = new Random(8_11);
            for (int i = 0; i < 100; i++) {
                byte[] copy = bytes.clone();
                for (int k = 1 + random.nextInt(8); k > 0; k--) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                if (!Arrays.equals(copy, bytes)) {
                    startsEmpty(pool, damaged, copy, log, "random bytes, seed case " + i);
                    cases++;
                }
            }
            System.out.println("SnapshotFileDamageTest: " + cases + " damaged copies of a " + bytes.length
                    + "-byte snapshot, every one refused");
        }
    }

    private void startsEmpty(TestPool pool, Path file, byte[] content, LogCapture log, String damage)
            throws Exception {
        Files.write(file, content);
        log.clear();
        try (JdbcTombstoneRegistry r = open(pool, file, false)) {
            assertThat(r.size()).as(damage).isZero();
            assertThat(r.find("/doc/3", NOW)).as(damage).isEmpty();
        }
        assertThat(log.messages(Level.SEVERE)).as(damage).singleElement().asString().contains("cannot be read");
    }

    private static JdbcTombstoneRegistry open(TestPool pool, Path snapshot, boolean createSchema) {
        return JdbcTombstoneRegistry.builder(pool).createSchema(createSchema).compactAbove(5)
                .syncInterval(Duration.ofMinutes(10)).snapshotFile(snapshot).build();
    }
}
