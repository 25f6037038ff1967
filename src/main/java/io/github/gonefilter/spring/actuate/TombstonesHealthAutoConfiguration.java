package io.github.gonefilter.spring.actuate;

import io.github.gonefilter.spring.GoneFilterAutoConfiguration;
import io.github.gonefilter.spring.ConditionalOnGoneFilterEnabled;
import io.github.gonefilter.spring.GoneFilterProperties;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code tombstones} health contributor ({@link TombstonesHealthIndicator}), when Spring Boot's health support
 * is present; {@code management.health.tombstones.enabled=false} turns it off.
 */
@AutoConfiguration(after = GoneFilterAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnGoneFilterEnabled
@ConditionalOnBean(TombstoneRegistry.class)
public class TombstonesHealthAutoConfiguration {

    /**
     * Named so that the contributor is {@code tombstones}: Boot drops the {@code HealthIndicator} suffix. The
     * enabled condition, Boot's own, sits here so that it is evaluated only once the health module is known.
     */
    @Bean
    @ConditionalOnEnabledHealthIndicator("tombstones")
    @ConditionalOnMissingBean(name = "tombstonesHealthIndicator")
    TombstonesHealthIndicator tombstonesHealthIndicator(TombstoneRegistry registry) {
        return new TombstonesHealthIndicator(registry, Clock.systemUTC());
    }
}
