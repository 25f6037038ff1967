package io.github.gonefilter.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Spring Security runs before the gone filter: a protected deleted resource answers 401 to strangers (Security's
 * answer, which reveals nothing) and 410 to signed-in users, marked private so no shared cache hands it on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityTests extends RunningExample {

    @Test
    void aDeletedProtectedResourceIs401ForStrangersAnd410ForUsers() throws Exception {
        HttpResponse<String> stranger = get("/api/drafts/5");
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(stranger.body()).doesNotContain("deleted");

        HttpResponse<String> user = send(as(OPERATOR, "/api/drafts/5").header("Accept", "application/json").GET());
        assertThat(user.statusCode()).isEqualTo(410);
        assertThat(user.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).startsWith("private"));
        assertThat(user.body()).contains("This draft was deleted.");
    }

    @Test
    void aLiveProtectedResourceIsTheApplicationsAnswer() throws Exception {
        assertThat(get("/api/drafts/1").statusCode()).isEqualTo(401);
        assertThat(send(as(OPERATOR, "/api/drafts/1").GET()).statusCode()).isEqualTo(200);
        assertThat(send(as("operator:wrong", "/api/drafts/5").GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void theEndpointIsForOperatorsOnly() throws Exception {
        assertThat(get("/actuator/tombstones").statusCode()).isEqualTo(401);
        assertThat(send(as(OPERATOR, "/actuator/tombstones").GET()).statusCode()).isEqualTo(200);
    }
}
