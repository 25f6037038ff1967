package io.github.gonefilter.spring.actuate;

import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code tombstones} health contributor, from {@link TombstoneRegistry#status()}.
 *
 * <p>{@code UP} while the filter answers correctly: with everything its source held ({@code CURRENT}), and also
 * while a shared registry's store is unreachable and it answers from its last snapshot ({@code STALE}), which is
 * still right for every tombstone that existed then. Taking the node out of a load balancer then would only move
 * its traffic to nodes in the same position. {@code DOWN} only when it cannot answer ({@code UNAVAILABLE}: a
 * fail-closed registry past its maximum staleness, or one that never read its source). The details say which,
 * how many tombstones, from where, and when the source was last read and how long ago.
 */
public final class TombstonesHealthIndicator implements HealthIndicator {

    private final TombstoneRegistry registry;
    private final Clock clock;

    public TombstonesHealthIndicator(TombstoneRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        RegistryStatus status = registry.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state().name());
        details.put("kind", status.kind());
        details.put("source", status.source());
        details.put("tombstones", status.size());
        if (status.lastLoaded() != null) {
            details.put("lastLoaded", status.lastLoaded().toString());
            details.put("age", Duration.between(status.lastLoaded(), clock.instant()).withNanos(0).toString());
        }
        if (status.lastError() != null) {
            details.put("lastError", status.lastError());
            if (status.lastErrorAt() != null) {
                details.put("lastErrorAt", status.lastErrorAt().toString());
            }
        }
        switch (status.state()) {
            case CURRENT -> {
                return Health.up().withDetails(details).build();
            }
            case STALE -> {
                details.put("serving", status.lastLoaded() == null
                        ? "the tombstones known before the source became unreadable"
                        : "the last snapshot, as of " + status.lastLoaded() + ", while the source cannot be read");
                return Health.up().withDetails(details).build();
            }
            default -> {
                details.put("serving", "nothing: the registry cannot answer lookups correctly ("
                        + status.state().name().toLowerCase(Locale.ROOT) + ")");
                return Health.down().withDetails(details).build();
            }
        }
    }
}
