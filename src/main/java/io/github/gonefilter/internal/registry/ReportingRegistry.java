package io.github.gonefilter.internal.registry;

import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.TombstoneRegistryListener;
import io.github.gonefilter.tombstone.Visibility;
import java.time.Clock;
import java.util.Map;

/**
 * What every library registry shares, whether it holds a snapshot of its tombstones or answers lazily from
 * application data: its listeners, its load history and failures ({@link RegistryEvents}), and the status it
 * reports from them.
 */
public abstract class ReportingRegistry implements TombstoneRegistry {

    private final RegistryEvents events;

    /** @param clock the wall clock for the instants reported in the status (informational only) */
    protected ReportingRegistry(Clock clock) {
        this.events = new RegistryEvents(clock);
    }

    @Override
    public final void addListener(TombstoneRegistryListener listener) {
        events.add(listener);
    }

    @Override
    public final void removeListener(TombstoneRegistryListener listener) {
        events.remove(listener);
    }

    /** The kind reported in {@link #status()}, such as {@code memory} or {@code file}. */
    protected abstract String kind();

    /** Listeners, load history and failures of this registry. */
    protected final RegistryEvents events() {
        return events;
    }

    /** This registry's status: {@code size} tombstones, {@code byVisibility}, in {@code state}. */
    protected final RegistryStatus status(int size, Map<Visibility, Integer> byVisibility, RegistryStatus.State state) {
        return new RegistryStatus(kind(), description(), size, byVisibility, events.lastLoaded(), events.lastError(),
                events.lastErrorAt(), state);
    }
}
