package io.github.gonefilter.examples.springboot;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small REST API over users and articles that deletes through its own API and answers 410 Gone for what
 * it deleted. Run it with {@code java -jar target/gone-filter-example-spring-boot.jar} (or
 * {@code mvn spring-boot:run}); it needs no setup.
 */
@SpringBootApplication
public class GoneFilterExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(GoneFilterExampleApplication.class, args);
    }

    /** One clock for the filter and for the {@code deletedAt} of new tombstones; tests may replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
