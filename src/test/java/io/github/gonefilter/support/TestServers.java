package io.github.gonefilter.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL and Redis servers that {@code .ci/services.sh} starts, found through its
 * {@code GONE_FILTER_*} environment variables. When one is missing the calling test is skipped with the
 * reason, or fails when {@code CI=true} or {@code -Dgonefilter.requireServers=true}.
 */
public final class TestServers {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private TestServers() {
    }

    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("gonefilter.requireServers");
    }

    /** Skips (or fails, when servers are required) the current test. */
    public static void unavailable(String why) {
        String message = why + " (run `source .ci/services.sh` first)";
        if (required()) {
            fail(message + "; servers are required because CI=true or -Dgonefilter.requireServers=true");
        }
        Assumptions.abort(message);
    }

    /** The shared PostgreSQL database. */
    public static PGSimpleDataSource postgres() {
        String url = System.getenv("GONE_FILTER_PG_URL");
        if (url == null || url.isBlank()) {
            unavailable("PostgreSQL not configured: GONE_FILTER_PG_URL is not set");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(System.getenv().getOrDefault("GONE_FILTER_PG_USER", "gone_filter"));
        ds.setPassword(System.getenv().getOrDefault("GONE_FILTER_PG_PASSWORD", ""));
        ds.setConnectTimeout(3);
        ds.setSocketTimeout(10);
        try (Connection c = ds.getConnection()) {
            c.isValid(2);
        } catch (SQLException e) {
            unavailable("PostgreSQL at " + url + " is not reachable: " + e.getMessage());
        }
        return ds;
    }

    /** The Redis server's URL, checked with a PING. */
    public static URI redis() {
        String url = System.getenv("GONE_FILTER_REDIS_URL");
        if (url == null || url.isBlank()) {
            unavailable("Redis not configured: GONE_FILTER_REDIS_URL is not set");
        }
        URI uri = URI.create(url);
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), 2000);
        } catch (java.io.IOException e) {
            unavailable("Redis at " + url + " is not reachable: " + e.getMessage());
        }
        return uri;
    }

    /** A table name no other test uses, so each registry starts from empty storage. */
    public static String freshTable() {
        return "gf_test_" + ProcessHandle.current().pid() + "_" + TABLES.incrementAndGet();
    }

    /** Drops a test table and its change counter; nothing to do when the test was skipped before it had a database. */
    public static void dropTables(DataSource ds, String table) {
        if (ds == null || table == null) {
            return;
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("DROP TABLE IF EXISTS " + table + "_version");
        } catch (SQLException e) {
            // best effort
        }
    }
}
