package io.github.gonefilter.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.registry.sync.TombstoneStoreException;
import io.github.gonefilter.support.TestSite;
import io.github.gonefilter.tombstone.Tombstone;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes over a private Redis server that the test stops and starts (append-only file, so its data
 * survives): pub/sub carries changes within 2 seconds; through the outage node B answers from its snapshot
 * and a node that starts meanwhile uses its snapshot file; afterwards changes arrive again.
 */
class RedisOutageTest {

    @TempDir
    Path tmp;

    @Test
    void twoNodesThroughAnOutage() throws Exception {
        try (PrivateRedis server = PrivateRedis.start(tmp);
                RedisTombstoneRegistry a = node(server.port(), "a.bin");
                RedisTombstoneRegistry b = node(server.port(), "b.bin");
                TestSite siteB = new TestSite(b)) {
            a.bury(Tombstone.builder("/gone/1").restorable(true).build());
            long start = System.nanoTime();
            while (siteB.get("/gone/1") != 410 && System.nanoTime() - start < 5_000_000_000L) {
                Thread.sleep(10);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("RedisOutageTest: node B answered 410 after " + millis + " ms");
            assertThat(millis).isLessThan(2000);

            server.stop(); // SIGTERM: Redis writes its append-only file and exits
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!b.outage() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(b.outage()).isTrue();
            for (int i = 0; i < 50; i++) {
                long t0 = System.nanoTime();
                assertThat(siteB.get("/gone/1")).isEqualTo(410);
                assertThat(siteB.get("/live")).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            }
            assertThatThrownBy(() -> a.bury(Tombstone.of("/never"))).isInstanceOf(TombstoneStoreException.class);
            try (RedisTombstoneRegistry restarted = node(server.port(), "b.bin")) {
                assertThat(restarted.find("/gone/1", Instant.now())).isPresent();
            }

            server.start();
            a.restore("/gone/1");
            a.bury(Tombstone.builder("/gone/2").build());
            start = System.nanoTime();
            while ((siteB.get("/gone/1") != 200 || siteB.get("/gone/2") != 410)
                    && System.nanoTime() - start < 10_000_000_000L) {
                Thread.sleep(20);
            }
            assertThat(siteB.get("/gone/1")).isEqualTo(200);
            assertThat(siteB.get("/gone/2")).isEqualTo(410);
            assertThat(b.outage()).isFalse();
        }
    }

    private RedisTombstoneRegistry node(int port, String snapshot) {
        return RedisTombstoneRegistry.builder("redis://127.0.0.1:" + port).syncInterval(Duration.ofMillis(200))
                .timeout(Duration.ofSeconds(1)).snapshotFile(tmp.resolve(snapshot)).build();
    }
}
