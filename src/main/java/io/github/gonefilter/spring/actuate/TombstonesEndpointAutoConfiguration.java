package io.github.gonefilter.spring.actuate;

import io.github.gonefilter.spring.GoneFilterAutoConfiguration;
import io.github.gonefilter.spring.ConditionalOnGoneFilterEnabled;
import io.github.gonefilter.spring.GoneFilterProperties;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator endpoint {@code tombstones} ({@link TombstonesEndpoint}) for the application's
 * {@link TombstoneRegistry}, when Actuator is present and the endpoint is available (its access is not
 * {@code none} and it is exposed).
 */
@AutoConfiguration(after = GoneFilterAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnGoneFilterEnabled
@ConditionalOnBean(TombstoneRegistry.class)
public class TombstonesEndpointAutoConfiguration {

    // The availability condition sits on the methods: a class condition of Actuator's own must be evaluated only
    // once Actuator is known to be there.
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(TombstonesEndpoint.class)
    TombstonesEndpoint tombstonesEndpoint(TombstoneRegistry registry,
            ObjectProvider<GoneFilterProperties> properties) {
        GoneFilterProperties p = properties.getIfAvailable();
        return new TombstonesEndpoint(registry, Clock.systemUTC(),
                p != null && p.getMode() != null ? p.getMode() : TombstoneMode.SHORT_CIRCUIT);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(TombstonesEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    TombstonesEndpointWebExtension tombstonesEndpointWebExtension(TombstonesEndpoint endpoint) {
        return new TombstonesEndpointWebExtension(endpoint);
    }

    @Bean
    @ConditionalOnBean(TombstonesEndpoint.class)
    static UnknownTombstoneMembers tombstonesEndpointUnknownMembers() {
        return new UnknownTombstoneMembers();
    }
}
