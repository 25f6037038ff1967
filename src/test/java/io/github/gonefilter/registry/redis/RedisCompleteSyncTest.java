package io.github.gonefilter.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.support.TestServers;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * A node's complete sync reads Redis in pages while other nodes keep writing. Here one writer restores and
 * re-buries random tombstones of 20,000 in a tight loop while a new node starts, five times (in full and in
 * compact mode): once the writer stops and the node has applied the changes after its version, it must hold
 * exactly what Redis holds. A restore made between two pages of the complete read, of a key an earlier page
 * had read, used to be skipped and left the path buried on the new node until its next complete sync.
 */
class RedisCompleteSyncTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final int TOMBSTONES = 20_000;

    @Test
    void restoresMadeDuringACompleteSyncReachTheStartingNode() throws Exception {
        URI url = TestServers.redis();
        String prefix = TestServers.freshTable().replace('_', '-');
        String hash = "{" + prefix + "}:tombstones";
        List<Tombstone> all = new ArrayList<>();
        for (int i = 0; i < TOMBSTONES; i++) {
            all.add(Tombstone.builder("/doc/" + i).message("gone " + i).restorable(true).build());
        }
        try (RedisTombstoneStore writer = new RedisTombstoneStore(new RedisConnections(url, Duration.ofSeconds(5)),
                prefix); JedisPooled redis = new JedisPooled(url.getHost(), url.getPort())) {
            for (Tombstone t : all) {
                writer.bury(t);
            }
            int totalChanges = 0;
            for (int start = 0; start < 5; start++) {
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger changes = new AtomicInteger();
                Random random = new Random(start);
                Thread toggler = new Thread(() -> {
                    while (!stop.get()) {
                        Tombstone t = all.get(random.nextInt(TOMBSTONES));
                        try {
                            if (writer.restore(t.pattern(), true) != RedisTombstoneStore.RestoreResult.RESTORED) {
                                writer.bury(t);
                            }
                            changes.incrementAndGet();
                        } catch (RuntimeException e) {
                            throw new AssertionError(e);
                        }
                    }
                }, "toggler");
                toggler.start();
                Thread.sleep(20);
                int compactAbove = start % 2 == 0 ? 100_000 : 1_000;
                try (RedisTombstoneRegistry node = RedisTombstoneRegistry.builder(url).keyPrefix(prefix)
                        .compactAbove(compactAbove).syncInterval(Duration.ofMinutes(10)).build()) {
                    Thread.sleep(20);
                    stop.set(true);
                    toggler.join();
                    assertThat(node.compact()).isEqualTo(compactAbove < TOMBSTONES);
                    node.syncNow(); // the changes after the node's version: all it may add to its complete read

                    Set<String> inRedis = redis.hkeys(hash);
                    List<String> wrong = new ArrayList<>();
                    for (Tombstone t : all) {
                        String key = ((PathPattern.Exact) t.pattern()).path();
                        if (node.find(key, NOW).isPresent() != inRedis.contains(key)) {
                            wrong.add(key + (inRedis.contains(key) ? " missing" : " still buried"));
                        }
                    }
                    System.out.println("RedisCompleteSyncTest: start " + start + " (compactAbove " + compactAbove
                            + "): " + changes.get() + " changes during the start, " + wrong.size() + " wrong");
                    assertThat(changes.get()).as("the writer ran during the start").isPositive();
                    assertThat(wrong).as("start " + start).isEmpty();
                    totalChanges += changes.get();
                }
            }
            assertThat(totalChanges).isGreaterThan(100);
        } finally {
            try (JedisPooled redis = new JedisPooled(url.getHost(), url.getPort())) {
                redis.del(hash, "{" + prefix + "}:changes", "{" + prefix + "}:version");
            }
        }
    }
}
