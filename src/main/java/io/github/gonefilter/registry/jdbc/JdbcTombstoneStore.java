package io.github.gonefilter.registry.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gonefilter.internal.jdbc.BoundedConnections;
import io.github.gonefilter.internal.registry.Threads;
import io.github.gonefilter.internal.registry.TombstoneFields;
import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.internal.registry.sync.Reconnecting;
import io.github.gonefilter.internal.registry.sync.TombstoneStore;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The SQL behind {@link JdbcTombstoneRegistry}: one row per tombstone key, a one-row change counter that
 * every write increments inside its transaction (so versions commit in the order they are assigned), and on
 * PostgreSQL a {@code NOTIFY} per change. Only {@code java.sql}; the PostgreSQL driver is used reflectively
 * for {@code LISTEN} when it is on the class path.
 */
final class JdbcTombstoneStore implements TombstoneStore {

    private static final System.Logger LOG = System.getLogger(JdbcTombstoneStore.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String DEFAULT_TABLE = "gone_filter_tombstone";
    /** Connection requests that may be pending at once before further ones fail at once. */
    private static final int PENDING = 4;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,50}(\\.[A-Za-z_][A-Za-z0-9_]{0,50})?");
    private static final String COLUMNS = "pattern_key, path, regex, deleted_at, reason, message, alternative, max_age,"
            + " gone_from, gone_until, visibility, restorable, extensions, version, restored_at, mode";

    enum Dialect {
        POSTGRESQL("postgresql.sql"), H2("h2.sql"), OTHER(null);

        final String script;

        Dialect(String script) {
            this.script = script;
        }
    }

    private final DataSource dataSource;
    private final BoundedConnections connections;
    private final String table;
    private final String versionTable;
    private final String channel;
    private final Duration queryTimeout;
    private final Clock clock;
    private volatile Dialect dialect; // null until the database answered once
    private final boolean createSchema;
    private final String description;

    JdbcTombstoneStore(DataSource dataSource, String table, Duration queryTimeout, Clock clock, boolean createSchema,
            String name) throws SQLException {
        this.dataSource = dataSource;
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("table must be an SQL identifier such as gone_filter_tombstone"
                    + " (optionally schema-qualified) but was '" + table + "'");
        }
        this.table = table;
        this.versionTable = table + "_version";
        this.channel = table.replace('.', '_').toLowerCase(Locale.ROOT);
        this.queryTimeout = queryTimeout;
        this.clock = clock;
        this.createSchema = createSchema;
        this.connections = new BoundedConnections(dataSource, PENDING, table);
        Dialect d = null;
        String url = "";
        try (BoundedConnections.Lease lease = connections.get(queryTimeout)) {
            Connection c = lease.connection();
            url = String.valueOf(c.getMetaData().getURL());
            d = detect(c);
            if (createSchema) {
                createSchema(c, d); // reachable but cannot be prepared: fail at start-up
            }
        } catch (SQLException e) {
            if (d != null && !connectionFailure(e)) {
                connections.close();
                throw e;
            }
            d = null; // detected (and the schema created) on the first connection that works
            LOG.log(Level.DEBUG, "Database unreachable while starting the tombstone registry: " + e);
        }
        this.dialect = d;
        // Must not depend on reaching the database: it identifies the snapshot file during an outage too.
        this.description = name != null ? name : "table " + table;
        if (!url.isEmpty()) {
            LOG.log(Level.INFO, "Tombstones in " + description + " at " + stripCredentials(url));
        }
    }

    private static Dialect detect(Connection c) throws SQLException {
        String p = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return p.contains("postgres") ? Dialect.POSTGRESQL : p.contains("h2") ? Dialect.H2 : Dialect.OTHER;
    }

    /** Whether {@code e} says the database could not be reached or did not answer in time. */
    private static boolean connectionFailure(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTimeoutException || e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
                || (state != null && state.startsWith("08"));
    }

    /** A bounded connection, after learning the dialect from the first one that works. */
    private BoundedConnections.Lease connect() throws SQLException {
        BoundedConnections.Lease lease = connections.get(queryTimeout);
        if (dialect == null) {
            synchronized (this) {
                try {
                    if (dialect == null) {
                        Dialect d = detect(lease.connection());
                        if (createSchema) {
                            createSchema(lease.connection(), d); // the database was down at start-up
                        }
                        dialect = d;
                    }
                } catch (SQLException e) {
                    lease.close();
                    throw e;
                }
            }
        }
        return lease;
    }

    private static String stripCredentials(String url) {
        int q = url.indexOf('?');
        String base = q >= 0 ? url.substring(0, q) : url;
        return base.replaceAll("(?i)(password|user)=[^;&]*", "$1=***");
    }

    private void createSchema(Connection c, Dialect d) throws SQLException {
        if (d.script == null) {
            throw new SQLException("createSchema supports PostgreSQL and H2; create the tables for this database"
                    + " by hand (see docs/shared-registries.md)");
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String sql : statements(d, table)) {
                s.execute(sql);
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The DDL resource for {@code d} with the default table name replaced, split into statements. */
    static List<String> statements(Dialect d, String table) {
        String text;
        try (InputStream in = JdbcTombstoneStore.class.getResourceAsStream(d.script)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read the DDL resource " + d.script, e);
        }
        text = text.replaceAll("--[^\\n]*", "").replace(DEFAULT_TABLE, table);
        List<String> out = new ArrayList<>();
        for (String part : text.split(";")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }


    @Override
    public String description() {
        return description;
    }

    /**
     * The statement timeout: a second longer than the network timeout ({@link BoundedConnections}), so that
     * when the network stalls the socket read gives up first. A statement timeout that fires first makes
     * pgjdbc cancel over a new connection, which stalls too, and the statement waits for that cancel (up to
     * the driver's cancelSignalTimeout, 10 s). It still bounds statements of drivers without network timeouts.
     */
    private int timeoutSeconds() {
        return (int) Math.min(Integer.MAX_VALUE - 1, (queryTimeout.toMillis() + 999) / 1000) + 1;
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(timeoutSeconds());
        return ps;
    }

    /**
     * One SELECT in version order. A complete read ({@code sinceVersion == 0}) is consistent because PostgreSQL
     * runs one statement against one snapshot even at READ COMMITTED, its default: changes committed while the
     * rows stream are not seen, and each has a version above the highest one returned, so the next
     * incremental read applies them. (A database whose reads are not snapshot-based needs REPEATABLE READ or
     * above on this registry's connections.)
     */
    @Override
    public long readChanges(long sinceVersion, ChangeSink sink) throws Exception {
        String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE version > ?"
                + (sinceVersion == 0 ? " AND restored_at IS NULL" : "") + " ORDER BY version";
        long max = sinceVersion;
        try (BoundedConnections.Lease lease = connect()) {
            Connection c = lease.connection();
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = prepare(c, sql)) {
                ps.setFetchSize(1000);
                ps.setLong(1, sinceVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long v = rs.getLong("version");
                        max = Math.max(max, v);
                        String key = rs.getString("pattern_key");
                        if (rs.getObject("restored_at") != null) {
                            sink.restored(key);
                            continue;
                        }
                        sink.buried(new Row(rs, key, v));
                    }
                } catch (RowFailure e) {
                    throw e.getCause();
                }
                c.commit();
            } finally {
                restoreAutoCommit(c, auto);
            }
        }
        return max;
    }

    /** The current row of a change read, read in full only if the sink asks for it. */
    private final class Row implements Stored {
        private final ResultSet rs;
        private final String key;
        private final long version;

        Row(ResultSet rs, String key, long version) {
            this.rs = rs;
            this.key = key;
            this.version = version;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public Tombstone tombstone() {
            try {
                return fromRow(rs);
            } catch (SQLException e) {
                throw new RowFailure(e);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Ignoring the invalid tombstone row " + key + " (version " + version
                        + ") in " + table + ": " + e.getMessage());
                return null;
            }
        }

        /** Told from five columns: an exact path without time window, with visibility gone and the default mode. */
        @Override
        public String plainPath() {
            try {
                String path = rs.getString("path");
                if (path == null || path.indexOf('*') >= 0 || rs.getObject("gone_from") != null
                        || rs.getObject("gone_until") != null || !"gone".equals(rs.getString("visibility"))
                        || rs.getString("mode") != null) {
                    return null;
                }
                return PathCanonicalizer.canonicalizeEncoded(path.startsWith("/") ? path : "/" + path);
            } catch (SQLException e) {
                throw new RowFailure(e);
            } catch (IllegalArgumentException e) {
                return null; // reported when it is read in full
            }
        }
    }

    /** A failure to read a row while the sink handled it, rethrown by {@link #readChanges}. */
    private static final class RowFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    @Override
    public Map<String, Tombstone> load(Collection<String> keys) throws Exception {
        Map<String, Tombstone> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", Collections.nCopies(keys.size(), "?"));
        try (BoundedConnections.Lease lease = connect();
                PreparedStatement ps = prepare(lease.connection(), "SELECT " + COLUMNS + " FROM " + table
                        + " WHERE pattern_key IN (" + marks + ") AND restored_at IS NULL")) {
            int i = 1;
            for (String key : keys) {
                ps.setString(i++, key);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString("pattern_key");
                    try {
                        found.put(key, fromRow(rs));
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "Ignoring the invalid tombstone row " + key + " in " + table + ": "
                                + e.getMessage());
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void bury(Tombstone t) throws Exception {
        inTransaction(c -> {
            long v = nextVersion(c);
            ObjectNode json = TombstoneJson.toJson(t);
            String key = t.pattern().key();
            String set = "path = ?, regex = ?, deleted_at = ?, reason = ?, message = ?, alternative = ?, max_age = ?,"
                    + " gone_from = ?, gone_until = ?, visibility = ?, restorable = ?, extensions = ?, version = ?,"
                    + " restored_at = NULL, mode = ?";
            int updated;
            try (PreparedStatement ps = prepare(c, "UPDATE " + table + " SET " + set + " WHERE pattern_key = ?")) {
                bindFields(ps, t, json, v);
                ps.setString(15, key);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = prepare(c, "INSERT INTO " + table + " (path, regex, deleted_at, reason,"
                        + " message, alternative, max_age, gone_from, gone_until, visibility, restorable, extensions,"
                        + " version, restored_at, mode, pattern_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)")) {
                    bindFields(ps, t, json, v);
                    ps.setString(15, key);
                    ps.executeUpdate();
                }
            }
            notifyChange(c, v);
            return null;
        });
    }

    @Override
    public RestoreResult restore(PathPattern pattern, boolean force) throws Exception {
        return inTransaction(c -> {
            long v = nextVersion(c); // locks the counter row first, as every writer does: no deadlocks
            String key = pattern.key();
            try (PreparedStatement ps = prepare(c, "SELECT restorable FROM " + table
                    + " WHERE pattern_key = ? AND restored_at IS NULL")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return RestoreResult.ABSENT;
                    }
                    if (!rs.getBoolean(1) && !force) {
                        c.rollback();
                        return RestoreResult.NOT_RESTORABLE;
                    }
                }
            }
            try (PreparedStatement ps = prepare(c, "UPDATE " + table
                    + " SET restored_at = ?, version = ? WHERE pattern_key = ?")) {
                ps.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                ps.setLong(2, v);
                ps.setString(3, key);
                ps.executeUpdate();
            }
            notifyChange(c, v);
            return RestoreResult.RESTORED;
        });
    }

    private long nextVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = prepare(c, "UPDATE " + versionTable + " SET version = version + 1 WHERE id = 1")) {
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the change counter row is missing from " + versionTable
                        + "; run the DDL (see docs/shared-registries.md)");
            }
        }
        try (PreparedStatement ps = prepare(c, "SELECT version FROM " + versionTable + " WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void notifyChange(Connection c, long version) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = prepare(c, "SELECT pg_notify(?, ?)")) {
                ps.setString(1, channel);
                ps.setString(2, Long.toString(version));
                ps.execute(); // delivered on commit
            }
        }
    }

    private static void bindFields(PreparedStatement ps, Tombstone t, ObjectNode json, long version)
            throws SQLException {
        boolean regex = t.pattern() instanceof PathPattern.Regex;
        ps.setString(1, regex ? null : json.get("path").asText());
        ps.setString(2, regex ? ((PathPattern.Regex) t.pattern()).expression() : null);
        setInstant(ps, 3, t.deletedAt());
        ps.setString(4, t.reason());
        ps.setString(5, t.message());
        ps.setString(6, t.alternative() == null ? null : t.alternative().toString());
        if (t.maxAge() == null) {
            ps.setNull(7, Types.BIGINT);
        } else {
            ps.setLong(7, t.maxAge().getSeconds());
        }
        setInstant(ps, 8, t.goneFrom());
        setInstant(ps, 9, t.goneUntil());
        ps.setString(10, t.visibility().code());
        ps.setBoolean(11, t.restorable());
        JsonNode ext = json.get("extensions");
        ps.setString(12, ext == null ? null : ext.toString());
        ps.setLong(13, version);
        ps.setString(14, t.mode() == null ? null : t.mode().code());
    }

    private static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    /** A row's columns as the members of a tombstone, built and checked as every tombstone is. */
    private static Tombstone fromRow(ResultSet rs) throws SQLException {
        TombstoneFields fields = TombstoneFields.of();
        text(fields, "path", rs.getString("path"));
        text(fields, "regex", rs.getString("regex"));
        fields.instant("deletedAt", instant(rs, "deleted_at"));
        text(fields, "reason", rs.getString("reason"));
        text(fields, "message", rs.getString("message"));
        text(fields, "alternative", rs.getString("alternative"));
        long maxAge = rs.getLong("max_age");
        if (!rs.wasNull()) {
            fields.maxAgeSeconds(maxAge);
        }
        fields.instant("goneFrom", instant(rs, "gone_from"));
        fields.instant("goneUntil", instant(rs, "gone_until"));
        text(fields, "visibility", rs.getString("visibility"));
        fields.restorable(rs.getBoolean("restorable"));
        text(fields, "mode", rs.getString("mode"));
        String extensions = rs.getString("extensions");
        if (extensions != null) {
            fields.extensions(TombstoneJson.extensions(extensions));
        }
        return fields.build();
    }

    private static void text(TombstoneFields fields, String name, String value) {
        if (value != null) {
            fields.text(name, value);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private interface Work<T> {
        T run(Connection c) throws Exception;
    }

    private <T> T inTransaction(Work<T> work) throws Exception {
        try (BoundedConnections.Lease lease = connect()) {
            Connection c = lease.connection();
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                return result;
            } catch (Exception e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                restoreAutoCommit(c, auto);
            }
        }
    }

    private static void restoreAutoCommit(Connection c, boolean auto) {
        try {
            c.setAutoCommit(auto);
        } catch (SQLException e) {
            // the connection is broken; the pool will find out
        }
    }

    @Override
    public void close() {
        connections.close();
    }

    // ---------------------------------------------------------------- LISTEN (PostgreSQL only)

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
        if (dialect == Dialect.H2 || dialect == Dialect.OTHER) {
            return () -> { };
        }
        Class<?> pgConnection;
        Method getNotifications;
        try {
            pgConnection = Class.forName("org.postgresql.PGConnection", false, dataSourceClassLoader());
            getNotifications = pgConnection.getMethod("getNotifications", int.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(Level.INFO, "The PostgreSQL JDBC driver (org.postgresql.PGConnection) is not visible; tombstone"
                    + " changes arrive by polling only");
            return () -> { };
        }
        return new Listener(pgConnection, getNotifications, onChange).start("gone-filter-listen " + channel);
    }

    private ClassLoader dataSourceClassLoader() {
        ClassLoader l = dataSource.getClass().getClassLoader();
        return l != null ? l : Thread.currentThread().getContextClassLoader();
    }

    /** Holds one connection with {@code LISTEN}. */
    private final class Listener extends Reconnecting {
        private final Class<?> pgConnection;
        private final Method getNotifications;
        private final Runnable onChange;
        private volatile Connection current;

        Listener(Class<?> pgConnection, Method getNotifications, Runnable onChange) {
            super("LISTEN " + channel);
            this.pgConnection = pgConnection;
            this.getNotifications = getNotifications;
            this.onChange = onChange;
        }

        @Override
        protected void listen() throws Exception {
            try (BoundedConnections.Lease lease = connect()) {
                Connection c = lease.connection();
                current = c;
                if (dialect != Dialect.POSTGRESQL) {
                    giveUp(); // learned only now that this is not PostgreSQL
                    return;
                }
                c.setAutoCommit(true); // LISTEN inside an open transaction would wait for its commit
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                Object pg = c.unwrap(pgConnection);
                connected();
                onChange.run(); // whatever changed while we were not listening
                while (!closed()) {
                    Object[] notes = (Object[]) getNotifications.invoke(pg, 500);
                    if (notes != null && notes.length > 0) {
                        onChange.run();
                    }
                }
            } finally {
                current = null;
            }
        }

        /**
         * Stops listening without waiting: the listening thread may sit in a driver read that holds the
         * connection's lock (pgjdbc reads the rest of a message without a timeout), and a pool's close() needs
         * that lock. {@link Connection#abort} is meant to be called from another thread; it runs on a throwaway
         * daemon thread so that a driver that blocks anyway cannot hold up the caller.
         */
        @Override
        protected void interrupt() {
            Connection c = current;
            if (c != null) {
                Threads.start("gone-filter-listen-close " + channel, () -> {
                    try {
                        c.abort(Runnable::run);
                    } catch (SQLException | RuntimeException | AbstractMethodError e) {
                        try {
                            c.close();
                        } catch (SQLException ignored) {
                            // closing anyway
                        }
                    }
                });
            }
        }
    }
}
