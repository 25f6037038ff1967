package io.github.gonefilter.it;

import io.github.gonefilter.registry.jdbc.JdbcTombstoneRegistry;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;

/**
 * For the {@code registry} init-param: a real fail-closed JDBC registry whose database (an H2 server on a port
 * nobody listens on) is never reached, so every lookup is undecidable, as after {@code max-staleness} in an outage.
 */
public final class UnreachableStoreRegistry implements TombstoneRegistry {

    private final JdbcTombstoneRegistry delegate;

    public UnreachableStoreRegistry(Map<String, String> params) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:tcp://127.0.0.1:1/nowhere");
        delegate = JdbcTombstoneRegistry.builder(dataSource).failOpen(false).syncInterval(Duration.ofHours(1)).build();
    }

    @Override
    public Optional<Tombstone> find(String canonicalPath, Instant now) {
        return delegate.find(canonicalPath, now);
    }

    @Override
    public boolean mayMatch(String canonicalPath) {
        return delegate.mayMatch(canonicalPath);
    }

    @Override
    public List<Tombstone> list() {
        return delegate.list();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
