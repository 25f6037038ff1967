package io.github.gonefilter.registry.jdbc;

import io.github.gonefilter.registry.sync.SharedRegistryContract;
import io.github.gonefilter.registry.sync.SyncingTombstoneRegistry;
import io.github.gonefilter.support.H2Database;
import io.github.gonefilter.support.TestPool;
import io.github.gonefilter.support.TestServers;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

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
            return new H2Database().dataSource();
        }
    }
}
