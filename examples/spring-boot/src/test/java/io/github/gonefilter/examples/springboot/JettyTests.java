package io.github.gonefilter.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The same application on Jetty instead of Tomcat (the surefire execution 'jetty' leaves Tomcat's Spring Boot
 * module off the class path), under a context path, with the tombstones endpoint read-only as it is by default.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "server.servlet.context-path=/shop", "management.endpoint.tombstones.access=read-only"})
class JettyTests extends RunningExample {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void runsOnJetty() {
        assertThat(context.getWebServer().getClass().getName()).startsWith("org.springframework.boot.jetty.");
    }

    @Test
    void deletedResourcesAndOtherSpellingsAnswer410() throws Exception {
        assertThat(get("/shop/api/articles/1").statusCode()).isEqualTo(200);
        HttpResponse<String> gone = send(request("/shop/api/articles/3").header("Accept", "application/json").GET());
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Link")).hasValue("</shop/api/articles>; rel=\"alternate\"");
        assertThat(get("/shop/api/articles/%33").statusCode()).isEqualTo(410);
        assertThat(get("/shop/api/articles/3/").statusCode()).isEqualTo(410);
        assertThat(get("/shop/api/users/42").statusCode()).isEqualTo(404);
        assertThat(get("/shop/api/articles/7").statusCode()).isEqualTo(451);
    }

    @Test
    void aReadOnlyEndpointRefusesWrites() throws Exception {
        assertThat(send(as(OPERATOR, "/shop/actuator/tombstones").GET()).statusCode()).isEqualTo(200);
        HttpResponse<String> write = send(as(OPERATOR, "/shop/actuator/tombstones")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/api/articles/1\"}")));
        assertThat(write.statusCode()).isEqualTo(405);
        assertThat(send(as(OPERATOR, "/shop/actuator/tombstones/api/articles/3").DELETE()).statusCode()).isEqualTo(405);
        assertThat(get("/shop/api/articles/1").statusCode()).isEqualTo(200);
    }
}
