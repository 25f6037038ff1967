package io.github.gonefilter.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code gone-filter.mode=fallback} in front of Spring MVC on the embedded Tomcat: the controllers answer first, and
 * only their 404 (a {@code ResponseStatusException}, or the {@code DispatcherServlet}'s own for a path no handler
 * maps) becomes the tombstone's answer, never Spring Boot's error page. Live content at a tombstoned path passes,
 * and with {@code gone-filter.auto-restore} a restorable tombstone is restored.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"gone-filter.mode=fallback", "gone-filter.auto-restore=true"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FallbackModeTests extends RunningExample {

    /** A file of its own: this class buries tombstones, which must not reach the other classes' applications. */
    private static final Path TOMBSTONES = copyOfShippedTombstones(absent(
            Path.of("target", "test-data-fallback", "tombstones.json").toAbsolutePath()));

    @DynamicPropertySource
    static void ownTombstoneFile(DynamicPropertyRegistry registry) {
        registry.add("gone-filter.tombstones", TOMBSTONES::toString);
    }

    @Autowired
    WritableTombstoneRegistry tombstones;

    @Test
    void aResponseStatusExceptionBecomesTheTombstonesAnswerNotTheErrorPage() throws Exception {
        // Article 3 is not in the store: ArticleController throws ResponseStatusException(NOT_FOUND).
        HttpResponse<String> json = send(request("/api/articles/3").header("Accept", "application/json").GET());
        assertThat(json.statusCode()).isEqualTo(410);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // A tombstone that yields to live content may come back: cached for restorable-max-age (5m), not a day.
        assertThat(json.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(json.body()).contains("\"detail\":\"This article was deleted by its author.\"")
                .doesNotContain("\"error\":\"Not Found\"").doesNotContain("\"timestamp\"");
        assertThat(json.headers().firstValue("Content-Length")).hasValue(Integer.toString(json.body().length()));

        HttpResponse<String> html = send(request("/api/articles/3").header("Accept", "text/html").GET());
        assertThat(html.statusCode()).isEqualTo(410);
        assertThat(html.body()).contains("This article was deleted by its author.").doesNotContain("Whitelabel");

        HttpResponse<String> legal = send(request("/api/articles/7").header("Accept", "application/json").GET());
        assertThat(legal.statusCode()).isEqualTo(451);
    }

    @Test
    void theDispatcherServletsOwnNotFoundBecomesTheTombstonesAnswer() throws Exception {
        // No handler maps /api/v1/...: the DispatcherServlet answers 404 through sendError.
        HttpResponse<String> r = send(request("/api/v1/articles/1").header("Accept", "application/json").GET());
        assertThat(r.statusCode()).isEqualTo(410);
        assertThat(r.headers().firstValue("Link")).hasValue("</api>; rel=\"successor-version\"");
        assertThat(r.body()).contains("\"migrationGuide\":\"https://example.com/docs/api-v1-migration\"");

        HttpResponse<String> head = send(request("/api/v1/articles/1").header("Accept", "application/json")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(410);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void liveContentPassesAndARestorableTombstoneIsRestored() throws Exception {
        tombstones.bury(Tombstone.builder("/api/articles/1").deletedAt(Instant.parse("2025-01-01T00:00:00Z"))
                .restorable(true).build());
        tombstones.bury(Tombstone.builder("/api/articles/2").mode(TombstoneMode.FALLBACK).build());

        HttpResponse<String> restorable = get("/api/articles/1");
        assertThat(restorable.statusCode()).isEqualTo(200);
        assertThat(restorable.body()).contains("\"title\":\"Why 410 beats 404\"");
        assertThat(tombstones.find("/api/articles/1", Instant.now())).as("restored (auto-restore)").isEmpty();

        HttpResponse<String> kept = get("/api/articles/2");
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(tombstones.find("/api/articles/2", Instant.now())).as("not restorable: kept").isPresent();
        tombstones.restore(io.github.gonefilter.tombstone.PathPattern.of("/api/articles/2"), true);
    }

    @Test
    void aTombstoneThatNamesShortCircuitStillProtectsItsPath() throws Exception {
        tombstones.bury(Tombstone.builder("/api/articles/2").mode(TombstoneMode.SHORT_CIRCUIT).build());
        try {
            assertThat(get("/api/articles/2").statusCode()).isEqualTo(410);
        } finally {
            tombstones.restore(io.github.gonefilter.tombstone.PathPattern.of("/api/articles/2"), true);
        }
    }
}
