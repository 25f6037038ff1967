package io.github.gonefilter.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Profile {@code postgres} with {@code gone-filter.sync.fail-open=false} and a database that cannot be reached:
 * the store can decide nothing, so every page answers the filter's 503, while the Actuator on the same port still
 * answers: health {@code DOWN} with the details operators need, liveness {@code UP} (a database outage must not
 * make the platform restart every copy). Needs no database.
 */
class FailClosedOutageTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void pagesAnswer503WhileHealthSaysDownWithDetailsAndLivenessStaysUp() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GoneFilterExampleApplication.class)
                .profiles("postgres")
                .run("--server.port=0", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
                        "--spring.datasource.hikari.connection-timeout=250", "--gone-filter.jdbc.initialize-schema=never",
                        "--gone-filter.sync.fail-open=false", "--management.endpoint.health.probes.enabled=true")) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));

            HttpResponse<String> page = get(port, "/api/articles/1", null);
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(page.body()).contains("\"status\":503").doesNotContain("postgresql", "nowhere", "jdbc");

            HttpResponse<String> health = get(port, "/actuator/health", "operator:change-me");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"", "\"state\":\"UNAVAILABLE\"");

            HttpResponse<String> liveness = get(port, "/actuator/health/liveness", null);
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(liveness.body()).contains("\"status\":\"UP\"");

            assertThat(get(port, "/actuator/tombstones", "operator:change-me").statusCode())
                    .as("operators can still read the endpoint").isNotEqualTo(503).isLessThan(500);
        }
    }

    private static HttpResponse<String> get(int port, String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json");
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
