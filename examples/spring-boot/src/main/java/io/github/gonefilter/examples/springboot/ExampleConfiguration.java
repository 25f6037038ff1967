package io.github.gonefilter.examples.springboot;

import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.GoneListener;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * What is specific to this application around gone-filter; the filter, its registry, the endpoint, health and
 * meters come from the gone-filter.* properties (application.properties).
 */
@Configuration(proxyBeanMethods = false)
class ExampleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExampleConfiguration.class);

    /** Logs every response the filter writes instead of the application; the filter picks up every GoneListener bean. */
    @Bean
    GoneListener goneLog() {
        return (GoneEvent e) -> log.info("{} {} -> {}{}", e.method(), e.path(), e.status(),
                e.tombstone() == null || e.tombstone().reason() == null ? "" : " (" + e.tombstone().reason() + ")");
    }

    /**
     * Profile postgres: a database without tombstones starts with the shipped ones, so the requests in README.md
     * answer the same in both profiles. Two copies starting at once both write them: bury replaces by key, so
     * that is harmless.
     */
    @Bean
    @Profile("postgres")
    SmartInitializingSingleton seedTombstones(WritableTombstoneRegistry registry,
            @Value("${example.tombstones.seed:classpath:tombstones.json}") String seed) {
        return () -> {
            if (registry.size() > 0 || registry.status().lastLoaded() == null) {
                return; // already seeded, or the database is unreachable: nothing to compare with
            }
            try (FileTombstoneRegistry shipped = FileTombstoneRegistry.builder(seed).reloadInterval(Duration.ZERO).build()) {
                shipped.list().forEach(registry::bury);
            }
            log.info("Tombstones: seeded {} from {}", registry.size(), seed);
        };
    }
}
