package io.github.gonefilter.registry.table;

import io.github.gonefilter.testing.TombstoneRegistryContract;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The parts of the registry contract that apply to tombstones derived from an application table (exact
 * paths under {@code /api/users/}), over H2. Each initial tombstone {@code /api/users/ID} becomes a
 * soft-deleted row; a bounded wait on misses, and a rate limit no test reaches, make first lookups
 * deterministic.
 */
class SoftDeleteTableRegistryContractTest extends TombstoneRegistryContract {

    @Override
    protected TombstoneRegistry createRegistry(List<Tombstone> initial) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id VARCHAR(64) PRIMARY KEY, deleted_at TIMESTAMP WITH TIME ZONE,"
                    + " deletion_reason VARCHAR(64))");
            s.execute("INSERT INTO users (id) VALUES ('1234'), ('12')"); // live rows
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO users (id, deleted_at, deletion_reason) KEY (id) VALUES (?, CURRENT_TIMESTAMP, 'gdpr')")) {
                for (Tombstone t : initial) {
                    String path = ((PathPattern.Exact) t.pattern()).path();
                    if (!path.startsWith("/api/users/")) {
                        throw new IllegalArgumentException("this registry only holds /api/users/{id}: " + path);
                    }
                    ps.setString(1, path.substring("/api/users/".length()));
                    ps.executeUpdate();
                }
            }
        }
        return SoftDeleteTableRegistry.builder(ds)
                .route("/api/users/{id}", "SELECT deleted_at, deletion_reason FROM users WHERE id = ?")
                .missWait(Duration.ofSeconds(5))
                .missQueriesPerSecond(100_000)
                .build();
    }

    @Override
    protected boolean holdsArbitraryTombstones() {
        return false;
    }

    @Override
    protected boolean preChecksPaths() {
        return true;
    }
}
