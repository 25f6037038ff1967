package io.github.gonefilter.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The application under a context path, as {@code server.servlet.context-path=/shop} deploys it: tombstone
 * paths and path alternatives are both relative to the application, so a path alternative is rendered under
 * {@code /shop} in {@code Link}, the JSON body and the HTML page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.servlet.context-path=/shop")
class ContextPathTests extends RunningExample {

    @Test
    void pathAlternativesCarryTheContextPath() throws Exception {
        HttpResponse<String> response = get("/shop/api/articles/3", "application/json");
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("Link")).hasValue("</shop/api/articles>; rel=\"alternate\"");
        assertThat(response.body())
                .contains("\"alternative\":\"/shop/api/articles\"")
                .contains("\"instance\":\"/shop/api/articles/3\"");

        assertThat(get("/shop/api/v1/articles/1", "application/json").headers().firstValue("Link"))
                .hasValue("</shop/api>; rel=\"successor-version\"");
        assertThat(get("/shop/api/articles/3", "text/html").body()).contains("href=\"/shop/api/articles\"");
        assertThat(get("/shop/api", "application/json").statusCode()).as("where the Link leads").isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return send(request(path).header("Accept", accept).GET());
    }
}
