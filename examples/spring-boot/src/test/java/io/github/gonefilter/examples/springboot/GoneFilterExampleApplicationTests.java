package io.github.gonefilter.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The whole application on a real port, spoken to over HTTP, with gone-filter configured by properties alone:
 * live resources answer 200, unknown ones 404, deleted ones 410, and the delete flow of the API buries
 * tombstones that the filter then honours.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GoneFilterExampleApplicationTests extends RunningExample {

    @Autowired
    WritableTombstoneRegistry tombstones;

    @Autowired
    WebServerApplicationContext context;

    @Test
    void runsOnTomcatWithTheFilterFromPropertiesOnly() {
        assertThat(context.getWebServer().getClass().getName()).isEqualTo("org.springframework.boot.tomcat.TomcatWebServer");
        assertThat(tombstones).isInstanceOf(FileTombstoneRegistry.class);
        assertThat(((FileTombstoneRegistry) tombstones).location()).isEqualTo(dataDir.resolve("tombstones.json").toString());
    }

    @Test
    void liveArticleIs200() throws Exception {
        HttpResponse<String> response = get("/api/articles/1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"title\":\"Why 410 beats 404\"");
        // Shared caches, which the filter can purge, may keep it longer than browsers, which it cannot.
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=60, public, s-maxage=600");
    }

    @Test
    void unknownArticleIs404FromTheApplication() throws Exception {
        HttpResponse<String> response = get("/api/articles/999");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("reason");
    }

    @Test
    void articleDeletedInTheShippedFileIs410WithProblemDetails() throws Exception {
        HttpResponse<String> response = get("/api/articles/3");
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
        assertThat(response.headers().firstValue("Link")).hasValue("</api/articles>; rel=\"alternate\"");
        assertThat(response.body())
                .contains("\"status\":410")
                .contains("\"reason\":\"user_request\"")
                .contains("\"deletedAt\":\"2025-09-12T08:30:00Z\"")
                .contains("\"instance\":\"/api/articles/3\"");
    }

    @Test
    void otherSpellingsOfADeletedPathAre410Too() throws Exception {
        assertThat(get("/api/articles/3/").statusCode()).isEqualTo(410);
        // Spring Security's firewall, in front of the gone filter, refuses an empty segment itself: never the content.
        assertThat(get("/api//articles/3").statusCode()).isEqualTo(400);
        assertThat(get("/api/articles/%33").statusCode()).isEqualTo(410);
        assertThat(get("/api/articles/3?format=full").statusCode()).isEqualTo(410);
    }

    @Test
    void retiredApiVersionIs410WithSuccessorLinkAndLongCacheLifetime() throws Exception {
        HttpResponse<String> response = get("/api/v1/articles/1");
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("Link")).hasValue("</api>; rel=\"successor-version\"");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=" + 90 * 86400);
        assertThat(response.body())
                .contains("\"reason\":\"sunset\"")
                .contains("\"migrationGuide\":\"https://example.com/docs/api-v1-migration\"");
        assertThat(get("/api/v1").statusCode()).isEqualTo(410);
        assertThat(get("/api").statusCode()).isEqualTo(200);
    }

    @Test
    void legalTakedownIs451() throws Exception {
        HttpResponse<String> response = get("/api/articles/7");
        assertThat(response.statusCode()).isEqualTo(451);
        assertThat(response.body()).contains("\"title\":\"Unavailable For Legal Reasons\"");
    }

    /**
     * User 42 was erased ({@code not_found}); user 99 never existed. No method may tell them apart: GET and HEAD
     * get Spring's 404 for both, every other method what Spring MVC answers for that path (405 and its
     * {@code Allow}, the CORS filter's answer to OPTIONS).
     */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "PROPFIND", "FROBNICATE"})
    void erasedUserAnswersEveryMethodExactlyLikeAUserThatNeverExisted(String method) throws Exception {
        HttpResponse<String> erased = send(method, "/api/users/42");
        HttpResponse<String> never = send(method, "/api/users/99");
        assertThat(erased.statusCode()).as(method).isEqualTo(never.statusCode()).isNotEqualTo(410);
        assertThat(withoutVolatileParts(erased.body(), "42")).as(method).isEqualTo(withoutVolatileParts(never.body(), "99"));
        assertThat(withoutDate(erased)).as(method).isEqualTo(withoutDate(never));
        assertThat(erased.body()).doesNotContain("gdpr").doesNotContain("deletedAt");
    }

    @Test
    void erasedUserIsA404ForGet() throws Exception {
        assertThat(get("/api/users/42").statusCode()).isEqualTo(404);
        assertThat(get("/api/users/1").statusCode()).isEqualTo(200);
    }

    @Test
    void scheduledRemovalPassesThroughWithDeprecationAndSunset() throws Exception {
        HttpResponse<String> response = get("/api/users/export");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("id,name\n");
        assertThat(response.headers().firstValue("Sunset")).hasValue("Thu, 01 Jan 2099 00:00:00 GMT");
        assertThat(response.headers().firstValue("Deprecation")).isPresent();
        assertThat(response.headers().firstValue("Link")).hasValue("</api/users>; rel=\"alternate\"");
    }

    @Test
    void browsersGetAnHtmlPage() throws Exception {
        HttpResponse<String> response = send(request("/api/articles/3")
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET());
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("<h1>This page has been removed</h1>")
                .contains("This article was deleted by its author.")
                .contains("href=\"/api/articles\"");
    }

    @Test
    void corsRunsBeforeTheGoneFilter() throws Exception {
        HttpResponse<String> preflight = send(request("/api/articles/3")
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");

        HttpResponse<String> gone = send(request("/api/articles/3").header("Origin", "http://localhost:3000").GET());
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(gone.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("Link"));
    }

    @Test
    void deletingAnArticleMakesItGoneAndRestoringBringsItBack() throws Exception {
        HttpResponse<String> created = send(request("/api/articles")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Short-lived\",\"body\":\"Soon gone.\",\"author\":\"test\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(get(location).statusCode()).isEqualTo(200);

        assertThat(delete(location).statusCode()).isEqualTo(204);

        HttpResponse<String> gone = get(location);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(gone.body()).contains("\"deletedAt\":").contains("\"reason\":\"user_request\"");
        // A deleted id stays deleted for every method, so a second DELETE cannot reach the application.
        assertThat(delete(location).statusCode()).isEqualTo(410);
        // The tombstone was written to the file, not only kept in memory.
        assertThat(Files.readString(dataDir.resolve("tombstones.json"))).contains("\"" + location + "\"");

        HttpResponse<String> restored = send(request(location + "/restore").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(get(location).statusCode()).isEqualTo(200);
        assertThat(tombstones.find(ArticleController.path(id), java.time.Instant.now())).isEmpty();
    }

    @Test
    void deletingAnUnknownArticleIs404() throws Exception {
        assertThat(delete("/api/articles/998").statusCode()).isEqualTo(404);
    }

    @Nested
    class HotReload {

        @Test
        void aTombstoneAddedToTheFileByHandTakesEffect() throws Exception {
            assertThat(get("/api/articles/2").statusCode()).isEqualTo(200);
            Path file = dataDir.resolve("tombstones.json");
            String text = Files.readString(file);
            try {
                Files.writeString(file, text.replaceFirst("\\[", "[\n    {\"path\": \"/api/articles/2\", \"reason\": \"expired\"},"));
                ((FileTombstoneRegistry) tombstones).reload(); // what the reload thread does within 2 s
                assertThat(get("/api/articles/2").statusCode()).isEqualTo(410);
            } finally {
                Files.writeString(file, text);
                ((FileTombstoneRegistry) tombstones).reload();
            }
            assertThat(get("/api/articles/2").statusCode()).isEqualTo(200);
        }
    }

    /** Spring's error body carries a timestamp and the path; everything else must be identical. */
    private static String withoutVolatileParts(String body, String id) {
        Matcher timestamp = Pattern.compile("\"timestamp\":\"[^\"]*\"").matcher(body);
        return timestamp.replaceAll("\"timestamp\":\"-\"").replace("/api/users/" + id, "/api/users/ID");
    }

    private static Map<String, List<String>> withoutDate(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        return headers;
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        boolean body = List.of("POST", "PUT", "PATCH", "PROPFIND").contains(method);
        return send(request(path).header("Content-Type", "application/json").method(method,
                body ? HttpRequest.BodyPublishers.ofString("{\"name\":\"Eve\"}") : HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }
}
