package io.github.gonefilter.spring.actuate;

import io.github.gonefilter.purge.PurgeStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;

/**
 * Micrometer meters of how purging the caches in front fares, read from a filter's {@link PurgeStatistics}
 * ({@code GoneFilter.purgeStatistics()}) when the meters are published; nothing runs on requests or purges.
 *
 * <ul>
 *   <li>{@value #PURGES}: counter of the changes the purgers handled, tagged {@code outcome}: {@code succeeded},
 *       {@code retried} (an attempt failed and is repeated after a backoff, so one change may count several
 *       times), {@code failed} (refused for good) and {@code dropped} (the queue was full, or the filter stopped).
 *       Counted per purger: a change purged at two caches counts twice, and its second purge again.</li>
 *   <li>{@value #PENDING}: gauge of the changes waiting to be purged, second purges included.</li>
 * </ul>
 *
 * <p>All stay at zero for a filter that purges nothing. The statistics object is the same for the filter's whole
 * life, so the meters can be bound once, to any number of meter registries.
 */
public final class GoneFilterPurgeMetrics implements MeterBinder {

    public static final String PURGES = "gone.filter.purges";
    public static final String PENDING = "gone.filter.purges.pending";

    private final PurgeStatistics statistics;

    public GoneFilterPurgeMetrics(PurgeStatistics statistics) {
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (PurgeStatistics.Outcome outcome : PurgeStatistics.Outcome.values()) {
            FunctionCounter.builder(PURGES, statistics, s -> s.count(outcome))
                    .description("Changes of the tombstones that the filter's purgers handled, by outcome")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder(PENDING, statistics, PurgeStatistics::pending)
                .description("Changes of the tombstones waiting to be purged from the caches in front")
                .strongReference(true)
                .register(registry);
    }
}
