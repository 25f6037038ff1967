package io.github.gonefilter.spring.actuate;

import io.github.gonefilter.spring.GoneFilterAutoConfiguration;
import io.github.gonefilter.spring.GoneFilterProperties;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The filter's Micrometer meters ({@link GoneFilterMetrics}) when the application has a {@link MeterRegistry}:
 * a {@link MeterBinder} bean, which Spring Boot binds, and a {@link io.github.gonefilter.GoneListener} bean, which
 * the auto-configured filter calls.
 */
@AutoConfiguration(after = GoneFilterAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, MeterBinder.class})
@ConditionalOnBooleanProperty(name = GoneFilterProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnBean({TombstoneRegistry.class, MeterRegistry.class})
public class GoneFilterMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GoneFilterMetrics goneFilterMetrics(TombstoneRegistry registry) {
        return new GoneFilterMetrics(registry, Clock.systemUTC());
    }
}
