package io.github.gonefilter.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The tombstones endpoint, health and metrics over HTTP, behind Spring Security as the application ships them:
 * read, explain, bury and restore as an operator; refused writes; the tombstones health contributor; the
 * gone.filter.* meters and the uri tag of a 410 in http.server.requests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ActuatorTests extends RunningExample {

    @Test
    void theSummaryNamesTheFileAndCountsByVisibility() throws Exception {
        HttpResponse<String> summary = send(as(OPERATOR, "/actuator/tombstones?limit=2").GET());
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).contains("\"kind\":\"file\"").contains("\"state\":\"CURRENT\"")
                .contains("\"writable\":true").contains("\"legal\":1").contains("\"not_found\":1")
                .contains("\"limit\":2").contains("\"path\":\"/api/v1/**\"").doesNotContain("/api/users/export");
    }

    @Test
    void explainSaysWhichTombstoneAnswersAndWhy() throws Exception {
        HttpResponse<String> explained = send(as(OPERATOR, "/actuator/tombstones/api/v1/articles/1").GET());
        assertThat(explained.statusCode()).isEqualTo(200);
        assertThat(explained.body()).contains("\"pattern\":\"/api/v1/**\"").contains("\"kind\":\"glob\"")
                .contains("\"status\":410").contains("\"inForce\":true");

        HttpResponse<String> scheduled = send(as(OPERATOR, "/actuator/tombstones/api/users/export").GET());
        assertThat(scheduled.body()).contains("\"inForce\":false").contains("passes through");

        HttpResponse<String> live = send(as(OPERATOR, "/actuator/tombstones/api/articles/1").GET());
        assertThat(live.statusCode()).isEqualTo(404);
        assertThat(live.body()).contains("no tombstone answers /api/articles/1");
    }

    @Test
    void buryAndRestoreThroughTheEndpoint() throws Exception {
        assertThat(get("/api/articles/2").statusCode()).isEqualTo(200);
        HttpResponse<String> buried = send(as(OPERATOR, "/actuator/tombstones")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"path\": \"/api/articles/2\", \"reason\": \"expired\", \"maxAge\": 60, \"restorable\": true}")));
        assertThat(buried.statusCode()).as(buried.body()).isEqualTo(200);
        assertThat(buried.body()).contains("\"path\":\"/api/articles/2\"").contains("\"maxAge\":60");
        HttpResponse<String> gone = get("/api/articles/2");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");

        assertThat(send(as(OPERATOR, "/actuator/tombstones/api/articles/2").DELETE()).statusCode()).isEqualTo(200);
        assertThat(get("/api/articles/2").statusCode()).isEqualTo(200);
        assertThat(send(as(OPERATOR, "/actuator/tombstones/api/articles/2").DELETE()).statusCode())
                .as("nothing left to restore").isEqualTo(404);
    }

    @Test
    void aGlobAndARegexCanBeBuriedAndRestored() throws Exception {
        HttpResponse<String> glob = post("{\"path\": \"/api/old-things/**\", \"restorable\": true}");
        assertThat(glob.statusCode()).as(glob.body()).isEqualTo(200);
        assertThat(get("/api/old-things/a/b").statusCode()).isEqualTo(410);
        assertThat(send(as(OPERATOR, "/actuator/tombstones/api/old-things/**").DELETE()).statusCode()).isEqualTo(200);

        assertThat(post("{\"regex\": \"/api/tmp-[0-9]+\"}").statusCode()).isEqualTo(200);
        assertThat(get("/api/tmp-42").statusCode()).isEqualTo(410);
        String regex = URLEncoder.encode("/api/tmp-[0-9]+", StandardCharsets.UTF_8);
        assertThat(send(as(OPERATOR, "/actuator/tombstones?force=true&regex=" + regex).DELETE()).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/tmp-42").statusCode()).isEqualTo(404);
    }

    @Test
    void badInputIs400WithTheTombstoneFilesOwnMessage() throws Exception {
        HttpResponse<String> typo = post("{\"path\": \"/api/articles/9\", \"maxage\": 60}");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("unknown member 'maxage'");
        HttpResponse<String> invalid = post("{\"path\": \"/api/articles/9\", \"reason\": \"Not A Code\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("reason must be a short lower-case code");
        assertThat(get("/api/articles/9").statusCode()).isEqualTo(404);
    }

    @Test
    void refusedWrites() throws Exception {
        assertThat(send(request("/actuator/tombstones").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/api/articles/1\"}"))).statusCode())
                .as("no credentials").isEqualTo(401);
        HttpResponse<String> notRestorable = send(as(OPERATOR, "/actuator/tombstones/api/articles/3").DELETE());
        assertThat(notRestorable.statusCode()).isEqualTo(409);
        assertThat(notRestorable.body()).contains("is not restorable");
        assertThat(get("/api/articles/3").statusCode()).isEqualTo(410);
    }

    @Test
    void healthShowsTheRegistryToOperators() throws Exception {
        HttpResponse<String> anonymous = get("/actuator/health");
        assertThat(anonymous.statusCode()).as("a load balancer's view").isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("tombstones");

        HttpResponse<String> operator = send(as(OPERATOR, "/actuator/health/tombstones").GET());
        assertThat(operator.body()).contains("\"status\":\"UP\"").contains("\"state\":\"CURRENT\"")
                .contains("\"kind\":\"file\"").contains("\"tombstones\":").contains("\"lastLoaded\"");
    }

    @Test
    void metricsCountGoneResponsesAndNameThemInHttpServerRequests() throws Exception {
        assertThat(get("/api/articles/7").statusCode()).isEqualTo(451);
        assertThat(get("/api/v1/anything").statusCode()).isEqualTo(410);

        HttpResponse<String> legal = send(as(OPERATOR,
                "/actuator/metrics/gone.filter.responses?tag=status:451&tag=reason:dmca").GET());
        assertThat(legal.statusCode()).isEqualTo(200);
        assertThat(legal.body()).contains("\"statistic\":\"COUNT\"");
        assertThat(send(as(OPERATOR, "/actuator/metrics/gone.filter.tombstones").GET()).statusCode()).isEqualTo(200);
        assertThat(send(as(OPERATOR, "/actuator/metrics/gone.filter.registry.staleness").GET()).statusCode())
                .isEqualTo(200);

        HttpResponse<String> requests = send(as(OPERATOR, "/actuator/metrics/http.server.requests?tag=uri:GONE").GET());
        assertThat(requests.statusCode()).as("a 410 has uri=GONE, not UNKNOWN: %s", requests.body()).isEqualTo(200);
        assertThat(requests.body()).contains("\"410\"");
        assertThat(send(as(OPERATOR,
                "/actuator/metrics/http.server.requests?tag=uri:UNAVAILABLE_FOR_LEGAL_REASONS").GET()).statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> post(String json) throws Exception {
        return send(as(OPERATOR, "/actuator/tombstones").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
