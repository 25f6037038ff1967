package io.github.gonefilter.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The 404 monitor and its endpoint gonemonitor over HTTP, behind Spring Security as the application ships them:
 * Spring MVC's 404s (a controller's ResponseStatusException, an unmapped path) are counted, live pages and the
 * filter's own 410s are not; an operator lists, promotes and dismisses; writes without credentials are refused.
 * The context is shared with the other test classes, so each test uses paths of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MonitorTests extends RunningExample {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void applicationNotFoundAnswersAreListedMostRequestedFirst() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(request("/api/articles/9001").header("Referer", "https://news.example/story?id=7").GET())
                    .statusCode()).isEqualTo(404);
        }
        assertThat(get("/monitor-test/no-such-page?session=secret").statusCode()).isEqualTo(404);
        assertThat(get("/api/articles/1").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/monitor-test").statusCode()).isEqualTo(410);

        JsonNode report = list();
        JsonNode article = entry(report, "/api/articles/9001");
        assertThat(article.get("count").asLong()).isEqualTo(3);
        assertThat(article.get("error").asLong()).isZero();
        assertThat(article.get("firstSeen").asText()).isNotEmpty();
        assertThat(article.get("lastSeen").asText()).isNotEmpty();
        assertThat(article.get("referrers").toString()).isEqualTo("[{\"host\":\"news.example\",\"count\":3}]");
        assertThat(entry(report, "/monitor-test/no-such-page").has("query")).isFalse();
        assertThat(report.toString()).doesNotContain("secret").doesNotContain("/api/articles/1\"")
                .doesNotContain("/api/v1/monitor-test");
        long previous = Long.MAX_VALUE;
        for (JsonNode e : report.get("top")) {
            assertThat(e.get("count").asLong()).isLessThanOrEqualTo(previous);
            previous = e.get("count").asLong();
        }
    }

    @Test
    void promotingAnEntryBuriesItAndTakesItOffTheList() throws Exception {
        assertThat(get("/api/articles/9002").statusCode()).isEqualTo(404);
        HttpResponse<String> promoted = send(as(OPERATOR, "/actuator/gonemonitor")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/api/articles/9002\", \"reason\": \"expired\","
                        + " \"message\": \"This article was withdrawn.\", \"restorable\": true}")));

        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.body()).contains("\"dismissed\":[\"/api/articles/9002\"]");
        assertThat(get("/api/articles/9002").statusCode()).isEqualTo(410);
        assertThat(list().toString()).doesNotContain("/api/articles/9002");
        assertThat(send(as(OPERATOR, "/actuator/tombstones/api/articles/9002").DELETE().header("Accept", "*/*"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void dismissingAnEntry() throws Exception {
        assertThat(get("/monitor-test/dismiss-me").statusCode()).isEqualTo(404);
        assertThat(send(as(OPERATOR, "/actuator/gonemonitor/monitor-test/dismiss-me").DELETE()).statusCode())
                .isEqualTo(200);
        assertThat(list().toString()).doesNotContain("/monitor-test/dismiss-me");
        HttpResponse<String> again = send(as(OPERATOR, "/actuator/gonemonitor/monitor-test/dismiss-me").DELETE());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("the monitor lists no /monitor-test/dismiss-me");
    }

    @Test
    void refusedWrites() throws Exception {
        assertThat(get("/monitor-test/refused").statusCode()).isEqualTo(404);
        HttpResponse<String> anonymous = send(request("/actuator/gonemonitor").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/monitor-test/refused\"}")));
        assertThat(anonymous.statusCode()).as("no credentials").isEqualTo(401);
        assertThat(get("/actuator/gonemonitor").statusCode()).as("not even a read").isEqualTo(401);

        HttpResponse<String> typo = send(as(OPERATOR, "/actuator/gonemonitor").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/monitor-test/refused\", \"maxage\": 60}")));
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("unknown member 'maxage'");
        HttpResponse<String> both = send(as(OPERATOR, "/actuator/gonemonitor").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/a\", \"glob\": \"/a/*\"}")));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(get("/monitor-test/refused").statusCode()).as("nothing was buried").isEqualTo(404);
        assertThat(entry(list(), "/monitor-test/refused").get("count").asLong()).isEqualTo(2);
    }

    private JsonNode list() throws Exception {
        HttpResponse<String> r = send(as(OPERATOR, "/actuator/gonemonitor?limit=1000").GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode entry(JsonNode report, String path) {
        for (JsonNode e : report.get("top")) {
            if (e.get("path").asText().equals(path)) {
                return e;
            }
        }
        throw new AssertionError(path + " is not listed in " + report);
    }
}
