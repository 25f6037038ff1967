package io.github.gonefilter.examples.customregistry;

import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.TombstoneRegistryListener;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tombstones that live in another system (here, a product catalog that knows which products were discontinued),
 * read into memory and refreshed when that system says they changed. Only the public API of gone-filter: it
 * implements {@link TombstoneRegistry} and keeps the tombstones in an {@link InMemoryTombstoneRegistry}, which
 * answers lookups without I/O, as {@code find} must.
 */
public final class CatalogTombstoneRegistry implements TombstoneRegistry {

    private final Supplier<Collection<Tombstone>> catalog;
    private final InMemoryTombstoneRegistry tombstones = new InMemoryTombstoneRegistry();

    /** @param catalog the tombstones the catalog holds now; called at start and by {@link #refresh()} */
    public CatalogTombstoneRegistry(Supplier<Collection<Tombstone>> catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        refresh();
    }

    /** Reads the catalog again, e.g. when it announces a change; lookups switch to the new set at once. */
    public void refresh() {
        tombstones.replaceAll(catalog.get());
    }

    @Override
    public Optional<Tombstone> find(String canonicalPath, Instant now) {
        return tombstones.find(canonicalPath, now);
    }

    /** Lets the filter pass live paths without reading its clock. */
    @Override
    public boolean mayMatch(String canonicalPath) {
        return tombstones.mayMatch(canonicalPath);
    }

    @Override
    public List<Tombstone> list() {
        return tombstones.list();
    }

    @Override
    public String description() {
        return "product catalog";
    }

    /** Listeners hear what each refresh changed, so caches in front can be purged. */
    @Override
    public void addListener(TombstoneRegistryListener listener) {
        tombstones.addListener(listener);
    }

    @Override
    public void removeListener(TombstoneRegistryListener listener) {
        tombstones.removeListener(listener);
    }
}
