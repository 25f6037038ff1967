package io.github.gonefilter.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Profile {@code postgres}: two copies of the application on two ports over one PostgreSQL database behave
 * as one site. The tombstones come from {@code gone-filter.store=jdbc} over Boot's own DataSource
 * ({@code spring.datasource.*}), with no Java configuration. Runs when {@code .ci/services.sh} has exported GONE_FILTER_PG_URL (as CI does); each run uses
 * its own table so it never meets tombstones of another run.
 */
@EnabledIfEnvironmentVariable(named = "GONE_FILTER_PG_URL", matches = ".+")
class PostgresProfileTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anArticleDeletedThroughOneCopyIsGoneOnTheOtherAndComesBackOnRestore() throws Exception {
        String table = "example_tombstone_" + ProcessHandle.current().pid();
        try (ConfigurableApplicationContext a = start(table); ConfigurableApplicationContext b = start(table)) {
            int portA = port(a);
            int portB = port(b);
            assertThat(status("GET", portB, "/api/articles/1")).isEqualTo(200);
            assertThat(status("GET", portB, "/api/articles/3")).isEqualTo(410); // seeded from tombstones.json
            assertThat(a.getBean(io.github.gonefilter.tombstone.TombstoneRegistry.class).status().kind())
                    .isEqualTo("jdbc");

            assertThat(status("DELETE", portA, "/api/articles/1")).isEqualTo(204);
            assertThat(millisUntil(portB, "/api/articles/1", 410)).isLessThan(2000);

            assertThat(status("POST", portA, "/api/articles/1/restore")).isEqualTo(200);
            assertThat(millisUntil(portB, "/api/articles/1", 200)).isLessThan(2000);
        } finally {
            try (Connection c = DriverManager.getConnection(System.getenv("GONE_FILTER_PG_URL"),
                    System.getenv("GONE_FILTER_PG_USER"), System.getenv("GONE_FILTER_PG_PASSWORD"));
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute("DROP TABLE IF EXISTS " + table + "_version");
            }
        }
    }

    private static ConfigurableApplicationContext start(String table) {
        return new SpringApplicationBuilder(GoneFilterExampleApplication.class)
                .profiles("postgres")
                .run("--server.port=0", "--gone-filter.jdbc.table=" + table);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static int status(String method, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "application/json").build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long millisUntil(int port, String path, int expected) throws Exception {
        long start = System.nanoTime();
        while (status("GET", port, path) != expected) {
            if (System.nanoTime() - start > 5_000_000_000L) {
                return Long.MAX_VALUE;
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
