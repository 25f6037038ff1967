package io.github.gonefilter.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh in-memory H2 database behind a data source that a test can take down (every {@code getConnection}
 * then fails, as with an unreachable server) and that counts the connections it hands out.
 */
public final class H2Database {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private final DataSource dataSource;

    public H2Database() {
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource = (DataSource) Proxy.newProxyInstance(H2Database.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (down.get()) {
                            throw new SQLException("database down (test)");
                        }
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(h2, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** What the code under test connects through. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** From now on every connection attempt fails ({@code true}), or works again. */
    public void down(boolean isDown) {
        down.set(isDown);
    }

    /** How many connections were handed out so far. */
    public int connections() {
        return connections.get();
    }

    /** Runs {@code statement} directly, neither counted nor affected by {@link #down}. */
    public void sql(String statement) throws SQLException {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
