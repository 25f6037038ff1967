package io.github.gonefilter.registry.redis;

import static io.github.gonefilter.support.CompactDetails.awaitDetails;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.tombstone.Tombstone;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared registry keys its rows by the path as buried, so without case sensitivity two rows may fold alike
 * ({@code /Docs/7} buried for a while, {@code /docs/7} for good): both are kept, and the one in force answers
 * every spelling, in full and in compact mode.
 */
class RedisCaseFoldingTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void anExpiredOrScheduledSpellingNeverHidesOneInForce(@TempDir Path dir) throws Exception {
        try (PrivateRedis redis = PrivateRedis.start(dir)) {
            for (int compactAbove : new int[] {1_000_000, 1}) {
                try (RedisTombstoneRegistry r = RedisTombstoneRegistry.builder(redis.url()).keyPrefix("p" + compactAbove)
                        .caseSensitive(false).compactAbove(compactAbove).syncInterval(Duration.ofMinutes(10)).build()) {
                    r.bury(Tombstone.builder("/Docs/7").reason("legal_hold").goneUntil(Instant.parse("2025-01-01T00:00:00Z"))
                            .build());
                    r.bury(Tombstone.builder("/docs/7").message("Deleted for good").build());
                    r.bury(Tombstone.builder("/Promo/\u03a9").goneFrom(Instant.parse("2999-01-01T00:00:00Z")).build());
                    r.bury(Tombstone.builder("/promo/\u03c9").message("over").build());
                    assertThat(r.size()).isEqualTo(4);
                    for (String path : new String[] {"/docs/7", "/Docs/7", "/DOCS/7"}) {
                        awaitDetails(r, path); // compact mode: the details of a fingerprint load after its first request
                        assertThat(r.find(path, NOW)).as(path + ", compactAbove " + compactAbove).get()
                                .matches(t -> t.isActiveAt(NOW)).extracting(Tombstone::message).isEqualTo("Deleted for good");
                    }
                    for (String path : new String[] {"/promo/\u03c9", "/PROMO/\u03a9"}) {
                        awaitDetails(r, path);
                        assertThat(r.find(path, NOW)).as(path).get().extracting(Tombstone::message).isEqualTo("over");
                    }
                }
            }
        }
    }
}
