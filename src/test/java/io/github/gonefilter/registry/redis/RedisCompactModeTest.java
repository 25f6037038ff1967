package io.github.gonefilter.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.registry.sync.TestServers;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
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

    private static RedisTombstoneRegistry open(URI url, String prefix) {
        return RedisTombstoneRegistry.builder(url).keyPrefix(prefix).compactAbove(10)
                .syncInterval(Duration.ofMinutes(10)).build();
    }
}
