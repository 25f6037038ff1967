package io.github.gonefilter.registry.jdbc;

import static io.github.gonefilter.internal.registry.Checks.positive;
import static io.github.gonefilter.internal.registry.Checks.requireUnset;

import io.github.gonefilter.registry.sync.SyncingTombstoneRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Tombstones shared by every node through a database table (PostgreSQL, or H2 for embedded use), reached
 * through a plain {@link DataSource}; no pool or driver is bundled. Lookups are served from each node's
 * in-memory snapshot and never wait on the database; {@link #bury} and {@link #restore} write to it and
 * every node picks the change up incrementally, within about a second on PostgreSQL ({@code LISTEN/NOTIFY},
 * which holds one connection of the data source) and within the {@link Builder#syncInterval sync interval}
 * elsewhere. See {@link SyncingTombstoneRegistry} for the outage behaviour and memory use at scale, and
 * {@code docs/shared-registries.md} for the tables.
 *
 * <pre>{@code
 * JdbcTombstoneRegistry registry = JdbcTombstoneRegistry.builder(dataSource)
 *         .createSchema(true)
 *         .snapshotFile(Path.of("/var/cache/myapp/tombstones.bin"))
 *         .build();
 * }</pre>
 */
public final class JdbcTombstoneRegistry extends SyncingTombstoneRegistry {

    /** The default table; the change counter lives in the table of the same name with {@code _version} appended. */
    public static final String DEFAULT_TABLE = JdbcTombstoneStore.DEFAULT_TABLE;

    private JdbcTombstoneRegistry(JdbcTombstoneStore store, Builder builder) {
        super(store, builder);
    }

    @Override
    protected String kind() {
        return "jdbc";
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * The DDL this library would run for {@code database} ({@code "postgresql"} or {@code "h2"}), one string
     * per statement, e.g. to feed a migration tool. The same text ships as the resources
     * {@code io/github/gonefilter/registry/jdbc/postgresql.sql} and {@code h2.sql}.
     */
    public static List<String> schemaStatements(String database, String table) {
        JdbcTombstoneStore.Dialect d = switch (database.toLowerCase(java.util.Locale.ROOT)) {
            case "postgresql", "postgres" -> JdbcTombstoneStore.Dialect.POSTGRESQL;
            case "h2" -> JdbcTombstoneStore.Dialect.H2;
            default -> throw new IllegalArgumentException("database must be postgresql or h2 but was '" + database + "'");
        };
        return JdbcTombstoneStore.statements(d, table);
    }

    /** Configures a {@link JdbcTombstoneRegistry}; every setting may be given once. */
    public static final class Builder extends SyncingTombstoneRegistry.Builder<Builder> {
        private final DataSource dataSource;
        private String table;
        private Boolean createSchema;
        private Duration queryTimeout;
        private String name;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The table, optionally schema-qualified; default {@value #DEFAULT_TABLE}. */
        public Builder table(String table) {
            requireUnset(this.table, "table");
            this.table = Objects.requireNonNull(table, "table");
            return this;
        }

        /**
         * Whether to create the tables at start-up if they are missing (PostgreSQL and H2; the statements are
         * idempotent). Default false: the tables come from your migrations. If the database cannot be reached at
         * start-up, the tables are created on the first connection that works; if it is reachable but the
         * tables cannot be created (e.g. no privilege), start-up fails.
         */
        public Builder createSchema(boolean createSchema) {
            requireUnset(this.createSchema, "createSchema");
            this.createSchema = createSchema;
            return this;
        }

        /**
         * How long any one database wait may last: {@code getConnection()} and every network read
         * ({@code Connection.setNetworkTimeout}), so that a stalled network is an outage within this time, not
         * a hang. The statement timeout is a second longer, in whole seconds. Default 5 seconds.
         */
        public Builder queryTimeout(Duration timeout) {
            requireUnset(this.queryTimeout, "queryTimeout");
            this.queryTimeout = positive(timeout, "queryTimeout");
            return this;
        }

        /**
         * The name in log messages and in the snapshot file; default {@code "table "} and the table name. A
         * snapshot file is only used by a registry of the same name, so give each database its own name (or
         * its own snapshot file) when one machine runs nodes of several sites.
         */
        public Builder name(String name) {
            requireUnset(this.name, "name");
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Connects, creates the tables if asked, loads the tombstones (or the snapshot file if the database is
         * unreachable) and starts syncing.
         *
         * @throws IllegalStateException if {@code createSchema} was asked and the reachable database cannot be
         *                               prepared
         */
        public JdbcTombstoneRegistry build() {
            JdbcTombstoneStore store;
            try {
                store = new JdbcTombstoneStore(dataSource, table != null ? table : DEFAULT_TABLE,
                        queryTimeout != null ? queryTimeout : Duration.ofSeconds(5), wallClock(),
                        createSchema != null && createSchema, name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the tombstone tables: " + e.getMessage(), e);
            }
            return new JdbcTombstoneRegistry(store, this);
        }
    }
}
