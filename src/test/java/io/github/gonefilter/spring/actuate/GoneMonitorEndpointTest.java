package io.github.gonefilter.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.monitor.NotFoundEntry;
import io.github.gonefilter.monitor.NotFoundMonitor;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.spring.GoneFilterAutoConfiguration;
import io.github.gonefilter.support.TestClock;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterConfig;

/** The {@code gonemonitor} endpoint's operations, and when Spring Boot makes the monitor and the endpoint. */
class GoneMonitorEndpointTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final TestClock clock = new TestClock(NOW);
    private final NotFoundMonitor monitor = NotFoundMonitor.builder().clock(clock).referrers(true).build();
    private final InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of();
    private final GoneMonitorEndpoint endpoint = new GoneMonitorEndpoint(monitor, registry, clock);

    @Test
    void listsTheTopEntriesHighestCountFirstWithTheCounters() {
        monitor.record("/a", null, null, null);
        clock.advance(Duration.ofMinutes(1));
        monitor.record("/b", null, "https://news.example/x", null);
        monitor.record("/b", null, null, null);

        GoneMonitorEndpoint.MonitorReport report = endpoint.entries(null);
        assertThat(report.recorded()).isEqualTo(3);
        assertThat(report.retention()).isEqualTo("PT168H");
        assertThat(report.top()).extracting(e -> e.get("path")).containsExactly("/b", "/a");
        Map<String, Object> b = report.top().get(0);
        assertThat(b).containsEntry("count", 2L).containsEntry("error", 0L)
                .containsEntry("firstSeen", "2026-03-01T12:01:00Z").containsEntry("lastSeen", "2026-03-01T12:01:00Z")
                .containsEntry("referrers", List.of(new NotFoundEntry.Referrer("news.example", 1)))
                .doesNotContainKeys("query", "bots", "humans");
        assertThat(endpoint.entries(1).top()).hasSize(1);
        assertThatThrownBy(() -> endpoint.entries(5000)).hasMessageContaining("limit must be between 0 and 1000");
    }

    @Test
    void promotingBuriesTheTombstoneAndDismissesWhatItNowAnswers() {
        monitor.record("/blog/old-1", null, null, null);
        monitor.record("/blog/old-2", null, null, null);
        monitor.record("/shop/x", null, null, null);

        GoneMonitorEndpoint.Promoted promoted = endpoint.promote(null, "/blog/old-*", null, "expired", "Archived.",
                null, null, null, null, null, null, "fallback");

        assertThat(registry.find("/blog/old-1", NOW)).isPresent();
        assertThat(promoted.tombstone()).containsEntry("path", "/blog/old-*").containsEntry("reason", "expired")
                .containsEntry("mode", "fallback");
        assertThat(promoted.dismissed()).containsExactlyInAnyOrder("/blog/old-1", "/blog/old-2");
        assertThat(monitor.entries()).extracting(e -> e.path()).containsExactly("/shop/x");
    }

    @Test
    void promotionIsCheckedAsABuryIs() {
        assertThatThrownBy(() -> endpoint.promote("/a", "/b*", null, null, null, null, null, null, null, null, null, null))
                .hasMessage("give either path or glob, not both");
        assertThatThrownBy(() -> endpoint.promote(null, "/b", null, null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("has no *");
        assertThatThrownBy(() -> endpoint.promote("/a", null, null, null, null, null, null, null, null, "hidden", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visibility");
        TombstoneRegistry readOnly = Mockito.mock(TombstoneRegistry.class);
        Mockito.when(readOnly.description()).thenReturn("file /etc/t.json");
        GoneMonitorEndpoint refusing = new GoneMonitorEndpoint(monitor, readOnly, clock);
        assertThatThrownBy(() -> refusing.promote("/a", null, null, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("read-only");
    }

    @Test
    void dismissingRemovesTheEntryOfTheDecodedPath() {
        String canonical = io.github.gonefilter.path.PathCanonicalizer.canonicalizeDecoded("/a b/c");
        monitor.record(canonical, null, null, null);
        assertThat(endpoint.dismiss("a b", "c")).isEqualTo(new GoneMonitorEndpoint.Dismissed(canonical, true));
        assertThat(endpoint.dismiss("a b", "c")).isNull();
        assertThat(monitor.entries()).isEmpty();
    }

    @Test
    void overHttpARegistryThatCannotWriteIs405AndAnUnknownEntry404() {
        TombstoneRegistry readOnly = Mockito.mock(TombstoneRegistry.class);
        Mockito.when(readOnly.description()).thenReturn("file /etc/t.json");
        GoneMonitorEndpointWebExtension web = new GoneMonitorEndpointWebExtension(
                new GoneMonitorEndpoint(monitor, readOnly, clock));

        assertThat(web.promote("/a", null, null, null, null, null, null, null, null, null, null, null).getStatus())
                .isEqualTo(405);
        assertThat(web.promote(null, "/a", null, null, null, null, null, null, null, null, null, null).getStatus())
                .isEqualTo(400);
        assertThat(web.dismiss("nothing", "here").getStatus()).isEqualTo(404);
        assertThat(web.entries(-1).getStatus()).isEqualTo(400);
        assertThat(web.entries(null).getStatus()).isEqualTo(200);
    }

    @Nested
    class AutoConfiguration {

        private final WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GoneFilterAutoConfiguration.class,
                        GoneMonitorEndpointAutoConfiguration.class))
                .withPropertyValues("gone-filter.tombstones=classpath:tombstones/sample.json");

        @Test
        void offByDefault() {
            web.withPropertyValues("management.endpoints.web.exposure.include=gonemonitor")
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NotFoundMonitor.class)
                            .doesNotHaveBean(GoneMonitorEndpoint.class));
        }

        @Test
        void enabledMakesTheMonitorFromThePropertiesAndHandsItToTheFilter() {
            web.withPropertyValues("gone-filter.monitor.enabled=true", "gone-filter.monitor.max-entries=50",
                    "gone-filter.monitor.retention=2d", "gone-filter.monitor.exclude=defaults,/internal/**",
                    "gone-filter.monitor.ignore-query=false", "gone-filter.monitor.referrers=true",
                    "gone-filter.monitor.user-agents=true")
                    .run(context -> {
                        NotFoundMonitor m = context.getBean(NotFoundMonitor.class);
                        assertThat(m.maxEntries()).isEqualTo(50);
                        assertThat(m.retention()).isEqualTo(Duration.ofDays(2));
                        assertThat(m.exclude()).contains("/wp-admin/**", "/internal/**");
                        assertThat(m.ignoreQuery()).isFalse();
                        assertThat(m.referrers()).isTrue();
                        assertThat(m.userAgents()).isTrue();
                        GoneFilter filter = filter(context.getBean(GoneFilterAutoConfiguration.FILTER_NAME,
                                FilterRegistrationBean.class));
                        assertThat(filter.monitor()).containsSame(m);
                        assertThat(context).doesNotHaveBean(GoneMonitorEndpoint.class); // not exposed
                    });
        }

        @Test
        void theEndpointNeedsTheMonitorAndExposure() {
            web.withPropertyValues("gone-filter.monitor.enabled=true",
                    "management.endpoints.web.exposure.include=gonemonitor")
                    .run(context -> assertThat(context).hasSingleBean(GoneMonitorEndpoint.class)
                            .hasSingleBean(GoneMonitorEndpointWebExtension.class)
                            .hasSingleBean(UnknownTombstoneMembers.class));
        }

        @Test
        void withoutActuatorTheMonitorStillWorks() {
            web.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                    .withPropertyValues("gone-filter.monitor.enabled=true",
                            "management.endpoints.web.exposure.include=gonemonitor")
                    .run(context -> assertThat(context).hasNotFailed().hasSingleBean(NotFoundMonitor.class)
                            .doesNotHaveBean(GoneMonitorEndpoint.class));
        }

        @Test
        void aBadValueFailsStartUpNamingTheProperty() {
            web.withPropertyValues("gone-filter.monitor.enabled=true", "gone-filter.monitor.max-entries=0")
                    .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("maxEntries must be between 1 and 100000 but was 0"));
            web.withPropertyValues("gone-filter.monitor.enabled=true", "gone-filter.monitor.exclude=/a%zz")
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .hasStackTraceContaining("gone-filter.monitor.exclude"));
        }

        private GoneFilter filter(FilterRegistrationBean<?> registration) throws Exception {
            GoneFilter filter = (GoneFilter) registration.getFilter();
            filter.init(new MockFilterConfig());
            return filter;
        }
    }
}
