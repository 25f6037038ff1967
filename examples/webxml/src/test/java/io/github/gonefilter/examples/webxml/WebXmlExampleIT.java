package io.github.gonefilter.examples.webxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deploys the WAR that {@code mvn package} built to embedded Tomcat 11 and checks it over HTTP: the filter
 * comes from {@code WEB-INF/lib} and is configured only by {@code WEB-INF/web.xml}.
 */
class WebXmlExampleIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path baseDir;

    private static Tomcat tomcat;
    private static String base;

    @BeforeAll
    static void deploy() throws Exception {
        String war = System.getProperty("example.war", "target/gone-filter-example-webxml.war");
        tomcat = TomcatLauncher.start(Path.of(war), 0, baseDir);
        base = "http://localhost:" + tomcat.getConnector().getLocalPort();
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void liveProductIs200FromTheServlet() throws Exception {
        HttpResponse<String> response = get("/products/1");
        assertEquals(200, response.statusCode());
        assertEquals("{\"id\":1,\"name\":\"Teapot\"}", response.body());
    }

    @Test
    void unknownProductIsTheContainers404() throws Exception {
        HttpResponse<String> response = get("/products/999");
        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Link").isEmpty());
    }

    @Test
    void discontinuedProductIs410WithItsSuccessorAndAYearOfCaching() throws Exception {
        HttpResponse<String> response = get("/products/4");
        assertEquals(410, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=" + 365 * 86400, response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("</products/5>; rel=\"alternate\"", response.headers().firstValue("Link").orElseThrow());
        assertTrue(response.body().contains("\"detail\":\"The Model 4 kettle was discontinued, see its successor.\""),
                response.body());
        assertTrue(response.body().contains("\"deletedAt\":\"2025-01-15T00:00:00Z\""), response.body());
    }

    @Test
    void everyPathUnderAGlobIs410() throws Exception {
        assertEquals(410, get("/catalog-2023").statusCode());
        assertEquals(410, get("/catalog-2023/kettles/blue").statusCode());
        assertEquals(404, get("/catalog-2023x").statusCode());
    }

    @Test
    void regexTombstoneMatchesAndCarriesItsOwnMaxAge() throws Exception {
        HttpResponse<String> response = get("/promo/2020/spring-sale");
        assertEquals(410, response.statusCode());
        assertEquals("public, max-age=" + 30 * 86400, response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(404, get("/promo/2024/spring-sale").statusCode());
    }

    @Test
    void legalTakedownIs451() throws Exception {
        assertEquals(451, get("/products/9").statusCode());
    }

    /**
     * Product 8 was erased ({@code not_found}); product 7 never existed. The servlet implements only
     * {@code doGet}, so other methods get its 405 or 501: no method may tell the two apart.
     */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "PROPFIND", "FROBNICATE"})
    void anErasedProductAnswersEveryMethodLikeOneThatNeverExisted(String method) throws Exception {
        HttpResponse<String> erased = send(request(method, "/products/8"));
        HttpResponse<String> never = send(request(method, "/products/7"));
        assertEquals(never.statusCode(), erased.statusCode(), method);
        assertEquals(withoutDate(never), withoutDate(erased), method);
        assertEquals(never.body().replace("/products/7", "/products/ID"), erased.body().replace("/products/8", "/products/ID"),
                method);
        assertNotEquals(410, erased.statusCode(), method);
    }

    private static HttpRequest.Builder request(String method, String path) {
        boolean body = List.of("POST", "PUT", "PATCH", "PROPFIND").contains(method);
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body ? HttpRequest.BodyPublishers.ofString("{\"name\":\"Eve\"}")
                        : HttpRequest.BodyPublishers.noBody());
    }

    private static Map<String, List<String>> withoutDate(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        return headers;
    }

    @Test
    void headGetsTheSameStatusAndLengthWithoutABody() throws Exception {
        HttpResponse<String> get = get("/products/4");
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(base + "/products/4"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(410, head.statusCode());
        assertEquals(get.headers().firstValue("Content-Length"), head.headers().firstValue("Content-Length"));
        assertEquals("", head.body());
    }

    @Test
    void optionsPassesThroughSoPreflightsStillWork() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/products/4"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Allow").isPresent());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
