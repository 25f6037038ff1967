package io.github.gonefilter.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.registry.sync.SharedRegistryContract;
import io.github.gonefilter.registry.sync.SyncingTombstoneRegistry;
import io.github.gonefilter.support.H2Database;
import io.github.gonefilter.support.TestPool;
import io.github.gonefilter.support.TestServers;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The registry contract over PostgreSQL and over in-process H2. Each registry gets fresh tables. */
class JdbcTombstoneRegistryContractTest {

    abstract static class OverDatabase extends SharedRegistryContract {
        private DataSource dataSource;

        abstract DataSource dataSource();

        private DataSource ds() {
            if (dataSource == null) {
                dataSource = dataSource();
            }
            return dataSource;
        }

        @Override
        protected SyncingTombstoneRegistry open(String table) {
            return JdbcTombstoneRegistry.builder(ds()).table(table).createSchema(true)
                    .syncInterval(Duration.ofMinutes(10)).build();
        }

        @Override
        protected void drop(String table) {
            TestServers.dropTables(ds(), table);
        }

        abstract String database();

        /** Tables made by createSchema before tombstones had a mode get the column the next time it runs. */
        @Test
        void createSchemaAddsTheModeColumnToTablesOfEarlierReleases() throws Exception {
            String table = TestServers.freshTable();
            try (Connection c = ds().getConnection(); Statement s = c.createStatement()) {
                for (String sql : JdbcTombstoneRegistry.schemaStatements(database(), table)) {
                    if (!sql.startsWith("ALTER TABLE")) {
                        s.execute(sql.replaceAll("\\s*mode\\s+VARCHAR\\(16\\),", ""));
                    }
                }
                s.execute("INSERT INTO " + table + " (pattern_key, path, version) VALUES ('/old', '/old', 1)");
                s.execute("UPDATE " + table + "_version SET version = 1");
            }
            try (SyncingTombstoneRegistry r = open(table)) {
                Tombstone slug = Tombstone.builder("/slug").mode(TombstoneMode.FALLBACK).build();
                r.bury(slug);
                assertThat(r.list()).containsExactlyInAnyOrder(Tombstone.of("/old"), slug);
            } finally {
                drop(table);
            }
        }
    }

    @Nested
    class PostgreSql extends OverDatabase {
        @Override
        DataSource dataSource() {
            return new TestPool(TestServers.postgres());
        }

        @Override
        String database() {
            return "postgresql";
        }
    }

    @Nested
    class H2 extends OverDatabase {
        @Override
        DataSource dataSource() {
            return new H2Database().dataSource();
        }

        @Override
        String database() {
            return "h2";
        }
    }
}
