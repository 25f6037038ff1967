package io.github.gonefilter.registry.redis;

import static io.github.gonefilter.support.CompactDetails.awaitDetails;
import static io.github.gonefilter.support.CompactDetails.withoutDetailsAfterOneBurst;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.support.TestServers;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/** Compact mode over Redis: plain exact paths become fingerprints, the others stay in full. */
class RedisCompactModeTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void largeSetsLoadCompactly() throws Exception {
        URI url = TestServers.redis();
        String prefix = TestServers.freshTable().replace('_', '-');
        try {
            try (RedisTombstoneRegistry writer = open(url, prefix)) {
                for (int i = 0; i < 40; i++) {
                    writer.bury(Tombstone.builder("/doc/" + i).message("says \"visibility\" here").build());
                }
                writer.bury(Tombstone.builder("/doc/secret").visibility(Visibility.NOT_FOUND).build());
                writer.bury(Tombstone.builder("/doc/later").goneFrom(NOW.plus(Duration.ofDays(1))).build());
                writer.bury(Tombstone.of("/legacy/**"));
                for (int i = 0; i < 40; i++) {
                    writer.bury(Tombstone.builder("/plain/" + i).build());
                }
            }
            try (RedisTombstoneRegistry r = open(url, prefix)) {
                assertThat(r.compact()).isTrue();
                assertThat(r.size()).isEqualTo(83);
                assertThat(r.find("/plain/39", NOW)).isPresent();
                assertThat(r.find("/doc/0", NOW)).isPresent();
                assertThat(r.find("/doc/secret", NOW)).get().extracting(Tombstone::visibility)
                        .isEqualTo(Visibility.NOT_FOUND);
                assertThat(r.find("/doc/later", NOW)).get().matches(t -> t.isScheduledAt(NOW));
                assertThat(r.find("/legacy/x", NOW)).isPresent();
                assertThat(r.find("/plain/40", NOW)).isEmpty();
            }
        } finally {
            try (JedisPooled redis = new JedisPooled(url.getHost(), url.getPort())) {
                redis.del("{" + prefix + "}:tombstones", "{" + prefix + "}:changes", "{" + prefix + "}:version");
            }
        }
    }

    @Test
    void everyGonePathGetsItsDetailsAfterOneBurstOfDistinctPaths(@TempDir Path dir) throws Exception {
        try (PrivateRedis redis = PrivateRedis.start(dir)) {
            buryPlain(redis, "/doc/", 5000);
            try (RedisTombstoneRegistry r = RedisTombstoneRegistry.builder(redis.url()).compactAbove(20)
                    .syncInterval(Duration.ofMinutes(10)).build()) {
                assertThat(r.compact()).isTrue();
                long before = redis.calls("hmget");
                List<String> paths = new ArrayList<>();
                for (int i = 0; i < 5000; i++) {
                    paths.add("/doc/" + i);
                }
                assertThat(withoutDetailsAfterOneBurst(r, paths, Duration.ofSeconds(30))).isEmpty();
                assertThat(redis.calls("hmget") - before).as("batched").isLessThanOrEqualTo(5000 / 100 + 10);
                assertThat(r.detailRequestsDropped()).isZero();
            }
        }
    }

    @Test
    void oneDetailQueryPerTombstoneWhateverTheSpelling(@TempDir Path dir) throws Exception {
        try (PrivateRedis redis = PrivateRedis.start(dir)) {
            buryPlain(redis, "/docs/", 50);
            try (RedisTombstoneRegistry r = RedisTombstoneRegistry.builder(redis.url()).caseSensitive(false)
                    .compactAbove(20).syncInterval(Duration.ofMinutes(10)).build()) {
                r.bury(Tombstone.builder("/Docs/Mixed").message("mixed case").build());
                assertThat(r.compact()).isTrue();
                long before = redis.calls("hmget") + redis.calls("hget");
                for (int i = 0; i < 2000; i++) {
                    assertThat(r.find("/DOCS/7", NOW)).isPresent();
                }
                assertThat(awaitDetails(r, "/DOCS/7").message()).isEqualTo("gone 7");
                assertThat(awaitDetails(r, "/Docs/7").message()).isEqualTo("gone 7");
                assertThat(awaitDetails(r, "/docs/7").message()).isEqualTo("gone 7");
                assertThat(redis.calls("hmget") + redis.calls("hget") - before).as("detail reads").isEqualTo(1);
                assertThat(r.list()).extracting(t -> t.pattern().key()).contains("/Docs/Mixed");
                assertThat(r.find("/DOCS/MIXED", NOW)).get().extracting(Tombstone::message).isEqualTo("mixed case");
            }
        }
    }

    /** Buries {@code prefix0..prefix(n-1)} with the message "gone i" through the store's own script. */
    private static void buryPlain(PrivateRedis redis, String prefix, int n) {
        try (RedisTombstoneStore store = new RedisTombstoneStore(
                new RedisConnections(URI.create(redis.url()), Duration.ofSeconds(5)), RedisTombstoneRegistry.DEFAULT_PREFIX)) {
            for (int i = 0; i < n; i++) {
                store.bury(Tombstone.builder(prefix + i).message("gone " + i).build());
            }
        }
    }

    private static RedisTombstoneRegistry open(URI url, String prefix) {
        return RedisTombstoneRegistry.builder(url).keyPrefix(prefix).compactAbove(10)
                .syncInterval(Duration.ofMinutes(10)).build();
    }
}
