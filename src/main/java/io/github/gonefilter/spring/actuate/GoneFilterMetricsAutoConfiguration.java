package io.github.gonefilter.spring.actuate;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.spring.GoneFilterAutoConfiguration;
import io.github.gonefilter.spring.ConditionalOnGoneFilterEnabled;
import io.github.gonefilter.spring.GoneFilterProperties;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The filter's Micrometer meters ({@link GoneFilterMetrics}) when the application has a {@link MeterRegistry}:
 * a {@link MeterBinder} bean, which Spring Boot binds, and a {@link io.github.gonefilter.GoneListener} bean, which
 * the auto-configured filter calls; and the meters of its cache purging ({@link GoneFilterPurgeMetrics}), another
 * {@link MeterBinder}.
 */
@AutoConfiguration(after = GoneFilterAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, MeterBinder.class})
@ConditionalOnGoneFilterEnabled
@ConditionalOnBean({TombstoneRegistry.class, MeterRegistry.class})
public class GoneFilterMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GoneFilterMetrics goneFilterMetrics(TombstoneRegistry registry) {
        return new GoneFilterMetrics(registry, Clock.systemUTC());
    }

    /** The purge meters ({@link GoneFilterPurgeMetrics}) of the filter registered as {@code goneFilter}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(FilterRegistrationBean.class)
    @ConditionalOnBean(name = GoneFilterAutoConfiguration.FILTER_NAME)
    static class PurgeMeters {

        @Bean
        @ConditionalOnMissingBean
        GoneFilterPurgeMetrics goneFilterPurgeMetrics(@Qualifier(GoneFilterAutoConfiguration.FILTER_NAME) Object goneFilter) {
            if (!(goneFilter instanceof FilterRegistrationBean<?> registration
                    && registration.getFilter() instanceof GoneFilter filter)) {
                throw new IllegalStateException("The bean '" + GoneFilterAutoConfiguration.FILTER_NAME + "' ("
                        + goneFilter + ") does not register a GoneFilter, so the filter's purges cannot be measured:"
                        + " give that bean another name, or declare a GoneFilterPurgeMetrics bean of your own");
            }
            return new GoneFilterPurgeMetrics(filter.purgeStatistics());
        }
    }
}
