package io.github.gonefilter.internal.jdbc;

import io.github.gonefilter.internal.registry.Threads;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Connections from an arbitrary {@link DataSource} with every wait bounded by one deadline, so that a network
 * that stalls (accepts, then forwards nothing) costs a bounded time instead of a socket read that never
 * returns. Used by every registry that calls a database (the JDBC registry, the soft-delete registry).
 * <ul>
 * <li>{@code getConnection()} runs on a helper thread and is abandoned at the deadline (a pool or driver may
 * wait far longer, or forever); a connection that arrives later is closed. At most {@code maxPending} requests
 * may be pending at once: beyond that, calls fail at once rather than pile up threads behind a data source that
 * does not answer.</li>
 * <li>each connection gets {@link Connection#setNetworkTimeout} for the time left (every socket read waits at
 * most that long: statement timeouts alone do not help, since drivers such as pgjdbc cancel over a new
 * connection, which stalls too), restored to its previous value when the lease is closed, because the
 * connection goes back to the application's pool. {@link Lease#readsBounded()} says whether the driver honours
 * it (embedded H2 does not): if not, only statement timeouts bound the call.</li>
 * </ul>
 */
public final class BoundedConnections implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BoundedConnections.class.getName());

    private final DataSource dataSource;
    private final int maxPending;
    private final ThreadPoolExecutor connector;
    /** getConnection() calls that have not returned, abandoned ones included. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean networkTimeoutUnsupportedLogged;

    /** @param name names the helper threads: the table or registry they serve */
    public BoundedConnections(DataSource dataSource, int maxPending, String name) {
        this.dataSource = dataSource;
        this.maxPending = maxPending;
        // As many threads as calls may be pending, so a call never waits for a thread; idle ones time out.
        this.connector = new ThreadPoolExecutor(maxPending, maxPending, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Threads.daemons("gone-filter-connect " + name, true));
        connector.allowCoreThreadTimeOut(true);
    }

    /**
     * A connection within {@code timeout}, its network reads bounded by the time left; closing the lease restores
     * the connection's network timeout and closes it.
     *
     * @throws SQLTimeoutException if no connection arrives in time, or too many requests are pending already
     */
    public Lease get(Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            throw new SQLTimeoutException("no connection: " + maxPending + " earlier requests to the data source have"
                    + " not returned; set a connection timeout on the pool or driver");
        }
        Attempt attempt = new Attempt();
        try {
            connector.execute(attempt);
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            throw new SQLException("no connection: closed", e);
        }
        Connection c = attempt.await(deadline, timeout);
        long millisLeft = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        return new Lease(c, limitReads(c, (int) Math.min(Integer.MAX_VALUE, millisLeft)), millisLeft);
    }

    /**
     * Sets the network timeout of {@code c}; returns the previous value to restore, or -1 if the driver does not
     * honour it (it throws, or ignores the setting as embedded H2 does).
     */
    private int limitReads(Connection c, int millis) {
        try {
            int previous = c.getNetworkTimeout();
            c.setNetworkTimeout(Runnable::run, millis);
            if (c.getNetworkTimeout() == millis) {
                return previous;
            }
            c.setNetworkTimeout(Runnable::run, previous);
        } catch (SQLException | RuntimeException | AbstractMethodError e) {
            if (!networkTimeoutUnsupportedLogged) {
                networkTimeoutUnsupportedLogged = true;
                LOG.log(Level.INFO, "The JDBC driver does not support Connection.setNetworkTimeout (" + e
                        + "); only statement timeouts bound gone-filter's queries");
            }
        }
        return -1;
    }

    @Override
    public void close() {
        connector.shutdownNow(); // threads blocked in a driver finish on their own; they are daemons
    }

    /** A connection borrowed for one operation. */
    public static final class Lease implements AutoCloseable {
        private final Connection connection;
        private final int previousNetworkTimeout; // -1: not set
        private final long millisLeft;

        Lease(Connection connection, int previousNetworkTimeout, long millisLeft) {
            this.connection = connection;
            this.previousNetworkTimeout = previousNetworkTimeout;
            this.millisLeft = millisLeft;
        }

        public Connection connection() {
            return connection;
        }

        /** Whether every network read of the connection gives up after {@link #millisLeft()}. */
        public boolean readsBounded() {
            return previousNetworkTimeout >= 0;
        }

        /** The time left before the deadline when the connection arrived, at least 1 ms. */
        public long millisLeft() {
            return millisLeft;
        }

        @Override
        public void close() {
            try {
                if (previousNetworkTimeout >= 0 && !connection.isClosed()) {
                    connection.setNetworkTimeout(Runnable::run, previousNetworkTimeout);
                }
            } catch (SQLException | RuntimeException e) {
                // broken: the pool will find out
            } finally {
                try {
                    connection.close();
                } catch (SQLException | RuntimeException e) {
                    // broken: the pool discards it
                }
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
            } finally {
                pending.decrementAndGet();
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

        synchronized Connection await(long deadline, Duration timeout) throws SQLException {
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
