package io.github.gonefilter.examples.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a real port (the subclass's {@code @SpringBootTest} starts it), configured by properties
 * only: {@code gone-filter.tombstones} names a fresh copy of the shipped tombstone file. Spoken to over HTTP.
 */
abstract class RunningExample {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * Where the tombstone file lives: one directory for the whole test run, because Spring reuses one application
     * context for every test class with the same configuration, and with it the file it was started with.
     */
    static final Path dataDir = Path.of("target", "test-data").toAbsolutePath();

    /** The demo user of application.properties, who has the role OPERATOR. */
    static final String OPERATOR = "operator:change-me";

    @DynamicPropertySource
    static void tombstoneFile(DynamicPropertyRegistry registry) {
        registry.add("gone-filter.tombstones", () -> copyOfShippedTombstones(dataDir.resolve("tombstones.json")).toString());
    }

    /**
     * {@code file}, made a copy of the shipped tombstones.json if it does not exist. A test's own file: the
     * example's seeding runs before a test's dynamic properties are added, so it never sees them.
     */
    static Path copyOfShippedTombstones(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.notExists(file)) {
                try (InputStream in = RunningExample.class.getResourceAsStream("/tombstones.json")) {
                    Files.copy(in, file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code file}, deleted if it exists: for a fresh copy of the shipped tombstones on each run. */
    static Path absent(Path file) {
        try {
            Files.deleteIfExists(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Value("${local.server.port}")
    int port;

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** A request with HTTP Basic credentials {@code user:password}. */
    HttpRequest.Builder as(String credentials, String path) {
        return request(path).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
