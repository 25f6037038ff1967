package io.github.gonefilter.registry.jdbc;

import io.github.gonefilter.testing.TombstoneRegistryContract;
import io.github.gonefilter.registry.sync.SyncingTombstoneRegistry;
import io.github.gonefilter.registry.sync.TestPool;
import io.github.gonefilter.registry.sync.TestServers;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The registry contract over PostgreSQL and over in-process H2. Each registry gets fresh tables. */
class JdbcTombstoneRegistryContractTest {

    abstract static class OverDatabase extends TombstoneRegistryContract {
        private final Map<TombstoneRegistry, String> tables = new HashMap<>();
        private final List<String> created = new ArrayList<>();
        private DataSource dataSource;

        abstract DataSource dataSource();

        private DataSource ds() {
            if (dataSource == null) {
                dataSource = dataSource();
            }
            return dataSource;
        }

        @Override
        protected TombstoneRegistry createRegistry(List<Tombstone> initial) {
            String table = TestServers.freshTable();
            created.add(table);
            JdbcTombstoneRegistry r = open(table);
            initial.forEach(r::bury);
            return r;
        }

        private JdbcTombstoneRegistry open(String table) {
            JdbcTombstoneRegistry r = JdbcTombstoneRegistry.builder(ds()).table(table).createSchema(true)
                    .syncInterval(Duration.ofMinutes(10)).build();
            tables.put(r, table);
            return r;
        }

        @Override
        protected boolean writable() {
            return true;
        }

        @Override
        protected boolean preChecksPaths() {
            return true;
        }

        @Override
        protected boolean shared() {
            return true;
        }

        @Override
        protected TombstoneRegistry createPeer(TombstoneRegistry registry) {
            return open(tables.get(registry));
        }

        @Override
        protected void awaitSync(TombstoneRegistry registry) {
            ((SyncingTombstoneRegistry) registry).syncNow();
        }

        @AfterEach
        void dropTables() {
            tables.keySet().forEach(TombstoneRegistry::close); // before the tables go away
            if (dataSource != null) {
                created.forEach(t -> TestServers.dropTables(dataSource, t));
            }
            created.clear();
            tables.clear();
        }
    }

    @Nested
    class PostgreSql extends OverDatabase {
        @Override
        DataSource dataSource() {
            return new TestPool(TestServers.postgres());
        }
    }

    @Nested
    class H2 extends OverDatabase {
        @Override
        DataSource dataSource() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return ds;
        }
    }
}
