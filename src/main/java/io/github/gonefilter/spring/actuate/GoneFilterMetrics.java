package io.github.gonefilter.spring.actuate;

import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.GoneListener;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.TombstoneRegistryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer meters of the filter and its registry, fed by the filter's {@link GoneListener} calls and the
 * registry's {@link TombstoneRegistryListener} calls; nothing runs on requests that pass through.
 *
 * <ul>
 *   <li>{@value #RESPONSES}: counter of the responses the filter wrote itself, tagged {@code status} (410, 451,
 *       404, 400) and {@code reason}: the tombstone's reason, {@code _none} without one, and {@code _other} for
 *       reasons beyond the first {@value #MAX_REASONS} seen, so that the number of time series stays bounded (a
 *       reason code cannot start with {@code _}, so neither is ever a reason's own series).
 *       Never the path.</li>
 *   <li>{@value #TOMBSTONES}: gauge of how many tombstones the registry knows.</li>
 *   <li>{@value #SYNCS}: counter of the registry's loads, reloads and syncs, tagged {@code outcome}
 *       ({@code success}, {@code failure}).</li>
 *   <li>{@value #STALENESS}: gauge of the seconds since the registry last read its source successfully; none
 *       (NaN) for a registry that has no source or never read it.</li>
 * </ul>
 *
 * <p>Bind it to one meter registry; {@link #close()} stops listening to the tombstone registry.
 */
public final class GoneFilterMetrics implements MeterBinder, GoneListener, TombstoneRegistryListener, AutoCloseable {

    public static final String RESPONSES = "gone.filter.responses";
    public static final String TOMBSTONES = "gone.filter.tombstones";
    public static final String SYNCS = "gone.filter.registry.syncs";
    public static final String STALENESS = "gone.filter.registry.staleness";
    /** How many distinct reasons get their own tag value; later ones are counted as {@code _other}. */
    public static final int MAX_REASONS = 50;

    static final String NO_REASON = "_none";
    static final String OTHER_REASON = "_other";

    private final TombstoneRegistry registry;
    private final Clock clock;
    /** Counters by status and reason, created on first use; at most {@link #MAX_REASONS} reasons plus the two fixed. */
    private final Map<Key, Counter> responses = new ConcurrentHashMap<>();
    private final Map<String, Boolean> reasons = new ConcurrentHashMap<>();
    private volatile MeterRegistry meters;
    private volatile Counter syncSuccesses;
    private volatile Counter syncFailures;

    public GoneFilterMetrics(TombstoneRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        if (this.meters != null) {
            throw new IllegalStateException("GoneFilterMetrics is already bound to a meter registry");
        }
        Gauge.builder(TOMBSTONES, registry, TombstoneRegistry::size)
                .description("Tombstones the gone filter's registry knows")
                .strongReference(true)
                .register(meterRegistry);
        Gauge.builder(STALENESS, this, GoneFilterMetrics::secondsSinceLastLoad)
                .description("Seconds since the tombstone registry last read its source successfully")
                .baseUnit("seconds")
                .strongReference(true)
                .register(meterRegistry);
        syncSuccesses = syncCounter(meterRegistry, "success");
        syncFailures = syncCounter(meterRegistry, "failure");
        this.meters = meterRegistry;
        registry.addListener(this);
    }

    @Override
    public void onResponse(GoneEvent event) {
        MeterRegistry m = meters;
        if (m == null) {
            return;
        }
        Key key = new Key(event.status(), reasonTag(event.tombstone()));
        Counter counter = responses.get(key);
        if (counter == null) {
            counter = responses.computeIfAbsent(key, k -> Counter.builder(RESPONSES)
                    .description("Responses the gone filter wrote instead of the application")
                    .tag("status", Integer.toString(k.status()))
                    .tag("reason", k.reason())
                    .register(m));
        }
        counter.increment();
    }

    @Override
    public void synced(boolean success) {
        Counter counter = success ? syncSuccesses : syncFailures;
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void close() {
        registry.removeListener(this);
    }

    /** The reason as a tag value: one of the first {@link #MAX_REASONS} reasons seen, {@code other}, or {@code none}. */
    private String reasonTag(Tombstone tombstone) {
        String reason = tombstone == null ? null : tombstone.reason();
        if (reason == null) {
            return NO_REASON;
        }
        if (reasons.containsKey(reason)) {
            return reason;
        }
        synchronized (reasons) {
            if (reasons.size() < MAX_REASONS) {
                reasons.put(reason, Boolean.TRUE);
                return reason;
            }
            return reasons.containsKey(reason) ? reason : OTHER_REASON;
        }
    }

    private double secondsSinceLastLoad() {
        Instant lastLoaded = registry.status().lastLoaded();
        if (lastLoaded == null) {
            return Double.NaN;
        }
        return Math.max(0, Duration.between(lastLoaded, clock.instant()).toMillis() / 1000.0);
    }

    private static Counter syncCounter(MeterRegistry meterRegistry, String outcome) {
        return Counter.builder(SYNCS)
                .description("Loads, reloads and syncs of the tombstone registry's source")
                .tag("outcome", outcome)
                .register(meterRegistry);
    }

    private record Key(int status, String reason) {
    }
}
