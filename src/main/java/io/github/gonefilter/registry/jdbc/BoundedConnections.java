package io.github.gonefilter.registry.jdbc;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Connections from an arbitrary {@link DataSource} with every wait bounded by one timeout, so that a
 * network that stalls (accepts, then forwards nothing) costs a bounded time instead of a socket read that
 * never returns:
 * <ul>
 * <li>{@code getConnection()} runs on a helper thread and is abandoned after the timeout (a pool or driver
 * may wait far longer, or forever); a connection that arrives later is closed. At most
 * {@value #PENDING} requests may be pending at once: beyond that, calls fail at once rather than pile up
 * threads behind a data source that does not answer.</li>
 * <li>each connection gets {@link Connection#setNetworkTimeout} (every socket read waits at most the
 * timeout: statement timeouts alone do not help, since drivers such as pgjdbc cancel over a new
 * connection, which stalls too), restored to its previous value when the lease is closed, because the
 * connection goes back to the application's pool.</li>
 * </ul>
 */
final class BoundedConnections implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BoundedConnections.class.getName());
    static final int PENDING = 4;

    private final DataSource dataSource;
    private final Duration timeout;
    private final ThreadPoolExecutor connector;
    private volatile boolean networkTimeoutUnsupportedLogged;

    BoundedConnections(DataSource dataSource, Duration timeout, String name) {
        this.dataSource = dataSource;
        this.timeout = timeout;
        this.connector = new ThreadPoolExecutor(0, PENDING, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "gone-filter-connect " + name);
            t.setDaemon(true);
            t.setContextClassLoader(BoundedConnections.class.getClassLoader());
            return t;
        });
    }

    /** A connection with the network timeout set; closing the lease restores it and closes the connection. */
    Lease get() throws SQLException {
        Attempt attempt = new Attempt();
        try {
            connector.execute(attempt);
        } catch (RejectedExecutionException e) {
            throw new SQLTimeoutException("no connection: " + PENDING + " earlier requests to the data source have"
                    + " not returned; set a connection timeout on the pool or driver");
        }
        Connection c = attempt.await(timeout.toNanos());
        int previous;
        try {
            previous = c.getNetworkTimeout();
            c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        } catch (SQLException | UnsupportedOperationException | AbstractMethodError e) {
            if (!networkTimeoutUnsupportedLogged) {
                networkTimeoutUnsupportedLogged = true;
                LOG.log(Level.INFO, "The JDBC driver does not support Connection.setNetworkTimeout (" + e
                        + "); only statement timeouts bound the tombstone registry's queries");
            }
            previous = -1;
        }
        return new Lease(c, previous);
    }

    @Override
    public void close() {
        connector.shutdownNow(); // threads blocked in a driver finish on their own; they are daemons
    }

    /** A connection borrowed for one operation. */
    static final class Lease implements AutoCloseable {
        private final Connection connection;
        private final int previousNetworkTimeout; // -1: not set

        Lease(Connection connection, int previousNetworkTimeout) {
            this.connection = connection;
            this.previousNetworkTimeout = previousNetworkTimeout;
        }

        Connection connection() {
            return connection;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (previousNetworkTimeout >= 0 && !connection.isClosed()) {
                    connection.setNetworkTimeout(Runnable::run, previousNetworkTimeout);
                }
            } catch (SQLException e) {
                // broken: the pool will find out
            } finally {
                connection.close();
            }
        }
    }

    /** One {@code getConnection()} call that the caller may give up waiting for. */
    private final class Attempt implements Runnable {
        private Connection result;
        private Throwable failure;
        private boolean done;
        private boolean abandoned;

        @Override
        public void run() {
            Connection c = null;
            Throwable f = null;
            try {
                c = dataSource.getConnection();
            } catch (Throwable t) {
                f = t;
            }
            synchronized (this) {
                if (!abandoned) {
                    result = c;
                    failure = f;
                    done = true;
                    notifyAll();
                    return;
                }
            }
            if (c != null) {
                try {
                    c.close(); // arrived after the caller gave up
                } catch (SQLException e) {
                    // nobody to tell
                }
            }
        }

        synchronized Connection await(long timeoutNanos) throws SQLException {
            long deadline = System.nanoTime() + timeoutNanos;
            try {
                while (!done) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        abandoned = true;
                        throw new SQLTimeoutException("no connection from the data source within "
                                + timeout.toMillis() + " ms (queryTimeout)");
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                abandoned = true;
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a connection", e);
            }
            if (failure instanceof SQLException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (result == null) {
                throw new SQLException("the data source returned no connection");
            }
            return result;
        }
    }
}
