package io.github.gonefilter.benchmarks;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.registry.jdbc.JdbcTombstoneRegistry;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A shared registry's cost on live paths, next to the in-memory registry's on the same tombstones in the same
 * run: GoneFilter over a {@link JdbcTombstoneRegistry} (embedded H2, filled with the standard corpus: exact paths
 * plus 10,000 globs and 10 regexes) and over an {@link InMemoryTombstoneRegistry}. With 200,000 exact paths the
 * JDBC registry is in compact mode (fingerprints). The database is never touched on these paths: what is measured
 * is the registry's in-memory answer and whether the filter reads its clock.
 */
@State(Scope.Benchmark)
public class SharedRegistryBenchmark extends PassThroughBenchmark {

    @Param({"memory", "jdbc"})
    public String registry;

    @Param({"1000", "200000"})
    public int exactTombstones;

    private TombstoneRegistry tombstones;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<Tombstone> corpus = Corpus.standard(exactTombstones);
        if (registry.equals("memory")) {
            InMemoryTombstoneRegistry memory = new InMemoryTombstoneRegistry();
            memory.replaceAll(corpus);
            tombstones = memory;
        } else {
            tombstones = jdbc(corpus);
        }
        filter = GoneFilter.builder().registry(tombstones).build();
        checkLivePathsPass();
        Checks.answers(filter, new FakeRequest("GET", Corpus.GONE_PATH), 410);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        filter.destroy();
        tombstones.close();
    }

    /** The corpus written to the registry's tables in one batch (as a migration would), then loaded. */
    private static JdbcTombstoneRegistry jdbc(List<Tombstone> corpus) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        String table = JdbcTombstoneRegistry.DEFAULT_TABLE;
        try (Connection c = h2.getConnection()) {
            try (Statement s = c.createStatement()) {
                for (String sql : JdbcTombstoneRegistry.schemaStatements("h2", table)) {
                    s.execute(sql);
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (pattern_key, path, regex,"
                    + " deleted_at, reason, message, visibility, restorable, version) VALUES (?, ?, ?, ?, ?, ?, 'gone',"
                    + " FALSE, ?)")) {
                long version = 0;
                for (Tombstone t : corpus) {
                    boolean regex = t.pattern() instanceof PathPattern.Regex;
                    ps.setString(1, t.pattern().key());
                    ps.setString(2, regex ? null : t.pattern().source());
                    ps.setString(3, regex ? t.pattern().source() : null);
                    ps.setTimestamp(4, t.deletedAt() == null ? null : Timestamp.from(t.deletedAt()));
                    ps.setString(5, t.reason());
                    ps.setString(6, t.message());
                    ps.setLong(7, ++version);
                    ps.addBatch();
                    if (version % 10_000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE " + table + "_version SET version = " + version + " WHERE id = 1");
                }
            }
            c.commit();
        }
        return JdbcTombstoneRegistry.builder(h2).syncInterval(Duration.ofHours(1)).build();
    }
}
