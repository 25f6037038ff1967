package io.github.gonefilter.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.GoneListener;
import io.github.gonefilter.spring.GoneFilterAutoConfiguration;
import io.github.gonefilter.tombstone.Tombstone;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The conditions of the endpoint, health and metrics auto-configurations: each needs its library, a registry and
 * gone-filter enabled; the endpoint also needs to be exposed.
 */
class ActuateAutoConfigurationTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GoneFilterAutoConfiguration.class,
                    TombstonesEndpointAutoConfiguration.class, TombstonesHealthAutoConfiguration.class,
                    GoneFilterMetricsAutoConfiguration.class))
            .withPropertyValues("gone-filter.tombstones=classpath:tombstones/sample.json");

    @Test
    void withEverythingPresentTheEndpointHealthAndMetricsAreThere() {
        web.withUserConfiguration(Meters.class)
                .withPropertyValues("management.endpoints.web.exposure.include=tombstones")
                .run(context -> assertThat(context).hasSingleBean(TombstonesEndpoint.class)
                        .hasSingleBean(TombstonesEndpointWebExtension.class)
                        .hasSingleBean(UnknownTombstoneMembers.class)
                        .hasBean("tombstonesHealthIndicator")
                        .hasSingleBean(GoneFilterMetrics.class));
    }

    @Test
    void theEndpointNeedsToBeExposed() {
        web.run(context -> assertThat(context).hasSingleBean(TombstonesHealthIndicator.class)
                .doesNotHaveBean(TombstonesEndpoint.class).doesNotHaveBean(UnknownTombstoneMembers.class));
    }

    @Test
    void accessNoneRemovesTheEndpoint() {
        web.withPropertyValues("management.endpoints.web.exposure.include=tombstones",
                "management.endpoint.tombstones.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(TombstonesEndpoint.class));
    }

    @Test
    void withoutActuatorThereIsNoEndpointButTheFilterWorks() {
        web.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .withPropertyValues("management.endpoints.web.exposure.include=tombstones")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TombstonesEndpoint.class)
                        .hasBean(GoneFilterAutoConfiguration.FILTER_NAME));
    }

    @Test
    void withoutBootsHealthModuleThereIsNoHealthIndicator() {
        web.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TombstonesHealthIndicator.class));
    }

    @Test
    void theHealthIndicatorCanBeTurnedOff() {
        web.withPropertyValues("management.health.tombstones.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TombstonesHealthIndicator.class));
    }

    @Test
    void withoutMicrometerThereAreNoMetersAndTheFilterWorks() {
        web.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(GoneFilterMetrics.class)
                        .hasBean(GoneFilterAutoConfiguration.FILTER_NAME));
    }

    @Test
    void withoutAMeterRegistryThereAreNoMeters() {
        web.run(context -> assertThat(context).doesNotHaveBean(GoneFilterMetrics.class));
    }

    @Test
    void theMetersHearTheAutoConfiguredFilter() {
        web.withUserConfiguration(Meters.class).run(context -> {
            GoneFilterMetrics metrics = context.getBean(GoneFilterMetrics.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            metrics.bindTo(meters); // what Spring Boot's metrics auto-configuration does with every MeterBinder
            assertThat(context.getBeansOfType(GoneListener.class)).containsValue(metrics);
            metrics.onResponse(new GoneEvent("GET", "/x", 410, Tombstone.of("/x"), Instant.now()));
            assertThat(meters.get(GoneFilterMetrics.RESPONSES).counter().count()).isEqualTo(1);
        });
    }

    @Test
    void disabledMeansNoneOfItEvenWithAnApplicationRegistry() {
        web.withUserConfiguration(Meters.class)
                .withPropertyValues("gone-filter.enabled=false", "management.endpoints.web.exposure.include=tombstones")
                .run(context -> assertThat(context).doesNotHaveBean(TombstonesEndpoint.class)
                        .doesNotHaveBean(TombstonesHealthIndicator.class).doesNotHaveBean(GoneFilterMetrics.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
