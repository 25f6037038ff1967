package io.github.gonefilter.spring.actuate;

import io.github.gonefilter.monitor.NotFoundMonitor;
import io.github.gonefilter.spring.GoneFilterAutoConfiguration;
import io.github.gonefilter.spring.GoneFilterProperties;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator endpoint {@code gonemonitor} ({@link GoneMonitorEndpoint}) for the application's
 * {@link NotFoundMonitor} ({@code gone-filter.monitor.enabled=true}, or a bean of its own), when Actuator is present
 * and the endpoint is available (its access is not {@code none} and it is exposed).
 */
@AutoConfiguration(after = GoneFilterAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBooleanProperty(name = GoneFilterProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnBean({NotFoundMonitor.class, TombstoneRegistry.class})
public class GoneMonitorEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(GoneMonitorEndpoint.class)
    GoneMonitorEndpoint goneMonitorEndpoint(NotFoundMonitor monitor, TombstoneRegistry registry) {
        return new GoneMonitorEndpoint(monitor, registry, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(GoneMonitorEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    GoneMonitorEndpointWebExtension goneMonitorEndpointWebExtension(GoneMonitorEndpoint endpoint) {
        return new GoneMonitorEndpointWebExtension(endpoint);
    }

    @Bean
    @ConditionalOnBean(GoneMonitorEndpoint.class)
    static UnknownTombstoneMembers goneMonitorEndpointUnknownMembers() {
        return new UnknownTombstoneMembers(GoneMonitorEndpoint.ID);
    }
}
