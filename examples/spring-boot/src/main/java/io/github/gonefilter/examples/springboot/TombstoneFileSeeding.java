package io.github.gonefilter.examples.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The demo's data, before gone-filter reads {@code gone-filter.tombstones}: the application deletes through its API,
 * so its tombstones must be in a writable file, which starts as a copy of the shipped {@code tombstones.json}.
 * Unset, {@code gone-filter.tombstones} becomes a fresh temporary file on every start (the articles live in memory,
 * so the demo starts from the same state each time); a given file that does not exist yet is seeded once and then
 * kept. With {@code gone-filter.store} (profile postgres) there is no file. Registered in META-INF/spring.factories.
 */
class TombstoneFileSeeding implements EnvironmentPostProcessor {

    static final String TOMBSTONES = "gone-filter.tombstones";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("gone-filter.store", "").isBlank()) {
            return;
        }
        String location = environment.getProperty(TOMBSTONES, "").trim();
        try {
            Path file;
            if (location.isEmpty()) {
                file = Files.createTempDirectory("gone-filter-example").resolve("tombstones.json");
                environment.getPropertySources().addFirst(
                        new MapPropertySource("example-tombstone-file", Map.of(TOMBSTONES, file.toString())));
            } else if (!location.contains(":")) {
                file = Path.of(location).toAbsolutePath();
            } else {
                return; // classpath: or file: as the operator wrote it
            }
            if (Files.notExists(file)) {
                Files.createDirectories(file.getParent());
                String seed = environment.getProperty("example.tombstones.seed", "classpath:tombstones.json");
                try (InputStream in = new DefaultResourceLoader().getResource(seed).getInputStream()) {
                    Files.copy(in, file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the tombstone file " + location, e);
        }
    }
}
