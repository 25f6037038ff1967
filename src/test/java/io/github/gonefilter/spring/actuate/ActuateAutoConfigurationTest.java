package io.github.gonefilter.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.GoneListener;
import io.github.gonefilter.purge.CachePurger;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.spring.GoneFilterAutoConfiguration;
import io.github.gonefilter.tombstone.Tombstone;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterConfig;

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
                        .hasSingleBean(GoneFilterMetrics.class)
                        .hasSingleBean(GoneFilterPurgeMetrics.class));
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
                        .doesNotHaveBean(GoneFilterPurgeMetrics.class).hasBean(GoneFilterAutoConfiguration.FILTER_NAME));
    }

    @Test
    void withoutAMeterRegistryThereAreNoMeters() {
        web.run(context -> assertThat(context).hasBean(GoneFilterAutoConfiguration.FILTER_NAME)
                .doesNotHaveBean(GoneFilterMetrics.class).doesNotHaveBean(GoneFilterPurgeMetrics.class));
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
                        .doesNotHaveBean(TombstonesHealthIndicator.class).doesNotHaveBean(GoneFilterMetrics.class)
                        .doesNotHaveBean(GoneFilterPurgeMetrics.class));
    }

    @Test
    void thePurgeMetersMeasureTheAutoConfiguredFiltersPurges() {
        CachePurger cdn = Mockito.mock(CachePurger.class);
        web.withUserConfiguration(Meters.class)
                .withBean(InMemoryTombstoneRegistry.class, InMemoryTombstoneRegistry::new)
                .withBean("cdnPurger", CachePurger.class, () -> cdn)
                .withPropertyValues("gone-filter.purge.repeat-after=0")
                .run(context -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    context.getBean(GoneFilterPurgeMetrics.class).bindTo(meters); // as Spring Boot does
                    GoneFilter filter = (GoneFilter) context.getBean(GoneFilterAutoConfiguration.FILTER_NAME,
                            FilterRegistrationBean.class).getFilter();
                    filter.init(new MockFilterConfig());
                    try {
                        context.getBean(InMemoryTombstoneRegistry.class).bury(Tombstone.of("/x"));
                        Mockito.verify(cdn, Mockito.timeout(5000)).purge(Mockito.anyList(), Mockito.eq(""));
                        FunctionCounter succeeded = meters.get(GoneFilterPurgeMetrics.PURGES)
                                .tag("outcome", "succeeded").functionCounter();
                        long deadline = System.nanoTime() + 5_000_000_000L;
                        while (succeeded.count() < 1 && System.nanoTime() < deadline) {
                            Thread.sleep(10); // the count follows the purger's return
                        }
                        assertThat(succeeded.count()).isEqualTo(1);
                    } finally {
                        filter.destroy();
                    }
                });
    }

    @Test
    void aBeanNamedGoneFilterThatRegistersSomethingElseFailsStartUpSayingWhatToDo() {
        web.withUserConfiguration(Meters.class)
                .withBean(GoneFilterAutoConfiguration.FILTER_NAME, FilterRegistrationBean.class,
                        () -> new FilterRegistrationBean<>((request, response, chain) -> chain.doFilter(request, response)))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("The bean 'goneFilter' (")
                        .hasStackTraceContaining("does not register a GoneFilter")
                        .hasStackTraceContaining("declare a GoneFilterPurgeMetrics bean of your own"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
