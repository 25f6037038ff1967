package io.github.gonefilter.registry.sync;

import io.github.gonefilter.support.TestServers;
import io.github.gonefilter.testing.TombstoneRegistryContract;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The registry contract for the shared registries (JDBC, Redis): writable, shared between nodes, synced on
 * demand. Each registry gets storage of its own (tables, key prefix), removed after the test.
 */
public abstract class SharedRegistryContract extends TombstoneRegistryContract {

    private final Map<TombstoneRegistry, String> storageOf = new HashMap<>();
    private final List<String> created = new ArrayList<>();

    /** A new node over the storage named {@code name}, which it creates when missing. */
    protected abstract SyncingTombstoneRegistry open(String name);

    /** Removes the storage named {@code name}. */
    protected abstract void drop(String name);

    @Override
    protected final TombstoneRegistry createRegistry(List<Tombstone> initial) {
        String name = TestServers.freshTable();
        SyncingTombstoneRegistry r = node(name);
        created.add(name);
        initial.forEach(r::bury);
        return r;
    }

    @Override
    protected final TombstoneRegistry createPeer(TombstoneRegistry registry) {
        return node(storageOf.get(registry));
    }

    private SyncingTombstoneRegistry node(String name) {
        SyncingTombstoneRegistry r = open(name);
        storageOf.put(r, name);
        return r;
    }

    @Override
    protected final void awaitSync(TombstoneRegistry registry) {
        ((SyncingTombstoneRegistry) registry).syncNow();
    }

    @Override
    protected final boolean writable() {
        return true;
    }

    @Override
    protected final boolean shared() {
        return true;
    }

    @Override
    protected final boolean preChecksPaths() {
        return true;
    }

    @AfterEach
    void dropStorage() {
        storageOf.keySet().forEach(TombstoneRegistry::close); // before the storage goes away
        created.forEach(this::drop);
        created.clear();
        storageOf.clear();
    }
}
