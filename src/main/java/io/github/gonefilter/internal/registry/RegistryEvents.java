package io.github.gonefilter.internal.registry;

import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.TombstoneRegistryListener;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the library's registries share for {@link io.github.gonefilter.tombstone.TombstoneRegistry#addListener
 * listeners} and {@link io.github.gonefilter.tombstone.TombstoneRegistry#status() status}: the listeners, when the
 * source was last read, and the last failure. For the library's own registries; not an extension point.
 */
public final class RegistryEvents {

    private static final System.Logger LOG = System.getLogger(RegistryEvents.class.getName());

    private final List<TombstoneRegistryListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile Instant lastLoaded;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    /** @param clock the wall clock for the instants reported in the status (informational only) */
    public RegistryEvents(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void add(TombstoneRegistryListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void remove(TombstoneRegistryListener listener) {
        listeners.remove(listener);
    }

    /** Whether anyone listens, so that a registry can skip computing changes nobody reads. */
    public boolean listened() {
        return !listeners.isEmpty();
    }

    /** Tells every listener about {@code changes}, if there are any. */
    public void changed(List<TombstoneChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<TombstoneChange> copy = List.copyOf(changes);
        for (TombstoneRegistryListener l : listeners) {
            try {
                l.changed(copy);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Tombstone listener " + l.getClass().getName() + " failed", e);
            }
        }
    }

    /** Records a successful read of the source and tells the listeners. */
    public void loaded() {
        lastLoaded = clock.instant();
        lastError = null;
        lastErrorAt = null;
        synced(true);
    }

    /** Records a failed read of the source and tells the listeners. */
    public void failed(Throwable error) {
        lastError = String.valueOf(error.getMessage() != null ? error.getMessage() : error);
        lastErrorAt = clock.instant();
        synced(false);
    }

    private void synced(boolean success) {
        for (TombstoneRegistryListener l : listeners) {
            try {
                l.synced(success);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Tombstone listener " + l.getClass().getName() + " failed", e);
            }
        }
    }

    public Instant lastLoaded() {
        return lastLoaded;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    /**
     * The changes that turn {@code before} into {@code after}, matched by {@link
     * io.github.gonefilter.tombstone.PathPattern#key() key}: every tombstone of {@code after} that is new or
     * different, then every key of {@code before} that is gone. Costs a map over {@code before}; call it only when
     * {@link #listened()}.
     */
    public static List<TombstoneChange> diff(Collection<Tombstone> before, Collection<Tombstone> after,
            TombstoneChange.Cause cause) {
        Map<String, Tombstone> old = new HashMap<>(Math.max(16, before.size() * 2));
        for (Tombstone t : before) {
            old.put(t.pattern().key(), t);
        }
        List<TombstoneChange> changes = new ArrayList<>();
        for (Tombstone t : after) {
            Tombstone previous = old.remove(t.pattern().key());
            if (!t.equals(previous)) {
                changes.add(new TombstoneChange(TombstoneChange.Kind.ADDED, t, cause));
            }
        }
        for (Tombstone gone : old.values()) {
            changes.add(new TombstoneChange(TombstoneChange.Kind.REMOVED, gone, cause));
        }
        return changes;
    }
}
