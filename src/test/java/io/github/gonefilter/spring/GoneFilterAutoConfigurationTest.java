package io.github.gonefilter.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.GoneListener;
import io.github.gonefilter.purge.CachePurger;
import io.github.gonefilter.purge.RecordingApi;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.registry.jdbc.JdbcTombstoneRegistry;
import io.github.gonefilter.registry.sync.RegistryUnavailableException;
import io.github.gonefilter.support.LogCapture;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import jakarta.servlet.DispatcherType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.LogRecord;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowingConsumer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;

/**
 * Every condition of {@link GoneFilterAutoConfiguration}: which registry it makes (or leaves to the application),
 * when it registers the filter, how properties reach the filter, and the failures that name what is wrong.
 */
class GoneFilterAutoConfigurationTest {

    private static final String SAMPLE = "classpath:tombstones/sample.json";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GoneFilterAutoConfiguration.class));

    @TempDir
    Path dir;

    @Nested
    class RegistryChoice {

        @Test
        void aTombstoneFileGivesAWritableFileRegistryAndTheFilter() {
            web.withPropertyValues("gone-filter.tombstones=" + SAMPLE).run(context -> {
                assertThat(context).hasSingleBean(FileTombstoneRegistry.class)
                        .hasSingleBean(WritableTombstoneRegistry.class);
                assertThat(context.getBean(FileTombstoneRegistry.class).location()).isEqualTo(SAMPLE);
                assertThat(context.getBean(GoneFilterAutoConfiguration.FILTER_NAME)).isInstanceOf(FilterRegistrationBean.class);
            });
        }

        @Test
        void anApplicationRegistryBeanWinsOverTheProperties() {
            web.withUserConfiguration(OwnRegistry.class)
                    .withPropertyValues("gone-filter.tombstones=" + SAMPLE)
                    .run(context -> {
                        assertThat(context).doesNotHaveBean(FileTombstoneRegistry.class);
                        assertThat(context.getBean(TombstoneRegistry.class)).isSameAs(OwnRegistry.REGISTRY);
                        assertThat(filter(context).registry()).isSameAs(OwnRegistry.REGISTRY);
                    });
        }

        @Test
        void storeJdbcUsesTheApplicationsDataSource() {
            web.withUserConfiguration(H2DataSource.class)
                    .withPropertyValues("gone-filter.store=jdbc", "gone-filter.jdbc.table=auto_config_test",
                            "gone-filter.sync.interval=1h")
                    .run(context -> {
                        assertThat(context).hasSingleBean(JdbcTombstoneRegistry.class);
                        JdbcTombstoneRegistry registry = context.getBean(JdbcTombstoneRegistry.class);
                        registry.bury(Tombstone.of("/jdbc/1")); // the tables were created: initialize-schema=always
                        assertThat(registry.find("/jdbc/1", Instant.now())).isPresent();
                        assertThat(registry.description()).contains("auto_config_test");
                    });
        }

        @Test
        void storeJdbcWithInitializeSchemaNeverLeavesTheTablesToMigrations() {
            web.withUserConfiguration(H2DataSource.class)
                    .withPropertyValues("gone-filter.store=jdbc", "gone-filter.jdbc.table=never_created",
                            "gone-filter.jdbc.initialize-schema=never", "gone-filter.sync.interval=1h")
                    .run(context -> assertThat(context.getBean(JdbcTombstoneRegistry.class).status().lastError())
                            .as("no table, so the first sync failed").isNotNull());
        }

        @Test
        void storeJdbcWithoutADataSourceFailsNamingWhatIsMissing() {
            web.withPropertyValues("gone-filter.store=jdbc").run(context -> assertThat(context).hasFailed()
                    .getFailure().rootCause().hasMessageContaining("gone-filter.store=jdbc needs the application's"
                            + " DataSource, but there is none"));
        }

        @Test
        void storeRedisWithoutJedisFailsNamingTheDependency() {
            web.withClassLoader(new FilteredClassLoader("redis.clients.jedis"))
                    .withPropertyValues("gone-filter.store=redis")
                    .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("gone-filter.store=redis needs the Jedis client")
                            .hasMessageContaining("redis.clients:jedis"));
        }

        @Test
        void storeRedisReachesTheServerOfSpringDataRedisProperties() {
            // Nothing listens on this port: the registry starts in an outage, which is enough to see where it went.
            web.withPropertyValues("gone-filter.store=redis", "spring.data.redis.host=127.0.0.1",
                            "spring.data.redis.port=1", "gone-filter.redis.timeout=1s", "gone-filter.sync.interval=1h")
                    .run(context -> {
                        TombstoneRegistry registry = context.getBean(TombstoneRegistry.class);
                        assertThat(registry.status().kind()).isEqualTo("redis");
                        assertThat(registry.description()).contains("127.0.0.1:1");
                    });
        }

        @Test
        void aFileAndAStoreExcludeEachOther() {
            web.withPropertyValues("gone-filter.tombstones=" + SAMPLE, "gone-filter.store=jdbc")
                    .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("gone-filter.tombstones ('" + SAMPLE + "') and gone-filter.store (jdbc)"
                                    + " exclude each other"));
        }

        @Test
        void aBlankFileLeavesTheChoiceToTheStore() {
            web.withUserConfiguration(H2DataSource.class)
                    .withPropertyValues("gone-filter.tombstones=", "gone-filter.store=jdbc",
                            "gone-filter.jdbc.table=blank_file", "gone-filter.sync.interval=1h")
                    .run(context -> assertThat(context).hasSingleBean(JdbcTombstoneRegistry.class));
        }

        @Test
        void aBrokenTombstoneFileFailsStartUpNamingPropertyFileAndPosition() throws Exception {
            Path file = dir.resolve("broken.json");
            Files.writeString(file, "{\"tombstones\": [{\"path\": \"/a\", \"maxage\": 1}]}");
            web.withPropertyValues("gone-filter.tombstones=" + file).run(context -> assertThat(context).hasFailed()
                    .getFailure().hasStackTraceContaining("gone-filter.tombstones: " + file + ":1:")
                    .hasStackTraceContaining("unknown member 'maxage'"));
        }
    }

    @Nested
    class NothingToEnforce {

        @Test
        void noSourceRegistersNoFilterAndSaysOnceHowToTurnItOn() throws Exception {
            List<LogRecord> records = LogCapture.during(GoneFilterAutoConfiguration.class,
                    () -> web.run(context -> {
                        assertThat(context).hasNotFailed().doesNotHaveBean(TombstoneRegistry.class)
                                .doesNotHaveBean(GoneFilterAutoConfiguration.FILTER_NAME);
                    }));
            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.INFO);
                assertThat(record.getMessage()).contains("no GoneFilter is registered")
                        .contains("gone-filter.tombstones").contains("gone-filter.store")
                        .contains("TombstoneRegistry bean");
            });
        }

        @Test
        void theNoticeIsNotLoggedWhenTheApplicationHasARegistry() throws Exception {
            List<LogRecord> records = LogCapture.during(GoneFilterAutoConfiguration.class,
                    () -> web.withUserConfiguration(OwnRegistry.class).run(context -> assertThat(context)
                            .hasBean(GoneFilterAutoConfiguration.FILTER_NAME)));
            assertThat(records).isEmpty();
        }

        @Test
        void disabledConfiguresNothingEvenWithATombstoneFile() throws Exception {
            List<LogRecord> records = LogCapture.during(GoneFilterAutoConfiguration.class,
                    () -> web.withPropertyValues("gone-filter.enabled=false", "gone-filter.tombstones=" + SAMPLE)
                            .run(context -> assertThat(context).doesNotHaveBean(TombstoneRegistry.class)
                                    .doesNotHaveBean(GoneFilterAutoConfiguration.FILTER_NAME)
                                    .doesNotHaveBean(GoneFilterProperties.class)));
            assertThat(records).as("enabled=false silences the notice too").isEmpty();
        }

        @Test
        void enabledIsReadAsTheBinderReadsABooleanAndAnythingElseFailsStartUpNamingIt() {
            for (String on : List.of("true", "TRUE", "yes", "on", "1")) {
                web.withPropertyValues("gone-filter.enabled=" + on, "gone-filter.tombstones=" + SAMPLE)
                        .run(context -> assertThat(context).as(on).hasBean(GoneFilterAutoConfiguration.FILTER_NAME));
            }
            for (String off : List.of("false", "no", "off", "0")) {
                web.withPropertyValues("gone-filter.enabled=" + off, "gone-filter.tombstones=" + SAMPLE)
                        .run(context -> assertThat(context).as(off).doesNotHaveBean(GoneFilterAutoConfiguration.FILTER_NAME));
            }
            web.withPropertyValues("gone-filter.enabled=nope", "gone-filter.tombstones=" + SAMPLE)
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .hasStackTraceContaining("gone-filter.enabled").hasStackTraceContaining("nope"));
        }

        @Test
        void outsideAServletApplicationTheRegistryIsMadeButNoFilter() {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(GoneFilterAutoConfiguration.class))
                    .withPropertyValues("gone-filter.tombstones=" + SAMPLE)
                    .run(context -> assertThat(context).hasSingleBean(FileTombstoneRegistry.class)
                            .doesNotHaveBean(GoneFilterAutoConfiguration.FILTER_NAME));
        }
    }

    @Nested
    class TheFilter {

        @Test
        void aMisspeltKeyFailsStartUpNamingIt() {
            web.withPropertyValues("gone-filter.tombstones=" + SAMPLE, "gone-filter.fromat=simple")
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .hasStackTraceContaining("gone-filter.fromat"));
        }

        @Test
        void isRegisteredByNameAfterSecurityWithTheDefaultMapping() {
            web.withPropertyValues("gone-filter.tombstones=" + SAMPLE).run(context -> {
                FilterRegistrationBean<?> registration = registration(context);
                assertThat(registration.getFilterName()).isEqualTo("goneFilter");
                assertThat(registration.getOrder()).isEqualTo(-90);
                assertThat(registration.getUrlPatterns()).containsExactly("/*");
                assertThat(registration.determineDispatcherTypes()).containsExactly(DispatcherType.REQUEST);
            });
        }

        @Test
        void orderPatternsAndDispatcherTypesComeFromProperties() {
            web.withPropertyValues("gone-filter.tombstones=" + SAMPLE, "gone-filter.order=5",
                    "gone-filter.url-patterns=/api/*,/blog/*", "gone-filter.dispatcher-types=request,forward")
                    .run(context -> {
                        FilterRegistrationBean<?> registration = registration(context);
                        assertThat(registration.getOrder()).isEqualTo(5);
                        assertThat(registration.getUrlPatterns()).containsExactly("/api/*", "/blog/*");
                        assertThat(registration.determineDispatcherTypes())
                                .containsExactlyInAnyOrder(DispatcherType.REQUEST, DispatcherType.FORWARD);
                    });
        }

        @Test
        void anApplicationsOwnRegistrationByThatNameReplacesIt() {
            web.withUserConfiguration(OwnRegistration.class).withPropertyValues("gone-filter.tombstones=" + SAMPLE)
                    .run(context -> assertThat(registration(context)).isSameAs(OwnRegistration.REGISTRATION));
        }

        @Test
        void responsePropertiesReachTheFilter() {
            web.withUserConfiguration(OwnRegistry.class)
                    .withPropertyValues("gone-filter.format=simple", "gone-filter.max-age.user_request=120",
                            "gone-filter.default-max-age=PT1H", "gone-filter.methods=GET, HEAD",
                            "gone-filter.html=false")
                    .run(context -> {
                        MockHttpServletResponse gone = get(filter(context), "GET", "/gone/because-user");
                        assertThat(gone.getStatus()).isEqualTo(410);
                        assertThat(gone.getContentType()).isEqualTo("application/json");
                        assertThat(gone.getHeader("Cache-Control")).isEqualTo("public, max-age=120");
                        assertThat(get(filter(context), "GET", "/gone/plain").getHeader("Cache-Control"))
                                .as("a number without a unit is seconds, as for the init-param")
                                .isEqualTo("public, max-age=3600");
                        assertThat(get(filter(context), "DELETE", "/gone/plain").getStatus())
                                .as("methods=GET, HEAD lets DELETE through").isEqualTo(200);
                    });
        }

        @Test
        void modeSetsTheDefaultOfTombstonesWithoutOne() {
            // MockFilterChain's application answers 200 for every path: live content, in fallback mode.
            web.withUserConfiguration(OwnRegistry.class)
                    .withPropertyValues("gone-filter.mode=fallback", "gone-filter.auto-restore=false")
                    .run(context -> assertThat(get(filter(context), "GET", "/gone/plain").getStatus()).isEqualTo(200));
            web.withUserConfiguration(OwnRegistry.class).withPropertyValues("gone-filter.mode=short-circuit")
                    .run(context -> assertThat(get(filter(context), "GET", "/gone/plain").getStatus()).isEqualTo(410));
            web.withUserConfiguration(OwnRegistry.class)
                    .run(context -> assertThat(get(filter(context), "GET", "/gone/plain").getStatus()).isEqualTo(410));
        }

        @Test
        void anInvalidValueFailsStartUpNamingTheProperty() {
            web.withUserConfiguration(OwnRegistry.class).withPropertyValues("gone-filter.methods=GET, !HEAD")
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .hasStackTraceContaining("gone-filter.methods = '[GET, !HEAD]': methods: exemptions [HEAD]"
                                    + " need '*' before them"));
        }

        @Test
        void valuesTheBuilderChecksAtBuildAreNamedByTheirPropertyToo() {
            Map<String, String> cases = Map.of(
                    "gone-filter.default-max-age=-5s", "gone-filter.default-max-age: defaultMaxAge must not be negative",
                    "gone-filter.html-error-page=gone", "gone-filter.html-error-page: htmlErrorPage",
                    "gone-filter.blocked-by=ftp://x", "gone-filter.blocked-by: blockedBy",
                    "gone-filter.html-lang=xx_YY_bad!", "gone-filter.html-lang: htmlLang");
            cases.forEach((property, message) -> web.withUserConfiguration(OwnRegistry.class).withPropertyValues(property)
                    .run(context -> assertThat(context).as(property).hasFailed().getFailure()
                            .hasStackTraceContaining(message)));
        }

        @Test
        void environmentVariablesUseTheDocumentedNamesAndPerReasonLifetimesTheDashlessOnes() {
            Map<String, Object> environment = Map.of("GONE_FILTER_DEFAULT_MAX_AGE", "120",
                    "GONEFILTER_MAXAGE_SUNSET", "60", "GONE_FILTER_MAX_AGE_EXPIRED", "7",
                    "SPRING_APPLICATION_JSON", "{\"gone-filter\":{\"max-age\":{\"user_request\":\"P30D\"}}}");
            web.withUserConfiguration(OwnRegistry.class)
                    .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                            org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new org.springframework.core.env.SystemEnvironmentPropertySource(
                                    org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                    environment)))
                    .withInitializer(context -> new org.springframework.boot.support.SpringApplicationJsonEnvironmentPostProcessor()
                            .postProcessEnvironment(context.getEnvironment(), new org.springframework.boot.SpringApplication()))
                    .run(context -> {
                        GoneFilterProperties properties = context.getBean(GoneFilterProperties.class);
                        assertThat(properties.getDefaultMaxAge()).isEqualTo(java.time.Duration.ofSeconds(120));
                        assertThat(properties.getMaxAge()).as("GONE_FILTER_MAX_AGE_EXPIRED is not a map key")
                                .containsOnly(Map.entry("sunset", "60"), Map.entry("user_request", "P30D"));
                    });
        }

        @Test
        void formatTakesEverySpellingTheInitParamTakes() {
            for (String format : List.of("problem+json", "RFC9457", "simple")) {
                web.withUserConfiguration(OwnRegistry.class).withPropertyValues("gone-filter.format=" + format)
                        .run(context -> assertThat(get(filter(context), "GET", "/gone/plain").getContentType())
                                .as(format).isEqualTo(format.equals("simple") ? "application/json"
                                        : "application/problem+json"));
            }
            web.withUserConfiguration(OwnRegistry.class).withPropertyValues("gone-filter.format=xml")
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .hasStackTraceContaining("gone-filter.format = 'xml': must be 'problem' or 'simple'"));
        }

        @Test
        void everyListenerBeanAndCustomizerIsApplied() {
            web.withUserConfiguration(OwnRegistry.class, Listening.class).run(context -> {
                get(filter(context), "GET", "/gone/plain");
                assertThat(context.getBean(Listening.class).events).singleElement()
                        .satisfies(event -> assertThat(event.at()).isEqualTo(Listening.FIXED));
            });
        }

        @Test
        void theFilterLeavesTheRegistryOpenAndSpringClosesIt() throws Exception {
            Path file = dir.resolve("owned-by-spring.json");
            Files.writeString(file, "{}");
            String reloadThread = "gone-filter-reload " + file;
            web.withPropertyValues("gone-filter.tombstones=" + file, "gone-filter.reload-interval=1s").run(context -> {
                filter(context).destroy();
                assertThat(threadsNamed(reloadThread)).as("reloading after the filter's destroy").isNotEmpty();
            });
            for (Thread t : threadsNamed(reloadThread)) {
                t.join(5000);
            }
            assertThat(threadsNamed(reloadThread)).as("reloading after the context closed").isEmpty();
        }
    }

    @Nested
    class AFailClosedStoreThatCannotDecide {

        @Test
        void answers503ButLeavesTheActuatorToAnswerItsProbes() {
            web.withUserConfiguration(UnavailableRegistry.class).run(context -> {
                assertThat(get(filter(context), "GET", "/articles/1").getStatus()).isEqualTo(503);
                MockHttpServletResponse health = get(filter(context), "GET", "/actuator/health/liveness");
                assertThat(health.getStatus()).as("passed to the chain").isEqualTo(200);
                assertThat(get(filter(context), "GET", "/actuator").getStatus()).isEqualTo(200);
                assertThat(get(filter(context), "GET", "/actuatorx/y").getStatus()).isEqualTo(503);
            });
        }

        @Test
        void aSpellingThatLeavesTheActuatorPathIsStillLookedUp() {
            web.withUserConfiguration(UnavailableRegistry.class).run(context -> {
                MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/%2e%2e/articles/1");
                request.setServletPath("/actuator/x");
                MockHttpServletResponse response = new MockHttpServletResponse();
                filter(context).doFilter(request, response, new MockFilterChain());
                assertThat(response.getStatus()).isEqualTo(503);
            });
        }

        @Test
        void theBasePathAndTheDispatcherServletsPathAreFollowed() {
            web.withUserConfiguration(UnavailableRegistry.class)
                    .withPropertyValues("management.endpoints.web.base-path=/manage/", "spring.mvc.servlet.path=/app")
                    .run(context -> {
                        assertThat(get(filter(context), "GET", "/app/manage/health").getStatus()).isEqualTo(200);
                        assertThat(get(filter(context), "GET", "/actuator/health").getStatus()).isEqualTo(503);
                    });
        }

        @Test
        void filterActuatorPutsTheFilterBackInFrontOfTheActuatorAndAManagementPortNeedsNothing() {
            web.withUserConfiguration(UnavailableRegistry.class).withPropertyValues("gone-filter.filter-actuator=true")
                    .run(context -> assertThat(get(filter(context), "GET", "/actuator/health").getStatus())
                            .isEqualTo(503));
            web.withUserConfiguration(UnavailableRegistry.class).withPropertyValues("management.server.port=8081")
                    .run(context -> assertThat(get(filter(context), "GET", "/actuator/health").getStatus())
                            .isEqualTo(503));
            web.withUserConfiguration(UnavailableRegistry.class)
                    .withPropertyValues("management.endpoints.web.base-path=/")
                    .run(context -> assertThat(get(filter(context), "GET", "/health").getStatus()).isEqualTo(503));
        }
    }

    @Nested
    class Purging {

        @Test
        void eachEndpointIsAVarnishPurgedForEveryHostOnceTheContainerStartsTheFilter() throws Exception {
            try (RecordingApi a = new RecordingApi(""); RecordingApi b = new RecordingApi("")) {
                web.withUserConfiguration(FreshRegistry.class)
                        .withPropertyValues("gone-filter.purge.endpoints=" + a.base() + ", " + b.base(),
                                "gone-filter.purge.hosts=www.example.com, example.com:8443",
                                "gone-filter.purge.repeat-after=0")
                        .run(context -> started(context, "/shop", filter -> {
                            context.getBean(WritableTombstoneRegistry.class).bury(Tombstone.of("/purged/1"));
                            for (RecordingApi varnish : List.of(a, b)) {
                                List<RecordingApi.Request> requests = awaitRequests(varnish, 2);
                                assertThat(requests).extracting(RecordingApi.Request::method).containsOnly("PURGE");
                                assertThat(requests).extracting(RecordingApi.Request::target).containsOnly("/shop/purged/1");
                                assertThat(requests).extracting(request -> request.header("X-Purge-Host"))
                                        .containsExactly("www.example.com", "example.com:8443");
                            }
                        }));
            }
        }

        @Test
        void repeatAfterPurgesEachChangeASecondTimeAndABareNumberIsSeconds() throws Exception {
            try (RecordingApi varnish = new RecordingApi("")) {
                web.withUserConfiguration(FreshRegistry.class)
                        .withPropertyValues("gone-filter.purge.endpoints=" + varnish.base(),
                                "gone-filter.purge.repeat-after=200ms")
                        .run(context -> started(context, "", filter -> {
                            context.getBean(WritableTombstoneRegistry.class).bury(Tombstone.of("/twice"));
                            assertThat(awaitRequests(varnish, 2)).as("the default, 5 s, would not be here yet")
                                    .extracting(RecordingApi.Request::target).containsExactly("/twice", "/twice");
                        }));
            }
            web.withUserConfiguration(FreshRegistry.class).withPropertyValues("gone-filter.purge.repeat-after=3")
                    .run(context -> assertThat(context.getBean(GoneFilterProperties.class).getPurge().getRepeatAfter())
                            .isEqualTo(java.time.Duration.ofSeconds(3)));
        }

        @Test
        void purgingStopsWhenTheContextClosesBeforeTheFilterIsDestroyedAndTheDropsGoToSpringsLog() throws Exception {
            CachePurger down = Mockito.mock(CachePurger.class);
            Mockito.when(down.description()).thenReturn("a cache that is down");
            Mockito.doThrow(new java.net.ConnectException("refused")).when(down).purge(Mockito.anyList(), Mockito.anyString());
            GoneFilter[] started = new GoneFilter[1];
            web.withUserConfiguration(FreshRegistry.class).withBean("down", CachePurger.class, () -> down)
                    .run(context -> {
                        started[0] = filter(context);
                        started[0].init(new MockFilterConfig(new MockServletContext(),
                                GoneFilterAutoConfiguration.FILTER_NAME));
                        context.getBean(WritableTombstoneRegistry.class).bury(Tombstone.of("/late"));
                        Mockito.verify(down, Mockito.timeout(5000)).purge(Mockito.anyList(), Mockito.anyString());
                    });
            assertThat(started[0].purgeStatistics().count(io.github.gonefilter.purge.PurgeStatistics.Outcome.DROPPED))
                    .as("dropped while the context closed, not at destroy").isEqualTo(2);
            assertThat(started[0].stopPurging()).isEmpty();
            started[0].destroy();

            org.apache.commons.logging.Log log = Mockito.mock(org.apache.commons.logging.Log.class);
            GoneFilter filter = Mockito.mock(GoneFilter.class);
            Mockito.when(filter.stopPurging()).thenReturn(List.of(
                    new io.github.gonefilter.purge.DroppedPurges("varnish http://127.0.0.1:6081", 1, 1),
                    new io.github.gonefilter.purge.DroppedPurges("fastly service x", 0, 3)));
            @SuppressWarnings("unchecked")
            org.springframework.beans.factory.ObjectProvider<FilterRegistrationBean<?>> registrations =
                    Mockito.mock(org.springframework.beans.factory.ObjectProvider.class);
            Mockito.when(registrations.orderedStream()).thenAnswer(call -> java.util.stream.Stream.of(
                    new FilterRegistrationBean<>(filter), // and another application filter, which is left alone
                    new FilterRegistrationBean<>(new org.springframework.web.filter.CharacterEncodingFilter())));
            new GoneFilterConfigurations.PurgeShutdown(registrations, log).stop();
            Mockito.verify(log).warn("2 purges (1 first purges, 1 second purges) were not sent to"
                    + " varnish http://127.0.0.1:6081 before the filter stopped");
            Mockito.verify(log).info("3 purges (0 first purges, 3 second purges) were not sent to fastly service x"
                    + " before the filter stopped");
        }

        @Test
        void everyCachePurgerBeanIsPurgedBesidesTheEndpoints() throws Exception {
            CachePurger cdn = Mockito.mock(CachePurger.class);
            try (RecordingApi varnish = new RecordingApi("")) {
                web.withUserConfiguration(FreshRegistry.class)
                        .withBean("cdnPurger", CachePurger.class, () -> cdn)
                        .withPropertyValues("gone-filter.purge.endpoints=" + varnish.base(),
                                "gone-filter.purge.repeat-after=0")
                        .run(context -> started(context, "/shop", filter -> {
                            context.getBean(WritableTombstoneRegistry.class).bury(Tombstone.of("/both"));
                            Mockito.verify(cdn, Mockito.timeout(5000)).purge(
                                    Mockito.argThat(changes -> changes.size() == 1
                                            && changes.get(0).tombstone().pattern().toString().equals("/both")),
                                    Mockito.eq("/shop"));
                            assertThat(awaitRequests(varnish, 1)).extracting(RecordingApi.Request::target)
                                    .containsExactly("/shop/both");
                        }));
            }
        }

        @Test
        void surrogateKeysTagTheResponsesWhenOn() {
            web.withUserConfiguration(FreshRegistry.class).withPropertyValues("gone-filter.purge.surrogate-keys=true")
                    .run(context -> started(context, "", filter -> {
                        MockHttpServletResponse live = get(filter, "GET", "/blog/hello");
                        assertThat(live.getHeader("xkey")).startsWith("gf:/blog/hello ").contains("gf-tree:/blog");
                        assertThat(live.getHeader("Surrogate-Key")).isEqualTo(live.getHeader("xkey"));
                    }));
            web.withUserConfiguration(FreshRegistry.class)
                    .run(context -> started(context, "", filter -> assertThat(get(filter, "GET", "/blog/hello")
                            .getHeaderNames()).as("off by default").doesNotContain("xkey", "Surrogate-Key")));
        }

        @Test
        void blankEntriesAreNone() throws Exception {
            try (RecordingApi varnish = new RecordingApi("")) {
                web.withUserConfiguration(FreshRegistry.class)
                        .withPropertyValues("gone-filter.purge.endpoints=${VARNISH_URL:}, " + varnish.base() + ", ",
                                "gone-filter.purge.hosts= , www.example.com", "gone-filter.purge.repeat-after=0")
                        .run(context -> started(context, "", filter -> {
                            context.getBean(WritableTombstoneRegistry.class).bury(Tombstone.of("/blank"));
                            assertThat(awaitRequests(varnish, 1)).extracting(request -> request.header("X-Purge-Host"))
                                    .containsExactly("www.example.com");
                        }));
            }
            web.withUserConfiguration(FreshRegistry.class).withPropertyValues("gone-filter.purge.endpoints=${VARNISH_URL:}")
                    .run(context -> assertThat(context).hasNotFailed());
        }

        @Test
        void hostsWithoutEndpointsFailStartUpNamingBoth() {
            web.withUserConfiguration(FreshRegistry.class).withPropertyValues("gone-filter.purge.hosts=www.example.com")
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .hasStackTraceContaining("gone-filter.purge.hosts = '[www.example.com]'")
                            .hasStackTraceContaining("needs gone-filter.purge.endpoints"));
        }

        @Test
        void invalidValuesFailStartUpNamingPropertyAndValue() {
            web.withUserConfiguration(FreshRegistry.class)
                    .withPropertyValues("gone-filter.purge.endpoints=ftp://127.0.0.1:6081")
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .hasStackTraceContaining("gone-filter.purge.endpoints = 'ftp://127.0.0.1:6081': Varnish"
                                    + " endpoint 'ftp://127.0.0.1:6081' must be an http or https URL"));
            web.withUserConfiguration(FreshRegistry.class)
                    .withPropertyValues("gone-filter.purge.endpoints=http://127.0.0.1:6081",
                            "gone-filter.purge.hosts=www.example.com/path")
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .hasStackTraceContaining("gone-filter.purge.hosts = '[www.example.com/path]': host"));
            web.withUserConfiguration(FreshRegistry.class).withPropertyValues("gone-filter.purge.repeat-after=-1s")
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .hasStackTraceContaining("gone-filter.purge.repeat-after = 'PT-1S': must not be negative"));
        }

        @Test
        void aMisspeltKeyUnderPurgeFailsStartUpNamingIt() {
            Map<String, String> failures = Map.of(
                    "gone-filter.purge.endpoint=http://127.0.0.1:6081", "[gone-filter.purge.endpoint] were left unbound",
                    "gone-filter.purge.surrogate-key=true", "[gone-filter.purge.surrogate-key] were left unbound",
                    // the init-param's habit: purge is a group of properties here
                    "gone-filter.purge=http://127.0.0.1:6081", "Failed to bind properties under 'gone-filter.purge'");
            failures.forEach((property, message) -> web.withUserConfiguration(FreshRegistry.class)
                    .withPropertyValues(property)
                    .run(context -> assertThat(context).as(property).hasFailed().getFailure()
                            .hasStackTraceContaining(message)));
        }
    }

    /** Runs {@code test} on the auto-configured filter after the container's {@code init}, then destroys it. */
    private static void started(org.springframework.context.ApplicationContext context, String contextPath,
            ThrowingConsumer<GoneFilter> test) throws Exception {
        MockServletContext servletContext = new MockServletContext();
        servletContext.setContextPath(contextPath);
        GoneFilter filter = filter(context);
        filter.init(new MockFilterConfig(servletContext, GoneFilterAutoConfiguration.FILTER_NAME));
        try {
            test.accept(filter);
        } finally {
            filter.destroy();
        }
    }

    /** The first {@code count} requests {@code api} received, waiting up to 5 s for them. */
    private static List<RecordingApi.Request> awaitRequests(RecordingApi api, int count) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (api.requests().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(api.requests()).as("requests at %s", api.base()).hasSizeGreaterThanOrEqualTo(count);
        return api.requests().subList(0, count);
    }

    private static List<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).toList();
    }

    private static FilterRegistrationBean<?> registration(org.springframework.context.ApplicationContext context) {
        return context.getBean(GoneFilterAutoConfiguration.FILTER_NAME, FilterRegistrationBean.class);
    }

    private static GoneFilter filter(org.springframework.context.ApplicationContext context) {
        return (GoneFilter) registration(context).getFilter();
    }

    private static MockHttpServletResponse get(GoneFilter filter, String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        request.addHeader("Accept", "application/json");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistry {
        static final InMemoryTombstoneRegistry REGISTRY = new InMemoryTombstoneRegistry();

        static {
            REGISTRY.bury(Tombstone.builder("/gone/because-user").reason("user_request").build());
            REGISTRY.bury(Tombstone.of("/gone/plain"));
        }

        @Bean
        TombstoneRegistry ownRegistry() {
            return REGISTRY;
        }
    }

    /** A fail-closed store past its maximum staleness: no lookup can be decided. */
    @Configuration(proxyBeanMethods = false)
    static class UnavailableRegistry {
        @Bean
        TombstoneRegistry unavailableRegistry() {
            TombstoneRegistry registry = Mockito.mock(TombstoneRegistry.class);
            Mockito.when(registry.mayMatch(Mockito.anyString())).thenReturn(true);
            Mockito.when(registry.find(Mockito.anyString(), Mockito.any()))
                    .thenThrow(new RegistryUnavailableException("tombstones from the test store are stale"));
            return registry;
        }
    }

    /** A registry of its own for each context, so that tests that bury never meet. */
    @Configuration(proxyBeanMethods = false)
    static class FreshRegistry {
        @Bean
        InMemoryTombstoneRegistry freshRegistry() {
            return new InMemoryTombstoneRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistration {
        static final FilterRegistrationBean<GoneFilter> REGISTRATION = new FilterRegistrationBean<>();

        @Bean(GoneFilterAutoConfiguration.FILTER_NAME)
        FilterRegistrationBean<GoneFilter> goneFilter() {
            return REGISTRATION;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class H2DataSource {
        @Bean
        DataSource dataSource() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:autoconfig-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            return ds;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listening {
        static final Instant FIXED = Instant.parse("2030-01-01T00:00:00Z");
        final List<GoneEvent> events = new CopyOnWriteArrayList<>();

        @Bean
        GoneListener recording() {
            return events::add;
        }

        @Bean
        GoneFilterBuilderCustomizer fixedClock() {
            return builder -> builder.clock(java.time.Clock.fixed(FIXED, java.time.ZoneOffset.UTC));
        }
    }
}
