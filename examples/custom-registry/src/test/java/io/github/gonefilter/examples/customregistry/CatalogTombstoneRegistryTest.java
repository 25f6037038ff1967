package io.github.gonefilter.examples.customregistry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.testing.TombstoneRegistryContract;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every test of gone-filter's registry contract that applies to this registry, plus its own. It is read-only
 * (the catalog is the truth), holds any tombstone, and turns live paths away without a clock.
 */
class CatalogTombstoneRegistryTest extends TombstoneRegistryContract {

    @Override
    protected TombstoneRegistry createRegistry(List<Tombstone> initial) {
        List<Tombstone> catalog = List.copyOf(initial);
        return new CatalogTombstoneRegistry(() -> catalog);
    }

    @Override
    protected boolean preChecksPaths() {
        return true;
    }

    @Test
    void aRefreshShowsWhatTheCatalogHoldsNow() {
        List<Tombstone> catalog = new ArrayList<>(List.of(Tombstone.of("/products/4")));
        CatalogTombstoneRegistry registry = track(new CatalogTombstoneRegistry(() -> List.copyOf(catalog)));
        catalog.add(Tombstone.of("/products/7"));
        assertThat(registry.find("/products/7", NOW)).isEmpty();
        registry.refresh();
        assertThat(registry.find("/products/7", NOW)).isPresent();
        assertThat(registry.status().size()).isEqualTo(2);
    }
}
