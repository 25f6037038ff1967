package io.github.gonefilter.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.support.TestPool;
import io.github.gonefilter.support.TestServers;
import io.github.gonefilter.support.TestSite;
import io.github.gonefilter.tombstone.Tombstone;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each a GoneFilter in its own Tomcat with its own registry and connection pool, over one
 * PostgreSQL database. Polling is set to a minute so only LISTEN/NOTIFY can carry changes within 2 seconds.
 */
class TwoNodePostgresTest {

    @Test
    void buryAndRestoreThroughNodeAReachNodeBWithinTwoSeconds() throws Exception {
        DataSource server = TestServers.postgres();
        String table = TestServers.freshTable();
        try (JdbcTombstoneRegistry a = node(new TestPool(server), table);
                JdbcTombstoneRegistry b = node(new TestPool(server), table);
                TestSite siteA = new TestSite(a);
                TestSite siteB = new TestSite(b)) {
            assertThat(siteB.get("/docs/42")).isEqualTo(200);

            a.bury(Tombstone.builder("/docs/42").reason("user_request").restorable(true).build());
            assertThat(siteA.get("/docs/42")).isEqualTo(410); // the writing node sees its own change at once
            long buried = millisUntil(siteB, "/docs/42", 410);
            System.out.println("TwoNodePostgresTest: node B answered 410 after " + buried + " ms");
            assertThat(buried).isLessThan(2000);
            assertThat(siteB.get("/docs/43")).isEqualTo(200);

            a.restore("/docs/42");
            long restored = millisUntil(siteB, "/docs/42", 200);
            System.out.println("TwoNodePostgresTest: node B answered 200 after " + restored + " ms");
            assertThat(restored).isLessThan(2000);
            assertThat(siteA.get("/docs/42")).isEqualTo(200);
        } finally {
            TestServers.dropTables(server, table);
        }
    }

    private static JdbcTombstoneRegistry node(DataSource ds, String table) {
        return JdbcTombstoneRegistry.builder(ds).table(table).createSchema(true)
                .syncInterval(Duration.ofMinutes(1)).build();
    }

    /** Polls every 20 ms for up to 5 s; returns how long it took until {@code path} answered {@code status}. */
    static long millisUntil(TestSite site, String path, int status) throws Exception {
        long start = System.nanoTime();
        while (site.get(path) != status) {
            if (System.nanoTime() - start > 5_000_000_000L) {
                return Long.MAX_VALUE;
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
