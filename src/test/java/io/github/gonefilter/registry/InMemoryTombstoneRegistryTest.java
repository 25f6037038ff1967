package io.github.gonefilter.registry;

import io.github.gonefilter.testing.TombstoneRegistryContract;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.util.List;

class InMemoryTombstoneRegistryTest extends TombstoneRegistryContract {

    @Override
    protected TombstoneRegistry createRegistry(List<Tombstone> initial) {
        return InMemoryTombstoneRegistry.of(initial.toArray(Tombstone[]::new));
    }

    @Override
    protected boolean writable() {
        return true;
    }

    @Override
    protected boolean preChecksPaths() {
        return true;
    }
}
