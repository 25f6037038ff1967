package io.github.gonefilter.support;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool for tests, standing in for HikariCP: connections are validated when borrowed
 * and go back to the pool when closed. {@code unwrap} reaches the driver's connection, as real pools allow.
 * {@link #cut()} simulates a network partition between this node and the database.
 */
public final class TestPool implements DataSource {

    private final DataSource target;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final java.util.Set<Connection> active = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final boolean validate;
    private volatile boolean cut;

    public TestPool(DataSource target) {
        this(target, true);
    }

    private TestPool(DataSource target, boolean validate) {
        this.target = target;
        this.validate = validate;
    }

    /**
     * A pool that hands idle connections out without validating them, as a pool with validation off (or
     * whose next check is not due) does: a network stall then hits statements on established connections.
     */
    public static TestPool trusting(DataSource target) {
        return new TestPool(target, false);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (cut) {
            throw new SQLException("connection refused (network cut by the test)");
        }
        Connection c;
        while ((c = idle.poll()) != null) {
            if (!validate || c.isValid(1)) {
                return wrap(c);
            }
            c.close();
        }
        return wrap(target.getConnection());
    }

    /** From now on no connection can be had, and every open one breaks. */
    public void cut() {
        cut = true;
        clear();
        for (Connection c : active) {
            try {
                c.close();
            } catch (SQLException e) {
                // broken anyway
            }
        }
    }

    /** Undoes {@link #cut()}. */
    public void heal() {
        cut = false;
    }

    private Connection wrap(Connection real) {
        boolean[] returned = {false};
        active.add(real);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!returned[0]) {
                                returned[0] = true;
                                active.remove(real);
                                if (!cut && !real.isClosed() && real.getAutoCommit()) {
                                    idle.add(real);
                                } else {
                                    real.close();
                                }
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return returned[0] || real.isClosed();
                        }
                        case "unwrap" -> {
                            return real.unwrap((Class<?>) args[0]);
                        }
                        default -> {
                            if (returned[0]) {
                                throw new SQLException("connection returned to the pool");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    /** Closes every idle connection. */
    public void clear() {
        Connection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
