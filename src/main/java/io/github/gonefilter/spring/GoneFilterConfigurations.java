package io.github.gonefilter.spring;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.GoneListener;
import io.github.gonefilter.monitor.NotFoundMonitor;
import io.github.gonefilter.purge.CachePurger;
import io.github.gonefilter.purge.VarnishPurger;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.registry.file.TombstoneFileException;
import io.github.gonefilter.registry.jdbc.JdbcTombstoneRegistry;
import io.github.gonefilter.registry.redis.RedisTombstoneRegistry;
import io.github.gonefilter.registry.sync.SyncingTombstoneRegistry;
import io.github.gonefilter.response.HtmlTemplate;
import io.github.gonefilter.response.ResponseFormat;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The configurations {@link GoneFilterAutoConfiguration} imports, in this order: the registry the properties name
 * (each backing off for an application's own), the notice when nothing is named, and the filter registration,
 * which needs a registry. Kept outside the auto-configuration class so that the import order is the order in
 * which their bean conditions are evaluated.
 */
final class GoneFilterConfigurations {

    private static final System.Logger LOG = System.getLogger(GoneFilterAutoConfiguration.class.getName());
    private static final String FILTER_NAME = GoneFilterAutoConfiguration.FILTER_NAME;

    private GoneFilterConfigurations() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnTombstoneSource(TombstoneSource.FILE)
    static class FileRegistry {

        @Bean
        @ConditionalOnMissingBean(TombstoneRegistry.class)
        FileTombstoneRegistry tombstoneRegistry(GoneFilterProperties properties, ResourceLoader resourceLoader) {
            String location = properties.getTombstones().trim();
            if (properties.getStore() != null) {
                throw new IllegalStateException(GoneFilterProperties.PREFIX + ".tombstones ('" + location + "') and "
                        + GoneFilterProperties.PREFIX + ".store (" + code(properties.getStore()) + ") exclude each other:"
                        + " keep one, or set " + GoneFilterProperties.PREFIX + ".tombstones= (blank) where the store is meant");
            }
            FileTombstoneRegistry.Builder builder = FileTombstoneRegistry.builder(location)
                    .caseSensitive(properties.isCaseSensitive())
                    .classLoader(resourceLoader.getClassLoader());
            setting("reload-interval", properties.getReloadInterval(), builder::reloadInterval);
            try {
                return builder.build();
            } catch (TombstoneFileException e) {
                throw new IllegalStateException(GoneFilterProperties.PREFIX + ".tombstones: " + e.getMessage(), e);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnTombstoneSource(TombstoneSource.JDBC)
    static class JdbcRegistry {

        @Bean
        @ConditionalOnMissingBean(TombstoneRegistry.class)
        @DependsOnDatabaseInitialization
        JdbcTombstoneRegistry tombstoneRegistry(GoneFilterProperties properties, ObjectProvider<DataSource> dataSources) {
            DataSource dataSource = dataSources.getIfUnique();
            if (dataSource == null) {
                throw new IllegalStateException(GoneFilterProperties.PREFIX + ".store=jdbc needs the application's"
                        + " DataSource, but there is " + (dataSources.stream().findAny().isPresent() ? "more than one"
                        : "none") + ": set spring.datasource.url (with spring-boot-starter-jdbc and a JDBC driver),"
                        + " or declare one DataSource bean (or one @Primary)");
            }
            GoneFilterProperties.Jdbc jdbc = properties.getJdbc();
            JdbcTombstoneRegistry.Builder builder = JdbcTombstoneRegistry.builder(dataSource)
                    .createSchema(jdbc.getInitializeSchema() == GoneFilterProperties.InitializeSchema.ALWAYS);
            setting("jdbc.table", jdbc.getTable(), builder::table);
            setting("jdbc.query-timeout", jdbc.getQueryTimeout(), builder::queryTimeout);
            return sync(builder, properties).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "redis.clients.jedis.Jedis")
    @ConditionalOnTombstoneSource(TombstoneSource.REDIS)
    static class RedisRegistry {

        @Bean
        @ConditionalOnMissingBean(TombstoneRegistry.class)
        RedisTombstoneRegistry tombstoneRegistry(GoneFilterProperties properties, Environment environment) {
            GoneFilterProperties.Redis redis = properties.getRedis();
            RedisTombstoneRegistry.Builder builder = RedisTombstoneRegistry.builder(SpringDataRedisUrl.of(environment));
            setting("redis.key-prefix", redis.getKeyPrefix(), builder::keyPrefix);
            setting("redis.timeout", redis.getTimeout(), builder::timeout);
            return sync(builder, properties).build();
        }
    }

    /** {@code gone-filter.store=redis} without the Redis client: start-up fails and says what is missing. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("redis.clients.jedis.Jedis")
    @ConditionalOnTombstoneSource(TombstoneSource.REDIS)
    static class RedisWithoutJedis {

        @Bean
        @ConditionalOnMissingBean(TombstoneRegistry.class)
        TombstoneRegistry tombstoneRegistry() {
            throw new IllegalStateException(GoneFilterProperties.PREFIX + ".store=redis needs the Jedis client on the"
                    + " class path: add the dependency redis.clients:jedis (Spring Boot manages its version)");
        }
    }

    /** No registry and nothing named: no filter, and one line that says how to get one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnTombstoneSource(TombstoneSource.NONE)
    static class NoSource {

        @Bean
        @ConditionalOnMissingBean(TombstoneRegistry.class)
        static SmartInitializingSingleton goneFilterNotConfiguredNotice() {
            return () -> LOG.log(Level.INFO, "gone-filter is on the class path but has no tombstones, so no GoneFilter"
                    + " is registered. Set " + GoneFilterProperties.PREFIX + ".tombstones to a tombstone file (such as"
                    + " file:/var/lib/app/tombstones.json), or " + GoneFilterProperties.PREFIX + ".store to jdbc or"
                    + " redis, or declare a TombstoneRegistry bean; " + GoneFilterProperties.PREFIX
                    + ".enabled=false silences this line.");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(FilterRegistrationBean.class)
    @ConditionalOnBean(TombstoneRegistry.class)
    static class FilterRegistration {

        @Bean(FILTER_NAME)
        @ConditionalOnMissingBean(name = FILTER_NAME)
        FilterRegistrationBean<GoneFilter> goneFilter(GoneFilterProperties properties, TombstoneRegistry registry,
                ObjectProvider<GoneListener> listeners, ObjectProvider<CachePurger> purgers,
                ObjectProvider<GoneFilterBuilderCustomizer> customizers, ObjectProvider<NotFoundMonitor> monitor,
                ResourceLoader resourceLoader, Environment environment) {
            Set<DispatcherType> dispatcherTypes = properties.getDispatcherTypes() == null
                    || properties.getDispatcherTypes().isEmpty()
                    ? GoneFilter.DEFAULT_DISPATCHER_TYPES : properties.getDispatcherTypes();
            GoneFilter.Builder builder = GoneFilter.builder().registry(registry);
            configure(builder, properties, dispatcherTypes, resourceLoader);
            purging(builder, properties.getPurge());
            if (!properties.isFilterActuator()) {
                actuatorPath(environment, resourceLoader.getClassLoader()).ifPresent(builder::excludedPaths);
            }
            listeners.orderedStream().forEach(builder::listener);
            purgers.orderedStream().forEach(builder::purger);
            monitor.ifAvailable(builder::monitor);
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            GoneFilter filter;
            try {
                filter = builder.build();
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalStateException(propertyOf(e.getMessage()) + ": " + e.getMessage(), e);
            }
            FilterRegistrationBean<GoneFilter> registration = new FilterRegistrationBean<>(filter);
            registration.setName(FILTER_NAME);
            registration.setUrlPatterns(properties.getUrlPatterns());
            registration.setDispatcherTypes(EnumSet.copyOf(dispatcherTypes));
            registration.setOrder(properties.getOrder());
            return registration;
        }

        /**
         * The property a builder's error is about: its message starts with the setting's name ({@code defaultMaxAge
         * must not be negative ...}), which is the property's in camel case; else the configuration as a whole.
         */
        static String propertyOf(String message) {
            int end = 0;
            while (end < message.length() && Character.isLetter(message.charAt(end))) {
                end++;
            }
            String setting = message.substring(0, end);
            boolean builderSetting = !setting.isEmpty() && java.util.Arrays.stream(GoneFilter.Builder.class.getMethods())
                    .anyMatch(m -> m.getName().equals(setting) && m.getDeclaringClass() == GoneFilter.Builder.class);
            return builderSetting ? GoneFilterProperties.PREFIX + "." + setting.replaceAll("([A-Z])", "-$1")
                    .toLowerCase(java.util.Locale.ROOT) : "gone-filter configuration";
        }

        /**
         * Stops purging when the application context closes, after the web server's graceful shutdown and before
         * the server stops (and destroys the filter), and logs what was dropped through Spring's logging:
         * {@code java.util.logging}, which the filter logs through, is reset by its own shutdown hook while Spring
         * Boot's still runs, so a line logged from the filter's {@code destroy} never reaches the log.
         */
        @Bean
        static org.springframework.context.SmartLifecycle goneFilterPurgeShutdown(
                ObjectProvider<FilterRegistrationBean<?>> registrations) {
            return new PurgeShutdown(registrations,
                    org.apache.commons.logging.LogFactory.getLog(GoneFilterAutoConfiguration.class));
        }

        /**
         * Where the Actuator answers on the application's port, in the filter's terms (the path inside the context,
         * after the dispatcher servlet's path): nothing without the Actuator, on a management port of its own, or at
         * the root ({@code base-path=/}), which cannot be told from the application's paths.
         */
        static java.util.Optional<String> actuatorPath(Environment environment, ClassLoader classLoader) {
            if (!org.springframework.util.ClassUtils.isPresent(
                    "org.springframework.boot.actuate.endpoint.annotation.Endpoint", classLoader)) {
                return java.util.Optional.empty();
            }
            String managementPort = environment.getProperty("management.server.port");
            if (managementPort != null && !managementPort.isBlank()
                    && !managementPort.strip().equals(environment.getProperty("server.port", "8080").strip())) {
                return java.util.Optional.empty();
            }
            String base = trimSlashes(environment.getProperty("management.endpoints.web.base-path", "/actuator"));
            if (base.isEmpty()) {
                return java.util.Optional.empty();
            }
            String servlet = trimSlashes(environment.getProperty("spring.mvc.servlet.path", ""));
            return java.util.Optional.of((servlet.isEmpty() ? "" : "/" + servlet) + "/" + base);
        }

        private static String trimSlashes(String path) {
            String p = path.strip();
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            return p;
        }

        /** Names gone responses in {@code http.server.requests}; see {@link HttpServerObservationNaming}. */
        @Bean
        @ConditionalOnClass(name = {"org.springframework.web.filter.ServerHttpObservationFilter",
                "io.micrometer.observation.Observation"})
        GoneListener goneFilterHttpServerObservationNaming() {
            return new HttpServerObservationNaming();
        }

        private static void configure(GoneFilter.Builder b, GoneFilterProperties p, Set<DispatcherType> dispatcherTypes,
                ResourceLoader resourceLoader) {
            setting("format", p.getFormat(), format -> b.format(ResponseFormat.fromCode(format)));
            setting("html", p.isHtml(), b::html);
            setting("html-template", p.getHtmlTemplate(),
                    location -> b.htmlTemplate(HtmlTemplate.parse(read(location, resourceLoader))));
            setting("html-error-page", p.getHtmlErrorPage(), b::htmlErrorPage);
            setting("html-lang", p.getHtmlLang(), b::htmlLang);
            setting("problem-type", p.getProblemType(), b::problemType);
            setting("blocked-by", p.getBlockedBy(), b::blockedBy);
            setting("default-max-age", p.getDefaultMaxAge(), b::defaultMaxAge);
            // Map values are bound as text: @DurationUnit does not reach them, and a bare number must be seconds.
            for (Map.Entry<String, String> e : p.getMaxAge().entrySet()) {
                setting("max-age." + e.getKey(), e.getValue(),
                        maxAge -> b.maxAge(e.getKey(), DurationStyle.detectAndParse(maxAge.trim(), ChronoUnit.SECONDS)));
            }
            setting("restorable-max-age", p.getRestorableMaxAge(), b::restorableMaxAge);
            setting("authenticated-responses", p.getAuthenticatedResponses(), b::authenticatedResponses);
            setting("methods", p.getMethods(), methods -> b.methods(methods.toArray(String[]::new)));
            setting("dispatcher-types", dispatcherTypes, types -> b.dispatcherTypes(types.toArray(DispatcherType[]::new)));
            setting("announce-scheduled", p.isAnnounceScheduled(), b::announceScheduled);
            setting("mode", p.getMode(), b::mode);
            setting("auto-restore", p.isAutoRestore(), b::autoRestore);
        }

        /**
         * The {@code gone-filter.purge.*} properties, as the init-params {@code purge}, {@code purgeHosts},
         * {@code surrogateKeys} and {@code purgeRepeatAfter}: one {@link VarnishPurger} per endpoint, each for the
         * same hosts. Blank entries are dropped, so that {@code endpoints=${VARNISH_URL:}} may be empty.
         */
        private static void purging(GoneFilter.Builder b, GoneFilterProperties.Purge p) {
            List<String> endpoints = nonBlank(p.getEndpoints());
            List<String> hosts = nonBlank(p.getHosts());
            if (!hosts.isEmpty() && endpoints.isEmpty()) {
                throw new IllegalStateException(GoneFilterProperties.PREFIX + ".purge.hosts = '" + hosts + "' names the"
                        + " hosts to purge for at the Varnish endpoints, and needs " + GoneFilterProperties.PREFIX
                        + ".purge.endpoints");
            }
            List<VarnishPurger.Builder> varnishes = new ArrayList<>();
            for (String endpoint : endpoints) {
                setting("purge.endpoints", endpoint, e -> varnishes.add(VarnishPurger.builder(e)));
            }
            if (!hosts.isEmpty()) {
                for (VarnishPurger.Builder varnish : varnishes) {
                    setting("purge.hosts", hosts, h -> varnish.hosts(h.toArray(String[]::new)));
                }
            }
            varnishes.forEach(varnish -> b.purger(varnish.build()));
            setting("purge.surrogate-keys", p.isSurrogateKeys(), b::surrogateKeys);
            setting("purge.synced-changes", p.isSyncedChanges(), b::purgeSyncedChanges);
            setting("purge.repeat-after", p.getRepeatAfter(), delay -> {
                if (delay.isNegative()) {
                    throw new IllegalArgumentException("must not be negative (0 turns the second purge off)");
                }
                b.purgeRepeatAfter(delay);
            });
        }

        private static List<String> nonBlank(List<String> values) {
            return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip)
                    .toList();
        }

        /**
         * The text at a location given as for the {@code htmlTemplate} init-param: {@code classpath:} and
         * {@code file:} through Spring's resource loader, anything else a filesystem path.
         */
        private static String read(String location, ResourceLoader resourceLoader) {
            String trimmed = location.trim();
            try {
                if (trimmed.startsWith("classpath:") || trimmed.startsWith("file:")) {
                    try (InputStream in = resourceLoader.getResource(trimmed).getInputStream()) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                return Files.readString(Path.of(trimmed), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + trimmed + ": " + e, e);
            }
        }
    }

    /**
     * The 404 monitor of {@code gone-filter.monitor.*}, when {@code gone-filter.monitor.enabled=true}, for the filter
     * and the Actuator endpoint {@code gonemonitor}; an application's own {@link NotFoundMonitor} bean replaces it
     * (and is used by the filter whatever the property says).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(GoneFilterProperties.PREFIX + ".monitor.enabled")
    @ConditionalOnBean(TombstoneRegistry.class)
    static class Monitor {

        @Bean
        @ConditionalOnMissingBean
        NotFoundMonitor notFoundMonitor(GoneFilterProperties properties) {
            GoneFilterProperties.Monitor p = properties.getMonitor();
            NotFoundMonitor.Builder b = NotFoundMonitor.builder();
            setting("monitor.max-entries", p.getMaxEntries(), b::maxEntries);
            setting("monitor.retention", p.getRetention(), b::retention);
            setting("monitor.exclude", p.getExclude(), globs -> b.exclude(globs.stream().filter(g -> !g.isBlank())
                    .map(String::strip).toArray(String[]::new)));
            setting("monitor.ignore-query", p.getIgnoreQuery(), b::ignoreQuery);
            b.referrers(p.isReferrers()).userAgents(p.isUserAgents());
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(GoneFilterProperties.PREFIX + ".monitor.exclude = '" + p.getExclude()
                        + "': " + e.getMessage(), e);
            }
        }
    }

    /** The {@code gone-filter.sync.*} settings, on the builder of any shared store. */
    private static <B extends SyncingTombstoneRegistry.Builder<B>> B sync(B builder, GoneFilterProperties properties) {
        GoneFilterProperties.Sync sync = properties.getSync();
        builder.caseSensitive(properties.isCaseSensitive()).failOpen(sync.isFailOpen());
        setting("sync.interval", sync.getInterval(), builder::syncInterval);
        setting("sync.full-interval", sync.getFullInterval(), builder::fullSyncInterval);
        setting("sync.max-staleness", sync.getMaxStaleness(), builder::maxStaleness);
        setting("sync.snapshot-file", sync.getSnapshotFile(), builder::snapshotFile);
        setting("sync.compact-above", sync.getCompactAbove(), builder::compactAbove);
        return builder;
    }

    /** Applies a property that is set, so that an invalid value fails start-up naming the property. */
    private static <T> void setting(String property, T value, Consumer<T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalStateException(GoneFilterProperties.PREFIX + "." + property + " = '" + value + "': "
                    + e.getMessage(), e);
        }
    }

    private static String code(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** See {@link FilterRegistration#goneFilterPurgeShutdown}. */
    static final class PurgeShutdown implements org.springframework.context.SmartLifecycle {

        /** After WebServerGracefulShutdownLifecycle (DEFAULT_PHASE - 1024), before the server stops (- 2048). */
        static final int PHASE = DEFAULT_PHASE - 1536;
        private final ObjectProvider<FilterRegistrationBean<?>> registrations;
        private final org.apache.commons.logging.Log log;
        private volatile boolean running;

        /** @param log Spring's logging (commons-logging, which Boot routes to its logging system) */
        PurgeShutdown(ObjectProvider<FilterRegistrationBean<?>> registrations, org.apache.commons.logging.Log log) {
            this.registrations = registrations;
            this.log = log;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            registrations.orderedStream().map(FilterRegistrationBean::getFilter)
                    .filter(GoneFilter.class::isInstance).map(GoneFilter.class::cast)
                    .flatMap(filter -> filter.stopPurging().stream())
                    .forEach(dropped -> {
                        if (dropped.firstPurgesLost()) {
                            log.warn(dropped.message());
                        } else {
                            log.info(dropped.message());
                        }
                    });
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return PHASE;
        }
    }
}
