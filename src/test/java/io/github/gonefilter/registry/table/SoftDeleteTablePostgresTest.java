package io.github.gonefilter.registry.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.registry.sync.TestPool;
import io.github.gonefilter.registry.sync.TestServers;
import io.github.gonefilter.registry.sync.TestSite;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The soft-delete adapter in front of a real GoneFilter, over an application table in PostgreSQL. */
class SoftDeleteTablePostgresTest {

    @Test
    void deletedRowsAnswer410AndOtherPathsNeverQuery() throws Exception {
        DataSource pg = TestServers.postgres();
        String table = TestServers.freshTable();
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, title TEXT, deleted_at TIMESTAMPTZ,"
                    + " deletion_reason TEXT)");
            s.execute("INSERT INTO " + table + " VALUES (1, 'live', NULL, NULL), (2, 'gone', now(), 'user_request')");
        }
        try (SoftDeleteTableRegistry registry = SoftDeleteTableRegistry.builder(new TestPool(pg))
                .route("/api/documents/{id:long}", "SELECT deleted_at, deletion_reason FROM " + table + " WHERE id = ?")
                .missWait(Duration.ofSeconds(2)).build();
                TestSite site = new TestSite(registry)) {
            assertThat(site.get("/api/documents/abc")).isEqualTo(200);
            assertThat(site.get("/somewhere/else")).isEqualTo(200);
            assertThat(registry.queries()).isZero();
            assertThat(site.get("/api/documents/2")).isEqualTo(410);
            assertThat(site.get("/api/documents/1")).isEqualTo(200);
            assertThat(site.get("/api/documents/3")).isEqualTo(200);
            for (int i = 0; i < 20; i++) {
                assertThat(site.get("/api/documents/2")).isEqualTo(410);
                assertThat(site.get("/api/documents/1")).isEqualTo(200);
            }
            assertThat(registry.queries()).isEqualTo(3);
        } finally {
            TestServers.dropTables(pg, table);
        }
    }
}
