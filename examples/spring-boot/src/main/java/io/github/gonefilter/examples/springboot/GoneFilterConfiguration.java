package io.github.gonefilter.examples.springboot;

import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.GoneListener;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.Resource;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Wires gone-filter into the application: a tombstone registry, the filter in front of Spring MVC, and the
 * CORS filter in front of the gone filter.
 *
 * <h2>Filter order</h2>
 * Lower numbers run first. The defaults (see {@code application.properties}) are chosen so that:
 * <ul>
 *   <li>Spring Boot's own request filters run before ours (character encoding at
 *       {@code HIGHEST_PRECEDENCE}, form content at -9900, request context at -105);</li>
 *   <li>CORS (-100) runs before ours (-90): it answers preflights itself and puts
 *       {@code Access-Control-Allow-Origin} on the 410, so a browser script can read the 410 instead of
 *       seeing an opaque network error. With Spring Security, -100 is where its filter chain sits; configure
 *       CORS there ({@code http.cors(...)}) and the gone filter still comes after authentication;</li>
 *   <li>ours runs before every ordinary filter (default order {@code LOWEST_PRECEDENCE}: ETag, logging or
 *       response-wrapping filters), which then never see requests for deleted resources.</li>
 * </ul>
 * Response compression ({@code server.compression.enabled}) happens in the servlet container's connector,
 * outside every filter, so gone responses are compressed like any other.
 */
@Configuration(proxyBeanMethods = false)
class GoneFilterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GoneFilterConfiguration.class);

    /**
     * The tombstones: a JSON file on disk, seeded from the copy shipped in the jar. A file on disk (not the
     * classpath resource itself) because the application buries tombstones when it deletes articles, and the
     * file registry writes them back atomically; it also picks up hand edits within the reload interval.
     *
     * <p>Active in every profile but {@code postgres}, which supplies its own
     * {@link WritableTombstoneRegistry} bean. Spring calls {@code close()} on shutdown, which stops the
     * reload thread.
     *
     * @param file where the tombstones live; blank means a fresh temporary file on every start, seeded from
     *             {@code seed}, so the demo starts from the same state each time. A given file that does not
     *             exist yet is seeded once and then kept across restarts.
     */
    @Bean
    @Profile("!postgres")
    WritableTombstoneRegistry tombstoneRegistry(
            @Value("${example.tombstones.file:}") String file,
            @Value("${example.tombstones.seed:classpath:tombstones.json}") Resource seed,
            @Value("${example.tombstones.reload-interval:PT2S}") Duration reloadInterval) throws IOException {
        Path path = file.isBlank()
                ? Files.createTempDirectory("gone-filter-example").resolve("tombstones.json")
                : Path.of(file).toAbsolutePath();
        if (Files.notExists(path)) {
            Files.createDirectories(path.getParent());
            try (InputStream in = seed.getInputStream()) {
                Files.copy(in, path);
            }
        }
        FileTombstoneRegistry registry = FileTombstoneRegistry.builder(path.toString())
                .reloadInterval(reloadInterval)
                .build();
        log.info("Tombstones: {} ({} loaded; edits are picked up within {})",
                path, registry.list().size(), reloadInterval);
        return registry;
    }

    /** Logs every response the filter writes instead of the application. */
    @Bean
    GoneListener goneLog() {
        return (GoneEvent e) -> log.info("{} {} -> {}{}", e.method(), e.path(), e.status(),
                e.tombstone() == null || e.tombstone().reason() == null ? "" : " (" + e.tombstone().reason() + ")");
    }

    @Bean
    FilterRegistrationBean<GoneFilter> goneFilterRegistration(
            TombstoneRegistry registry,
            Clock clock,
            List<GoneListener> listeners,
            @Value("${example.gone-filter.order:-90}") int order,
            @Value("${example.gone-filter.sunset-max-age:P90D}") Duration sunsetMaxAge) {
        GoneFilter.Builder builder = GoneFilter.builder()
                .registry(registry)
                .clock(clock)
                // A retired API version does not come back: let caches keep its 410 longer than the
                // built-in 30 days for 'sunset'.
                .maxAge("sunset", sunsetMaxAge);
        listeners.forEach(builder::listener);

        FilterRegistrationBean<GoneFilter> registration = new FilterRegistrationBean<>(builder.build());
        registration.setName("goneFilter");
        registration.addUrlPatterns("/*");
        // Only requests from clients; error pages, forwards and includes are the application's own.
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(order);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilterRegistration(
            @Value("${example.cors.allowed-origins:http://localhost:3000}") List<String> allowedOrigins,
            @Value("${example.cors.order:-100}") int order) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins);
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "DELETE"));
        cors.addAllowedHeader("*");
        // Let scripts read where a gone resource moved and when a scheduled one goes away.
        cors.setExposedHeaders(List.of("Link", "Deprecation", "Sunset", "Location"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);

        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setName("corsFilter");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(order);
        return registration;
    }
}
