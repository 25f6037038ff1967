package io.github.gonefilter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.it.RawHttp.Response;
import io.github.gonefilter.it.RecordingServlet.Hit;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.support.LogCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Everything issue 2 promises about responses and matching, proven over real HTTP in a real servlet
 * container. The filter is registered only through the {@code WEB-INF/web.xml} of the test web applications
 * under {@code src/test/resources/it/}, in front of {@link RecordingServlet}, which answers 200 for every path
 * and records what reached it. Requests are written byte for byte by {@link RawHttp}.
 *
 * <p>A container takes part by implementing {@link #start}: deploy the given web applications from their
 * directories on an ephemeral port of 127.0.0.1. Four applications run for the whole class:
 * <ul>
 * <li>{@code ""} ({@code it/main}): the defaults, plus {@code maxAge.sunset} and a listener;</li>
 * <li>{@code /simple}: every response option changed (simple JSON, no HTML, methods, dispatcher types);</li>
 * <li>{@code /ci}: case-insensitive matching, the app mapped to {@code /*};</li>
 * <li>{@code /reload}: a tombstone file the tests rewrite;</li>
 * <li>{@code /shop}: the defaults under a context path, before a servlet that implements only {@code doGet};</li>
 * <li>{@code /pages}: the application's own HTML page ({@code htmlErrorPage}), a static file;</li>
 * <li>{@code /monitor}: the 404 monitor on, before applications that answer 404 in several ways.</li>
 * <li>{@code /fallback}: the tombstones of {@code ""} and a few more in fallback mode, behind
 *     {@link FrontHeadersFilter} and before {@link FallbackAppServlet}, which answers 404 for most paths;</li>
 * <li>{@code /fallbackpages}: fallback mode with the application's own page ({@code htmlErrorPage}), before
 *     {@link FallbackAppServlet};</li>
 * <li>{@code /unavailable}: a fail-closed registry that can never reach its store, before {@link RecordingServlet}.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GoneFilterContainerContract {

    /** A web application to deploy: its context path ({@code ""} for the root) and its directory. */
    record WebApp(String contextPath, Path directory) {
    }

    /** A started container. */
    interface Running extends AutoCloseable {
        /** The port the container listens on, on 127.0.0.1. */
        int port();

        /** The cause the container recorded for the web application at {@code contextPath} not starting. */
        Optional<Throwable> startupFailure(String contextPath);
    }

    /** Deploys {@code apps} and starts listening on an ephemeral port; {@code workDir} is scratch space. */
    protected abstract Running start(List<WebApp> apps, Path workDir) throws Exception;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private Path work;
    private Running server;
    private int port;
    private Path reloadFile;

    @BeforeAll
    void startServer(@TempDir Path work) throws Exception {
        this.work = work;
        Path apps = work.resolve("apps");
        Path reloadApp = TestWebApps.copy("reload", apps);
        reloadFile = reloadApp.resolve("WEB-INF/tombstones.json");
        server = start(List.of(
                new WebApp("", TestWebApps.copy("main", apps)),
                new WebApp("/simple", TestWebApps.copy("simple", apps)),
                new WebApp("/ci", TestWebApps.copy("ci", apps)),
                new WebApp("/reload", reloadApp),
                new WebApp("/shop", TestWebApps.copy("shop", apps)),
                new WebApp("/pages", TestWebApps.copy("pages", apps)),
                new WebApp("/monitor", TestWebApps.copy("monitor", apps)),
                new WebApp("/fallback", TestWebApps.copy("fallback", apps)),
                new WebApp("/fallbackpages", TestWebApps.copy("fallbackpages", apps)),
                new WebApp("/unavailable", TestWebApps.copy("unavailable", apps))), work.resolve("server"));
        port = server.port();
        for (String context : List.of("", "/simple", "/ci", "/reload", "/shop", "/pages", "/monitor", "/fallback",
                "/fallbackpages", "/unavailable")) {
            assertThat(server.startupFailure(context)).as("web application '%s' started", context).isEmpty();
        }
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void clearRecords() {
        RecordingServlet.clear();
        RecordingListener.clear();
        FallbackAppServlet.clear();
    }

    /**
     * Fallback mode: {@code /fallback} has the main application's tombstones, so each answer the application's 404
     * turns into can be compared with the short-circuit answer of {@code ""} for the same path.
     */
    @Nested
    class FallbackMode {

        @ParameterizedTest(name = "{0} {1} {2}")
        @CsvSource(delimiter = '|', value = {
            "GET  | /secret/doc      | application/json",
            "GET  | /legacy/x/y      | application/json",
            "GET  | /articles/42     | application/json",
            "GET  | /articles/42     | " + BROWSER_ACCEPT,
            "HEAD | /articles/42     | application/json",
            "HEAD | /articles/42     | " + BROWSER_ACCEPT,
            "GET  | /xss             | " + BROWSER_ACCEPT,
            "GET  | /api/v1/users    | application/json",
            "GET  | /takedown/song   | application/json",
            "GET  | /users/7         | application/json",
            "GET  | /restorable/item | application/json",
            "GET  | /private/alice   | application/json",
            "HEAD | /private/alice   | application/json",
            "POST | /secret/doc      | application/json",
            "DELETE | /users/7       | application/json",
            "PROPFIND | /secret/doc  | application/json",
            "GET  | /legacy/special  | application/json",
            "GET  | /downloads/old.zip | application/json",
            "GET  | /reports/q1.pdf  | application/json",
            "GET  | /blog/caf%C3%A9  | application/json",
            "GET  | /blog/x/../caf%C3%A9/ | application/json",
            "GET  | /old-reports/2020 | application/json",
            "GET  | /restorable/own  | " + BROWSER_ACCEPT,
            "GET  | /takedown/song   | " + BROWSER_ACCEPT,
            "HEAD | /takedown/song   | application/json",
        })
        void theApplicationsNotFoundBecomesTheShortCircuitAnswer(String method, String path, String accept)
                throws IOException {
            Response shortCircuit = RawHttp.request(port, method, path).header("Accept", accept).send();
            assertThat(appHits()).as("short-circuit: the application never sees it").isEmpty();
            Response fallback = RawHttp.request(port, method, "/fallback" + path).header("Accept", accept).send();

            assertThat(FallbackAppServlet.hits()).as("fallback: the application answers first").hasSize(1);
            assertSameAnswer(fallback, shortCircuit);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "If-None-Match     | *",
            "If-Modified-Since | Fri, 01 Jan 2999 00:00:00 GMT",
            "Range             | bytes=0-1",
            "Range             | bytes=-5",
        })
        void conditionalAndRangeHeadersNeverTurnThe410IntoSomethingElse(String name, String value) throws IOException {
            Response plain = get("/fallback/secret/doc");
            Response r = get("/fallback/secret/doc", name, value);

            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(r.header("Content-Range")).isNull();
            assertThat(r.body()).isEqualTo(plain.body());
        }

        @Test
        void anOwn404BodyIsDiscardedAndHeadersAreTheTombstones() throws IOException {
            Response r = get("/fallback/status404/page", "Accept", "application/json");

            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(r.text()).doesNotContain("own 404 body");
            assertThat(json(r).get("detail").asText()).isEqualTo("The application's 404 body never shows.");
            assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
            assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=86400");
            // A listener of an earlier test's request may still be running: look at this path's events only.
            awaitEvents(() -> eventsFor(RecordingListener.events(), "/status404/page"), 1);
            assertThat(eventsFor(RecordingListener.events(), "/status404/page")).extracting(GoneEvent::status)
                    .containsExactly(410);
        }

        @Test
        void liveContentAtATombstonedPathPassesThroughAndIsReportedOncePerPath() throws IOException {
            try (LogCapture log = LogCapture.quietly(io.github.gonefilter.GoneFilter.class)) {
                for (int i = 0; i < 3; i++) {
                    Response r = get("/fallback/live/republished");
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                    assertThat(r.text()).isEqualTo("app saw /live/republished");
                    assertThat(r.header("Cache-Control")).isNull();
                }
                // Heard after the application's answer, which may reach the client first.
                awaitEvents(() -> eventsFor(RecordingListener.liveContent(), "/live/republished"), 3);
                assertThat(log.messages(java.util.logging.Level.WARNING)).containsExactly(
                        "path /live/republished is tombstoned but the application served 200; narrow or restore the"
                                + " tombstone /live/**");
            }
            assertThat(eventsFor(RecordingListener.events(), "/live/republished")).isEmpty();
            assertThat(eventsFor(RecordingListener.liveContent(), "/live/republished")).hasSize(3).allSatisfy(e -> {
                assertThat(e.status()).isEqualTo(200);
                assertThat(e.path()).isEqualTo("/live/republished");
                assertThat(e.tombstone().pattern().source()).isEqualTo("/live/**");
            });
        }

        @Test
        void aTombstoneThatNamesShortCircuitStillAnswersFirst() throws IOException {
            Response r = get("/fallback/live/guarded", "Accept", "application/json");

            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(json(r).get("detail").asText()).isEqualTo("Guarded: the application never sees it.");
            assertThat(FallbackAppServlet.hits()).isEmpty();
        }

        @Test
        void aStreamingAnswerIsNotBuffered() throws Exception {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET /fallback/stream/page HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                java.io.InputStream in = socket.getInputStream();
                StringBuilder seen = new StringBuilder();
                byte[] buffer = new byte[1024];
                // The application waits for release() before its last part: the first must arrive without it.
                while (!seen.toString().contains(FallbackAppServlet.FIRST_PART)) {
                    int n = in.read(buffer);
                    assertThat(n).as("the connection ended before the first part; got %s", seen).isPositive();
                    seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
                assertThat(seen.toString()).startsWith("HTTP/1.1 200").doesNotContain("rest");
                FallbackAppServlet.release();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
                assertThat(seen.toString()).contains("rest").doesNotContain("timed out");
            }
        }

        @Test
        void aNotFoundSetOnAnotherThreadAfterTheFilterReturnedBecomesThe410() throws IOException {
            Response r = get("/fallback/async/late", "Accept", "application/json");

            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(json(r).get("detail").asText()).isEqualTo("Removed, said late.");
            assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
        }

        @Test
        void liveContentAnsweredAsynchronouslyPassesThroughAndIsReported() throws IOException {
            Response r = get("/fallback/async/live");

            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("app saw /async/live later");
            // Reported when the async request completes, maybe after the client has the answer.
            awaitEvents(() -> eventsFor(RecordingListener.liveContent(), "/async/live"), 1);
            assertThat(eventsFor(RecordingListener.liveContent(), "/async/live")).extracting(GoneEvent::status)
                    .containsExactly(200);
        }

        /** The short-circuit answer's {@code Cache-Control}, its lifetime at most restorableMaxAge (one day). */
        private static String yielding(String cacheControl) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("max-age=(\\d+)").matcher(
                    cacheControl == null ? "" : cacheControl);
            if (!m.find()) {
                return cacheControl;
            }
            return m.replaceFirst("max-age=" + Math.min(Long.parseLong(m.group(1)), 86400));
        }

        @Test
        void aTombstoneThatMayComeBackIsCachedOnlyAsLongAsARestorableOne() throws IOException {
            assertThat(get("/legacy/x/y").header("Cache-Control")).isEqualTo("public, max-age=31536000");
            assertThat(get("/fallback/legacy/x/y").header("Cache-Control")).isEqualTo("public, max-age=86400");
            assertThat(get("/fallback/articles/42").header("Cache-Control")).as("its own maxAge")
                    .isEqualTo("public, max-age=600");
        }

        @Test
        void theHeadersOfFiltersInFrontStayOnEveryAnswer() throws IOException {
            for (String path : List.of("/secret/doc", "/status404/page", "/async/late", "/cookie404/x",
                    "/throw404/x")) {
                Response r = get("/fallback" + path, "Accept", "application/json");
                assertThat(r.status()).as(r.toString()).isEqualTo(410);
                assertThat(r.header("Access-Control-Allow-Origin")).as(path).isEqualTo("*");
                assertThat(r.header("Strict-Transport-Security")).as(path).isEqualTo("max-age=31536000");
                assertThat(r.headerValues("X-Request-Id")).as(path).containsExactly(FrontHeadersFilter.REQUEST_ID);
            }
        }

        @Test
        void theApplicationsCookiesAndSessionNeverReachTheAnswer() throws IOException {
            Response r = get("/fallback/cookie404/x", "Accept", "application/json");

            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(r.headerValues("Set-Cookie")).as(r.toString()).isEmpty();
            assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=86400");
            assertThat(json(r).get("detail").asText()).isEqualTo("Its cookies never show.");
        }

        @Test
        void aRedirectPassesUntouchedAndIsNotLiveContent() throws IOException {
            try (LogCapture log = LogCapture.quietly(io.github.gonefilter.GoneFilter.class)) {
                for (int i = 0; i < 2; i++) {
                    Response r = get("/fallback/redirect/page");
                    assertThat(r.status()).as(r.toString()).isEqualTo(302);
                    assertThat(r.header("Location")).endsWith("/fallback/login");
                }
                pause(); // a report would follow the answer
                assertThat(log.messages(java.util.logging.Level.WARNING)).isEmpty();
            }
            assertThat(eventsFor(RecordingListener.liveContent(), "/redirect/page")).isEmpty();
        }

        @Test
        void anErasureUnderAScheduledGlobIsAnnouncedLikeANeverExistingPath() throws IOException {
            for (String method : List.of("GET", "HEAD")) {
                Response erased = RawHttp.request(port, method, "/fallback/sched/erased").send();
                Response never = RawHttp.request(port, method, "/fallback/sched/never").send();

                assertThat(erased.status()).as(erased.toString()).isEqualTo(404);
                assertThat(never.status()).as(never.toString()).isEqualTo(404);
                assertThat(never.header("Sunset")).isNotNull();
                for (String name : List.of("Deprecation", "Sunset", "Link", "Cache-Control", "Content-Type")) {
                    assertThat(erased.headerValues(name)).as(method + " " + name).isEqualTo(never.headerValues(name));
                }
                // Jetty's error page names the request URI.
                assertThat(erased.text().replace("/sched/erased", "/sched/never")).isEqualTo(never.text());
            }
        }

        @Test
        void legalBlocksAndErasuresWithoutAModeOfTheirOwnStillAnswerFirst() throws IOException {
            assertThat(get("/fallback/inherit/legal").status()).isEqualTo(451);
            assertThat(get("/fallback/inherit/erased").status()).isEqualTo(404);
            assertThat(FallbackAppServlet.hits()).as("the application never sees them").isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"/fallbackpages/fwd404/x", "/fallbackpages/throw404/x", "/fallback/throw404/x"})
        void whatTheApplicationDoesAfterItsNotFoundNeverTurnsThe410IntoA500(String path) throws IOException {
            Response r = get(path, "Accept", BROWSER_ACCEPT);

            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(r.text()).contains(path.startsWith("/fallbackpages") ? FallbackAppServlet.PAGE : "Removed;");
            assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=86400");
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        }

        private static List<GoneEvent> eventsFor(List<GoneEvent> events, String path) {
            return events.stream().filter(e -> e.path().equals(path)).toList();
        }

        /** Listeners hear of an answer once it is written, and the client may read it before they do. */
        private void awaitEvents(java.util.function.Supplier<List<GoneEvent>> events, int count) {
            long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
            while (events.get().size() < count && System.nanoTime() < deadline) {
                pause();
            }
        }

        /** Status, the headers that carry the answer, and the body; the context path aside. */
        private void assertSameAnswer(Response fallback, Response shortCircuit) {
            assertThat(fallback.status()).as(fallback.toString()).isEqualTo(shortCircuit.status());
            for (String name : List.of("Content-Type", "Link", "Vary", "X-Content-Type-Options")) {
                assertThat(fallback.headerValues(name).stream().map(v -> v.replace("/fallback", "")).toList()).as(name)
                        .isEqualTo(shortCircuit.headerValues(name));
            }
            assertThat(fallback.header("Cache-Control")).as("Cache-Control: a path that may come back is cached as"
                    + " briefly as a restorable one").isEqualTo(yielding(shortCircuit.header("Cache-Control")));
            assertThat(fallback.header("X-Request-Id")).as("a filter in front").isEqualTo(FrontHeadersFilter.REQUEST_ID);
            assertThat(fallback.text().replace("/fallback", "")).isEqualTo(shortCircuit.text());
            if (fallback.header("Content-Length") != null && !fallback.rawBody().equals(fallback.body())) {
                assertThat(fallback.header("Content-Length")).isEqualTo(Integer.toString(fallback.body().length));
            }
        }
    }

    @Nested
    class TheResponse {

        @ParameterizedTest
        // WebDAV, unknown and lower-case methods too: a servlet that overrides service() would serve them.
        @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "PROPFIND", "MKCOL", "FOO", "get"})
        void everyMethodThatCouldTouchTheResourceGets410(String method) throws IOException {
            RawHttp request = RawHttp.request(port, method, "/secret/doc");
            if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE")) {
                request.header("Content-Type", "application/json").body("{\"reuse\":\"this id\"}");
            }
            Response r = request.send();

            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertAppNotReached();
        }

        @Test
        void optionsPassesThroughSoCorsPreflightsWork() throws IOException {
            Response r = RawHttp.request(port, "OPTIONS", "/secret/doc")
                    .header("Origin", "https://example.com")
                    .header("Access-Control-Request-Method", "DELETE").send();

            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(appHits()).extracting(Hit::method, Hit::path).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("OPTIONS", "/secret/doc"));
        }

        @Test
        void methodsAreConfigurable() throws IOException {
            // /simple sets methods = GET, HEAD, OPTIONS
            assertThat(RawHttp.request(port, "OPTIONS", "/simple/secret/doc").send().status()).isEqualTo(410);
            Response post = RawHttp.request(port, "POST", "/simple/secret/doc").body("x").send();
            assertThat(post.status()).isEqualTo(200);
            assertThat(appHits()).extracting(Hit::method).containsExactly("POST");
        }

        @Test
        void problemDetailsCarryEveryPublicMemberInUtf8WithTheRightLength() throws IOException {
            Response r = get("/articles/42", "Accept", "application/json");

            assertThat(r.status()).isEqualTo(410);
            assertThat(r.header("Content-Type")).isEqualToIgnoringCase("application/problem+json");
            assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
            assertThat(r.header("Transfer-Encoding")).isNull();
            String text = strictUtf8(r.body());
            assertThat(text.length()).as("non-ASCII message, so bytes and chars differ").isLessThan(r.body().length);
            JsonNode body = JSON.readTree(text);
            assertThat(fieldNames(body)).containsExactly("type", "title", "status", "detail", "instance",
                    "deletedAt", "reason", "alternative", "migrationGuide", "ticket", "tags");
            assertThat(body.get("type").asText()).isEqualTo("about:blank");
            assertThat(body.get("title").asText()).isEqualTo("Gone");
            assertThat(body.get("status").asInt()).isEqualTo(410);
            assertThat(body.get("detail").asText()).isEqualTo("Entfernt – « café » \"quoted\" \\ ☕");
            assertThat(body.get("instance").asText()).isEqualTo("/articles/42");
            assertThat(body.get("deletedAt").asText()).isEqualTo("2024-01-15T10:00:00Z");
            assertThat(body.get("reason").asText()).isEqualTo("policy_violation");
            assertThat(body.get("alternative").asText()).isEqualTo("https://example.com/articles/43");
            assertThat(body.get("migrationGuide").asText()).isEqualTo("https://example.com/guide");
            assertThat(body.get("ticket").asInt()).isEqualTo(4711);
            assertThat(body.get("tags")).hasSize(2);
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }

        @Test
        void instanceIsTheCanonicalPathWithContextPathPercentEncoded() throws IOException {
            Response r = get("/blog/x/../caf%C3%A9/");
            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(json(r).get("instance").asText()).isEqualTo("/blog/caf%C3%A9");
            assertThat(json(r).get("detail").asText()).isEqualTo("Le café est fermé.");

            Response ci = get("/ci/SECRET/./Doc/");
            assertThat(json(ci).get("instance").asText()).isEqualTo("/ci/SECRET/Doc");
        }

        @Test
        void simpleFormatIsPlainJsonWithoutNegotiation() throws IOException {
            Response r = get("/simple/secret/doc", "Accept", BROWSER_ACCEPT);

            assertThat(r.status()).isEqualTo(410);
            assertThat(r.header("Content-Type")).isEqualToIgnoringCase("application/json");
            assertThat(r.header("Vary")).as("html=false: nothing is negotiated").isNull();
            assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
            assertThat(r.text()).isEqualTo("{\"error\":\"Gone\",\"message\":\"The secret document was deleted.\","
                    + "\"deletedAt\":\"2024-01-15T10:00:00Z\",\"reason\":\"user_request\",\"ticket\":4711}");
        }

        @Test
        void browsersGetAnEscapedHtmlPage() throws IOException {
            Response r = get("/xss", "Accept", BROWSER_ACCEPT);

            assertThat(r.status()).isEqualTo(410);
            assertThat(r.header("Content-Type")).isEqualToIgnoringCase("text/html;charset=UTF-8");
            assertThat(r.headerValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept"));
            assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
            String html = strictUtf8(r.body());
            assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;");
            assertThat(html).contains("href=\"/new?a=1&amp;b=2\"");
            assertThat(html).doesNotContain("<script>");
        }

        @Test
        void apiClientsGetJsonAndTheResponseStillVariesOnAccept() throws IOException {
            Response r = get("/xss", "Accept", "application/json");

            assertThat(r.header("Content-Type")).isEqualToIgnoringCase("application/problem+json");
            assertThat(r.headerValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept"));
            assertThat(json(r).get("detail").asText()).isEqualTo("<script>alert('x')</script> & \"more\"");
        }

        @Test
        void headHasTheHeadersOfGetAndNoBody() throws IOException {
            for (String accept : List.of("application/json", BROWSER_ACCEPT)) {
                Response get = get("/articles/42", "Accept", accept);
                Response head = RawHttp.request(port, "HEAD", "/articles/42").header("Accept", accept).send();

                assertThat(head.status()).isEqualTo(410);
                assertThat(withoutDate(head.headers())).isEqualTo(withoutDate(get.headers()));
                assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(get.body().length));
                assertThat(head.rawBody()).as("HEAD body").isEmpty();
            }
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "If-None-Match     | *",
            "If-None-Match     | \"anything\"",
            "If-Modified-Since | Fri, 01 Jan 2999 00:00:00 GMT",
            "If-Unmodified-Since | Thu, 01 Jan 1970 00:00:00 GMT",
            "Range             | bytes=0-1",
            "Range             | bytes=-5",
        })
        void conditionalAndRangeHeadersNeverTurnA410IntoSomethingElse(String name, String value) throws IOException {
            Response plain = get("/secret/doc");
            Response r = get("/secret/doc", name, value);

            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(r.header("Content-Range")).isNull();
            assertThat(r.body()).isEqualTo(plain.body());
            assertAppNotReached();
        }

        @ParameterizedTest(name = "{0} -> max-age={1}")
        @CsvSource({
            "/articles/42,         600",       // the tombstone's own maxAge
            "/secret/doc,          86400",     // reason user_request has no default: the global one day
            "/legacy/page,         31536000",  // built-in default for reason discontinued
            "/old-reports/q1,      2592000",   // built-in default for reason expired
            "/api/v1/users,        604800",    // init-param maxAge.sunset = P7D replaces the built-in 30 days
            "/simple/secret/doc,   120",       // init-param defaultMaxAge = 120
            "/restorable/item,     86400",     // restorable, reason discontinued: restorableMaxAge, not a year
            "/restorable/own,      600",       // restorable with its own maxAge
            "/simple/restorable/item, 600",    // init-param restorableMaxAge = PT10M
        })
        void cacheControlComesFromTombstoneReasonOrDefault(String path, long maxAge) throws IOException {
            Response r = get(path);
            assertThat(r.status()).isEqualTo(410);
            assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=" + maxAge);
        }

        @Test
        void cacheLifetimeNeverOutlivesGoneUntil() throws IOException {
            // maxAge one year, goneUntil one hour after the web application was copied
            Response r = get("/capped");
            assertThat(r.status()).isEqualTo(410);
            String cc = r.header("Cache-Control");
            assertThat(cc).startsWith("public, max-age=");
            long maxAge = Long.parseLong(cc.substring("public, max-age=".length()));
            assertThat(maxAge).isBetween(3000L, 3600L);
        }

        @Test
        void linkPointsToTheAlternative() throws IOException {
            assertThat(get("/articles/42").headerValues("Link"))
                    .containsExactly("<https://example.com/articles/43>; rel=\"alternate\"");
            assertThat(get("/api/v1/users").headerValues("Link"))
                    .containsExactly("<https://example.com/api/v2>; rel=\"successor-version\"");
            assertThat(get("/secret/doc").headerValues("Link")).isEmpty();
        }

        @Test
        void scheduledTombstonePassesThroughWithDeprecationAndSunset() throws IOException {
            Response r = get("/scheduled");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("app saw /scheduled");
            assertThat(r.header("Deprecation")).isEqualTo("@1717200000"); // deletedAt 2024-06-01
            assertThat(r.header("Sunset")).isEqualTo("Tue, 01 Jan 2999 00:00:00 GMT");
            assertThat(r.headerValues("Link")).containsExactly("<https://example.com/next>; rel=\"alternate\"");
            assertThat(appHits()).hasSize(1);
        }

        @Test
        void announcingScheduledRemovalsIsConfigurable() throws IOException {
            Response r = get("/simple/scheduled"); // announceScheduled = false

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Deprecation")).isNull();
            assertThat(r.header("Sunset")).isNull();
        }

        @Test
        void expiredTombstoneNoLongerAppliesAtAll() throws IOException {
            Response r = get("/expired");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("app saw /expired");
            assertThat(r.header("Deprecation")).isNull();
            assertThat(r.header("Cache-Control")).isNull();
        }

        @Test
        void notFoundVisibilityIsIndistinguishableFromTheContainers404() throws IOException {
            // Same length on purpose, so even Content-Length must match.
            Response erased = get("/private/alice");
            assertAppNotReached();
            Response unknown = get("/missing/alice");
            assertThat(appHits()).extracting(Hit::path).containsExactly("/missing/alice");

            assertThat(erased.status()).isEqualTo(404);
            assertThat(erased.statusLine()).isEqualTo(unknown.statusLine());
            assertThat(withoutDate(erased.headers())).isEqualTo(withoutDate(unknown.headers()));
            assertThat(erased.text().replace("/private/alice", "{path}"))
                    .isEqualTo(unknown.text().replace("/missing/alice", "{path}"));
            // Date, Content-Length and the port (Jetty's page shows the URI) may contain "410" by chance.
            String everything = (erased.statusLine() + withoutDate(erased.headers()).stream()
                    .filter(h -> !h.getKey().equals("content-length")).toList() + erased.text())
                    .replace("127.0.0.1:" + port, "127.0.0.1:PORT").toLowerCase(Locale.ROOT);
            for (String leak : List.of("gdpr", "erased", "gone", "410", "tombstone", "max-age", "deprecation")) {
                assertThat(everything).as("leaks '%s'", leak).doesNotContain(leak);
            }
        }

        @Test
        void legalVisibilityAnswers451() throws IOException {
            Response r = get("/takedown/song");

            assertThat(r.status()).isEqualTo(451);
            JsonNode body = json(r);
            assertThat(body.get("status").asInt()).isEqualTo(451);
            assertThat(body.get("title").asText()).isEqualTo("Unavailable For Legal Reasons");
            assertThat(body.get("reason").asText()).isEqualTo("dmca");
            assertThat(body.get("detail").asText()).isEqualTo("Removed after a DMCA notice.");
            assertThat(r.headerValues("Link")).containsExactly("<https://lumendatabase.org/notices/1>; rel=\"alternate\"");
            assertAppNotReached();
        }

        @Test
        void onlyRequestDispatchesAreFilteredByDefault() throws IOException {
            // web.xml maps the filter to FORWARD as well; the filter's own default (REQUEST) still applies.
            Response r = get("/forward/secret/doc");
            assertThat(r.status()).isEqualTo(200);
            assertThat(appHits()).extracting(Hit::dispatcherType, Hit::path).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("REQUEST", "/forward/secret/doc"),
                    org.assertj.core.groups.Tuple.tuple("FORWARD", "/secret/doc"));
        }

        @Test
        void dispatcherTypesAreConfigurable() throws IOException {
            Response r = get("/simple/forward/secret/doc"); // dispatcherTypes = REQUEST,FORWARD
            assertThat(r.status()).isEqualTo(410);
            assertThat(appHits()).extracting(Hit::dispatcherType).containsExactly("REQUEST");
        }

        @Test
        void listenersHearEveryResponseTheFilterProduces() throws IOException {
            get("/secret/doc");
            get("/private/alice");
            get("/nothing/here");

            // Listeners run after the response is written, so a client may see the answer first: wait, bounded.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
            while (RecordingListener.events().size() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(RecordingListener.events()).extracting(GoneEvent::method, GoneEvent::path, GoneEvent::status)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("GET", "/secret/doc", 410),
                            org.assertj.core.groups.Tuple.tuple("GET", "/private/alice", 404));
        }
    }

    /**
     * Issue 9.2: a shared cache may store the answer to a request with credentials only if it says
     * {@code public} (RFC 9111, 3.5), and would then hand it to clients that get 401 without them.
     */
    @Nested
    class Credentials {

        @Test
        void answersToRequestsWithAuthorizationArePrivate() throws IOException {
            assertThat(get("/secret/doc").header("Cache-Control")).isEqualTo("public, max-age=86400");
            Response r = get("/secret/doc", "Authorization", "Bearer abc.def");
            assertThat(r.status()).isEqualTo(410);
            assertThat(r.header("Cache-Control")).isEqualTo("private, max-age=86400");
            assertThat(get("/secret/doc", "Authorization", "Basic dXNlcjpwYXNz").header("Cache-Control"))
                    .isEqualTo("private, max-age=86400");
        }

        @Test
        void sitesMayKeepThemPublic() throws IOException {
            // /simple sets authenticatedResponses = public
            assertThat(get("/simple/secret/doc", "Authorization", "Bearer abc.def").header("Cache-Control"))
                    .isEqualTo("public, max-age=120");
        }
    }

    /**
     * Issue 8.3: an erased id ({@code not_found}) and one that never existed, under a servlet that implements
     * only {@code doGet}, answer every method alike: status, headers apart from {@code Date}, body (with the path,
     * which some error pages show, set aside; both ids have the same length).
     */
    @Nested
    class Erasures {

        @ParameterizedTest
        @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "PROPFIND", "FROBNICATE"})
        void anErasedIdAnswersEveryMethodLikeOneThatNeverExisted(String method) throws IOException {
            Response erased = send(method, "/shop/accounts/42");
            Response never = send(method, "/shop/accounts/99");

            assertThat(erased.statusLine()).as("%s erased\n%s\nnever existed\n%s", method, erased, never)
                    .isEqualTo(never.statusLine());
            assertThat(withoutDate(erased.headers())).as("%s headers", method).isEqualTo(withoutDate(never.headers()));
            assertThat(erased.text().replace("/accounts/42", "/accounts/ID"))
                    .isEqualTo(never.text().replace("/accounts/99", "/accounts/ID"));
            assertThat(erased.status()).as(erased.toString()).isNotEqualTo(410);
        }

        /**
         * Review of issue 8: an erasure under a broader tombstone answers as a never-existing sibling does: the
         * retired v1's 410 (and the legal v3's 451) for every method, so no method reaches the retired namespace
         * through the erased path; the scheduled v2's Deprecation, Sunset and Link on every method, also where the
         * erasure itself is only scheduled (v4).
         */
        @ParameterizedTest
        @CsvSource({"/shop/api/v1, 410", "/shop/api/v2, 0", "/shop/api/v3, 451", "/shop/api/v4, 0"})
        void anErasureUnderABroaderTombstoneAnswersAsANeverExistingSibling(String prefix, int status) throws IOException {
            for (String method : List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "PROPFIND")) {
                Response erased = send(method, prefix + "/accounts/42");
                Response never = send(method, prefix + "/accounts/99");
                assertThat(erased.statusLine()).as("%s erased\n%s\nnever existed\n%s", method, erased, never)
                        .isEqualTo(never.statusLine());
                assertThat(withoutDate(erased.headers())).as("%s headers", method).isEqualTo(withoutDate(never.headers()));
                assertThat(erased.text().replace("/accounts/42", "/accounts/ID"))
                        .isEqualTo(never.text().replace("/accounts/99", "/accounts/ID"));
                if (method.equals("OPTIONS")) {
                    continue; // not among the filter's methods: the application answers both alike
                }
                if (status != 0) {
                    assertThat(erased.status()).as("%s %s", method, erased).isEqualTo(status);
                } else {
                    assertThat(erased.header("Sunset")).as("%s %s", method, erased).isEqualTo("Tue, 01 Jan 2999 00:00:00 GMT");
                }
            }
        }

        @Test
        void getStillAnswersTheContainers404ItselfAndTheServletIsThere() throws IOException {
            assertThat(get("/shop/accounts/42").status()).isEqualTo(404);
            assertThat(get("/shop/accounts/1").text()).isEqualTo("{\"name\":\"Ada\"}");
        }

        private Response send(String method, String target) throws IOException {
            RawHttp request = RawHttp.request(port, method, target);
            if (List.of("POST", "PUT", "PATCH", "PROPFIND").contains(method)) {
                request.header("Content-Type", "application/json").body("{\"name\":\"Eve\"}");
            }
            return request.send();
        }
    }

    /**
     * Issue 9.1: a path alternative is a path in the application, like the tombstone's own path, so it is
     * rendered under the context path ({@code /shop}); absolute URIs stay as written. The context path is the
     * application's, never the client's spelling of it.
     */
    @Nested
    class PathAlternatives {

        @Test
        void linkJsonAndHtmlCarryTheContextPath() throws IOException {
            Response r = get("/shop/products/4", "Accept", "application/json");
            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(r.headerValues("Link")).containsExactly("</shop/products/5?colour=red&size=1>; rel=\"alternate\"");
            assertThat(json(r).get("alternative").asText()).isEqualTo("/shop/products/5?colour=red&size=1");
            assertThat(json(r).get("instance").asText()).isEqualTo("/shop/products/4");

            String html = get("/shop/products/4", "Accept", BROWSER_ACCEPT).text();
            assertThat(html).contains("href=\"/shop/products/5?colour=red&amp;size=1\"").doesNotContain("\"/products/5");
        }

        @Test
        void absoluteAlternativesStayAsWritten() throws IOException {
            Response r = get("/shop/products/old");
            assertThat(r.headerValues("Link")).containsExactly("<https://example.com/products>; rel=\"alternate\"");
            assertThat(json(r).get("alternative").asText()).isEqualTo("https://example.com/products");
        }

        @Test
        void scheduledRemovalsAnnounceTheAlternativeUnderTheContextPath() throws IOException {
            Response r = get("/shop/products/soon");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headerValues("Link")).containsExactly("</shop/products/next>; rel=\"alternate\"");
        }

        @Test
        void legalTakedownsShowTheirAlternativeAndWhoBlocks() throws IOException {
            Response r = get("/shop/products/takedown");
            assertThat(r.status()).isEqualTo(451);
            assertThat(r.headerValues("Link")).containsExactly("</shop/legal/notices/1>; rel=\"alternate\"",
                    "<https://example.com/legal>; rel=\"blocked-by\"");
            String html = get("/shop/products/takedown", "Accept", BROWSER_ACCEPT).text();
            assertThat(html).contains("<h1>Unavailable for legal reasons</h1>")
                    .contains("href=\"/shop/legal/notices/1\"")
                    .contains("href=\"https://example.com/legal\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"//shop/products/4", "/%73hop/products/4", "/shop;x=1/products/4", "/./shop/products/4",
            "http://127.0.0.1:{port}//shop/products/4"})
        void theClientsSpellingOfTheContextPathIsNeverEchoed(String target) throws IOException {
            Response r = get(target.replace("{port}", Integer.toString(port)), "Accept", "application/json");
            // Jetty with decodeAmbiguousURIs routes '//shop/...' to the root application, which has no such tombstone.
            assertThat(r.status()).as(r.toString()).isIn(200, 400, 404, 410);
            assertThat(appHits()).as("the /shop application saw %s", target)
                    .noneMatch(hit -> hit.contextPath().equals("/shop"));
            if (r.status() == 410) {
                assertThat(r.headerValues("Link")).containsExactly("</shop/products/5?colour=red&size=1>; rel=\"alternate\"");
                assertThat(json(r).get("alternative").asText()).isEqualTo("/shop/products/5?colour=red&size=1");
                assertThat(json(r).get("instance").asText()).isEqualTo("/shop/products/4");
            }
        }
    }

    /**
     * Issue 8.4: the application's own HTML page, here a static file served by the container's default servlet,
     * supplies the body of the 410 and nothing else: no validators, no lifetime of its own, no 304, 206 or 412.
     */
    @Nested
    class ApplicationErrorPage {

        @Test
        void browsersGetThePageUnderTheFiltersStatusAndHeaders() throws IOException {
            Response page = get("/pages/gone.html");
            assertThat(page.status()).as("the page itself, from the default servlet").isEqualTo(200);
            assertThat(page.header("Last-Modified")).isNotNull();

            Response r = get("/pages/old/page", "Accept", BROWSER_ACCEPT);
            assertThePageUnder(410, r);
            assertThat(r.header("Content-Type")).startsWith("text/html");
            assertThat(r.headerValues("Link")).containsExactly("</pages/new/page>; rel=\"alternate\"");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "If-None-Match       | {etag}",
            "If-None-Match       | *",
            "If-Modified-Since   | {lastModified}",
            "If-Modified-Since   | Fri, 01 Jan 2999 00:00:00 GMT",
            "If-Match            | \"no-such-tag\"",
            "If-Unmodified-Since | Thu, 01 Jan 1970 00:00:00 GMT",
            "Range               | bytes=0-9",
            "Range               | bytes=-5",
        })
        void conditionalAndRangeHeadersNeverReachThePage(String name, String value) throws IOException {
            Response page = get("/pages/gone.html");
            String etag = page.header("ETag") != null ? page.header("ETag") : "*";
            String header = value.replace("{etag}", etag).replace("{lastModified}", page.header("Last-Modified"));

            assertThePageUnder(410, get("/pages/old/page", "Accept", BROWSER_ACCEPT, name, header));
        }

        @Test
        void rangeWithIfRangeToo() throws IOException {
            Response page = get("/pages/gone.html");
            assertThePageUnder(410, get("/pages/old/page", "Accept", BROWSER_ACCEPT, "Range", "bytes=0-9",
                    "If-Range", page.header("ETag") != null ? page.header("ETag") : page.header("Last-Modified")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "PROPFIND", "FROBNICATE"})
        void everyMethodGetsThePageAsForAGet(String method) throws IOException {
            RawHttp request = RawHttp.request(port, method, "/pages/old/page").header("Accept", BROWSER_ACCEPT);
            if (!method.equals("DELETE")) {
                request.header("Content-Type", "application/x-www-form-urlencoded").body("a=1");
            }
            assertThePageUnder(410, request.send());
        }

        @Test
        void headHasTheHeadersOfGetAndNoBody() throws IOException {
            Response get = get("/pages/old/page", "Accept", BROWSER_ACCEPT);
            Response head = RawHttp.request(port, "HEAD", "/pages/old/page").header("Accept", BROWSER_ACCEPT).send();
            assertThat(head.status()).isEqualTo(410);
            assertThat(withoutDate(head.headers())).isEqualTo(withoutDate(get.headers()));
            assertThat(head.rawBody()).isEmpty();
        }

        @Test
        void legalTakedownsKeep451() throws IOException {
            assertThePageUnder(451, get("/pages/old/legal", "Accept", BROWSER_ACCEPT, "If-None-Match", "*"));
        }

        @Test
        void aPageThatCannotBeFoundIsReplacedByTheBuiltInOne() throws IOException {
            Response r = get("/pages/lost/page", "Accept", BROWSER_ACCEPT);
            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(r.text()).contains("<h1>This page has been removed</h1>").contains("This one has no page of its own.");
            assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
            assertFiltersHeadersOnly(r);
        }

        /**
         * A page that touches the session and sets cookies: none of it reaches the publicly cacheable 410, which
         * a shared cache would hand to every visitor (session fixation). The page still renders, with a session
         * of its own for this rendering.
         */
        @Test
        void thePagesSessionAndCookiesNeverReachTheAnswer() throws IOException {
            Response r = get("/pages/session/page", "Accept", BROWSER_ACCEPT);
            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(r.text()).contains("This page is gone (site layout, token-)");
            assertThat(r.headerValues("Set-Cookie")).as(r.toString()).isEmpty();
            assertFiltersHeadersOnly(r);
        }

        /** A visitor with a session may get a page rendered for that session: never publicly cacheable. */
        @Test
        void aVisitorWithASessionGetsAPrivateAnswer() throws IOException {
            Response r = get("/pages/session/page", "Accept", BROWSER_ACCEPT, "Cookie", "JSESSIONID=abc123");
            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertThat(r.header("Cache-Control")).isEqualTo("private, max-age=86400");
            assertThat(r.headerValues("Set-Cookie")).as(r.toString()).isEmpty();
            assertThat(r.header("Expires")).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET", "HEAD", "POST"})
        void aPageThatThrowsIsReplacedByTheBuiltInOne(String method) throws IOException {
            Response r = RawHttp.request(port, method, "/pages/throwing/page").header("Accept", BROWSER_ACCEPT).send();
            assertThat(r.status()).as(r.toString()).isEqualTo(410);
            assertFiltersHeadersOnly(r);
            if (!method.equals("HEAD")) {
                assertThat(r.text()).contains("<h1>This page has been removed</h1>").contains("Gone, and the page throws.")
                        .doesNotContain("half a page").doesNotContain("secret-detail");
                assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
            }
        }

        @Test
        void apiClientsStillGetJson() throws IOException {
            Response r = get("/pages/old/page", "Accept", "application/json");
            assertThat(r.status()).isEqualTo(410);
            assertThat(json(r).get("alternative").asText()).isEqualTo("/pages/new/page");
        }

        /** The application's page as the body, under the filter's status and headers. */
        private void assertThePageUnder(int status, Response r) throws IOException {
            assertThat(r.status()).as(r.toString()).isEqualTo(status);
            assertThat(r.body()).isEqualTo(get("/pages/gone.html").body());
            assertFiltersHeadersOnly(r);
        }

        private void assertFiltersHeadersOnly(Response r) {
            assertThat(r.header("Cache-Control")).as(r.toString()).isEqualTo("public, max-age=86400");
            for (String name : List.of("ETag", "Last-Modified", "Expires", "Accept-Ranges", "Content-Range", "Pragma")) {
                assertThat(r.header(name)).as("%s in\n%s", name, r).isNull();
            }
            assertThat(r.headerValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept"));
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Nested
    class Matching {

        @Test
        void queryStringIsIgnored() throws IOException {
            assertGone(get("/secret/doc?version=2&x=%2F"), "The secret document was deleted.");
            assertGone(get("/secret/doc?"), "The secret document was deleted.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/legacy", "/legacy/", "/legacy/a", "/legacy/a/b", "/legacy/a/b/c.html"})
        void doubleStarGlobCoversTheDirectoryAndEverythingBelow(String path) throws IOException {
            assertGone(get(path), "The legacy site is gone.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/legacyx", "/legacyx/a", "/legac", "/other/legacy"})
        void doubleStarGlobCoversNothingElse(String path) throws IOException {
            assertPassedThrough(get(path), path);
        }

        @Test
        void exactPathBeatsGlob() throws IOException {
            assertGone(get("/legacy/special"), "The special legacy page is gone.");
        }

        @Test
        void singleStarStaysWithinOneSegment() throws IOException {
            assertGone(get("/downloads/2019.zip"), "Old archives were removed.");
            assertPassedThrough(get("/downloads/2019/all.zip"), "/downloads/2019/all.zip");
            assertPassedThrough(get("/downloads/2019.zip.sig"), "/downloads/2019.zip.sig");
        }

        @Test
        void regexMatchesTheWholeCanonicalPath() throws IOException {
            assertGone(get("/users/123"), "This account was deleted.");
            assertGone(get("/users/123/"), "This account was deleted.");
            assertPassedThrough(get("/users/abc"), "/users/abc");
            assertPassedThrough(get("/users/123/posts"), "/users/123/posts");
        }

        @Test
        void tombstonePathsAreCanonicalizedLikeRequests() throws IOException {
            assertGone(get("/blog/caf%C3%A9"), "Le café est fermé.");
            assertGone(get("/blog/caf%c3%a9"), "Le café est fermé.");
        }

        @Test
        void pathsAreDecodedOnlyOnce() throws IOException {
            // %25 is '%': the resource is literally named "secret%2Fdoc", not the deleted /secret/doc.
            // Jetty calls %25 an ambiguous encoding and refuses it (400) unless told otherwise.
            Response r = get("/secret%252Fdoc");
            assertThat(r.status()).as(r.toString()).isIn(200, 400);
            if (r.status() == 200) {
                assertThat(appHits()).extracting(Hit::path).singleElement().isNotEqualTo("/secret/doc");
            }
        }

        @Test
        void matchingIsCaseSensitiveByDefault() throws IOException {
            assertPassedThrough(get("/SECRET/doc"), "/SECRET/doc");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/ci/secret/doc", "/ci/SECRET/DOC", "/ci/Secret/Doc", "/ci/sEcReT/dOc/",
            "/ci/%53ecret/doc", "/ci/%73ECRET/Doc;jsessionid=X"})
        void caseInsensitiveOptionMatchesEveryCase(String target) throws IOException {
            assertGone(get(target), "The secret document was deleted.");
        }

        @Test
        void caseInsensitiveOptionCoversGlobsAndRegexes() throws IOException {
            assertGone(get("/ci/legacy/A/b"), "The legacy site is gone.");
            assertGone(get("/ci/LEGACY"), "The legacy site is gone.");
            assertGone(get("/ci/USERS/12"), "This account was deleted.");
            assertGone(get("/ci/users/12"), "This account was deleted.");
            assertPassedThrough(get("/ci/secret/docs"), "/secret/docs");
        }
    }

    /**
     * Issue 8, item 2: with {@code caseSensitive=false}, every spelling that a case-insensitive router
     * ({@code String.equalsIgnoreCase}, Spring's case-insensitive {@code PathPattern}) takes for a tombstone's
     * path gets the tombstone, including letters that {@code toLowerCase} turns into two characters
     * ({@code U+0130}) or that fold onto ASCII ({@code U+0131}, {@code U+017F} long s, {@code U+212A} Kelvin).
     */
    @Nested
    class CaseFoldingLikeEqualsIgnoreCase {

        @ParameterizedTest
        @CsvSource(delimiterString = "=>", value = {
            "/ci/adm%C4%B0n/report                       => The admin report was removed.",
            "/ci/ADM%C4%B1N/Report                       => The admin report was removed.",
            "/ci/%C4%B0%C4%B1admin/../adm%C4%B0n/REPORT  => The admin report was removed.",
            "/ci/PRE%C5%BFS/2020/media-%E2%84%AAIT.PDF   => Old press kits were withdrawn.",
            "/ci/pre%C5%BFs/media-%E2%84%AAit.pdf        => Old press kits were withdrawn.",
            "/ci/U%C5%BFERS/12                           => This account was deleted.",
            "/ci/%C5%BFecret/doc                         => The secret document was deleted.",
        })
        void everySpellingThatEqualsIgnoreCaseTheTombstoneIsGone(String target, String detail) throws IOException {
            assertGone(get(target), detail);
        }

        /**
         * Tombstones whose paths fold alike are all kept and chosen by time: an expired ({@code /Docs/7}) or
         * scheduled ({@code /Promo/x}) spelling never hides the one in force, for any spelling, in the compact
         * table (ASCII, Latin-1) and outside it (Greek).
         */
        @ParameterizedTest
        @CsvSource(delimiterString = "=>", value = {
            "/ci/docs/7           => Deleted for good.",
            "/ci/Docs/7           => Deleted for good.",
            "/ci/DOCS/7           => Deleted for good.",
            "/ci/promo/x          => The promotion is over.",
            "/ci/PROMO/X          => The promotion is over.",
            "/ci/%C3%89T%C3%89/1  => Summer is over.",
            "/ci/%C3%A9t%C3%A9/1  => Summer is over.",
            "/ci/%CE%A9MEGA/1     => Omega is gone.",
            "/ci/%CF%89mega/1     => Omega is gone.",
        })
        void anExpiredOrScheduledSpellingNeverHidesOneInForce(String target, String detail) throws IOException {
            Response r = get(target);
            assertGone(r, detail);
            assertThat(r.header("Sunset")).isNull();
        }

        @Test
        void aDifferentLetterIsNotTheSamePath() throws IOException {
            assertPassedThrough(get("/ci/adm%C3%ADn/report"), "/adm\u00EDn/report"); // i with acute
        }
    }

    @Nested
    class AnUnavailableRegistry {

        @ParameterizedTest
        @ValueSource(strings = {"GET", "HEAD", "POST", "DELETE"})
        void answers503WithRetryAfterAndABodyThatRevealsNothingInsteadOfA500(String method) throws IOException {
            Response r = RawHttp.request(port, method, "/unavailable/articles/1").send();

            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("10");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            if (!method.equals("HEAD")) {
                JsonNode body = json(r);
                assertThat(fieldNames(body)).containsExactly("type", "title", "status", "detail");
                assertThat(body.get("status").asInt()).isEqualTo(503);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContainIgnoringCase("h2")
                        .doesNotContain("nowhere").doesNotContain("stale").doesNotContain("tombstone");
            }
            assertAppNotReached();
        }
    }

    @Nested
    class TheFileRegistry {

        @Test
        void picksUpChangesToTheTombstoneFileWithoutARestart() throws Exception {
            String path = "/reload/soon-gone";
            assertThat(get(path).status()).isEqualTo(200);

            TestWebApps.replace(reloadFile, "{\"tombstones\": [{\"path\": \"/soon-gone\", \"message\": \"Reloaded.\"}]}");
            Response gone = awaitStatus(path, 410);
            assertThat(json(gone).get("detail").asText()).isEqualTo("Reloaded.");

            // A broken file is logged and the last good set stays in force.
            try (LogCapture log = LogCapture.of(FileTombstoneRegistry.class)) {
                TestWebApps.replace(reloadFile, "{\"tombstones\": [\n  {\"path\": \"/soon-gone\",, }\n]}");
                long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
                while (log.records().stream().noneMatch(r -> String.valueOf(r.getMessage()).contains("tombstones.json:2:"))) {
                    if (System.nanoTime() > deadline) {
                        fail("no error was logged for the broken tombstone file; logged: " + log.records());
                    }
                    pause();
                }
            }
            assertThat(get(path).status()).as("last good set").isEqualTo(410);

            TestWebApps.replace(reloadFile, "{\"tombstones\": []}");
            awaitStatus(path, 200);
        }

        @Test
        void brokenTombstoneFileAtStartUpKeepsTheApplicationFromServingUnprotected() throws Exception {
            Path app = TestWebApps.copy("broken", work.resolve("broken-app"));
            String expected = "tombstones.json:3:28:";
            Running broken;
            try {
                broken = start(List.of(new WebApp("/broken", app)), work.resolve("broken-server"));
            } catch (Exception refused) {
                // A container may refuse to start at all; then its report must name file and position.
                assertThat(messages(refused)).contains(expected);
                return;
            }
            try (broken) {
                Throwable failure = broken.startupFailure("/broken")
                        .orElseThrow(() -> new AssertionError("the container did not notice the filter failing"));
                assertThat(messages(failure))
                        .contains("GoneFilter init-param 'tombstones'")
                        .contains(app.resolve("WEB-INF").toRealPath().resolve("tombstones.json") + ":3:28:");
                for (String path : List.of("/broken/secret/doc", "/broken/", "/broken/anything")) {
                    Response r = RawHttp.get(broken.port(), path);
                    report("broken", path, r);
                    assertThat(r.status()).as(path + "\n" + r).isIn(404, 503);
                }
                assertAppNotReached();
            }
        }
    }

    /**
     * The 404 monitor (issue 13) over real HTTP: it counts what the application answered 404 for, read after the
     * chain, and nothing the filter answered itself or that it excludes.
     */
    @Nested
    class TheNotFoundMonitor {

        @BeforeEach
        void clearTheMonitor() throws IOException {
            assertThat(RawHttp.get(port, "/monitor/report?clear=true").status()).isEqualTo(200);
        }

        @Test
        void anApplication404IsCountedPerPathAndLeftAsTheApplicationWroteIt() throws IOException {
            Response first = RawHttp.get(port, "/monitor/missing/old-post");
            RawHttp.request(port, "GET", "/monitor/missing/old-post?utm_source=mail&email=alice%40example.com")
                    .header("Referer", "https://user:secret@News.Example:8443/story?token=abc")
                    .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0").send();
            RawHttp.request(port, "GET", "/monitor/missing/%6Fld-post/").header("User-Agent", "Googlebot/2.1").send();
            Response rest = RawHttp.get(port, "/monitor/status/item-7");

            assertThat(first.status()).isEqualTo(404);
            assertThat(rest.status()).isEqualTo(404);
            assertThat(rest.text()).isEqualTo("{\"error\":\"no such item\"}"); // the application's body, untouched
            JsonNode entries = report();
            assertThat(entries).hasSize(2);
            JsonNode post = entries.get(0);
            assertThat(post.get("path").asText()).isEqualTo("/missing/old-post");
            assertThat(post.get("count").asLong()).isEqualTo(3);
            assertThat(post.get("query").isNull()).as("the query string is not kept").isTrue();
            assertThat(post.get("referrers").toString()).isEqualTo("[\"news.example\"]");
            assertThat(post.get("bots").asLong()).isEqualTo(2); // no User-Agent, and Googlebot
            assertThat(post.get("humans").asLong()).isEqualTo(1);
            assertThat(entries.get(1).get("path").asText()).isEqualTo("/status/item-7");
        }

        @Test
        void liveContentTheFiltersOwnAnswerAndExcludedProbesAreNotCounted() throws IOException {
            assertThat(RawHttp.get(port, "/monitor/live/page").status()).isEqualTo(200);
            assertThat(RawHttp.get(port, "/monitor/removed").status()).isEqualTo(410);
            assertThat(RawHttp.get(port, "/monitor/missing/wp-login.php").status()).isEqualTo(404);
            assertThat(RawHttp.get(port, "/monitor/.env").status()).isEqualTo(200); // excluded whatever the answer
            assertThat(RawHttp.get(port, "/monitor/.git/config").status()).isEqualTo(200);

            assertThat(report()).isEmpty();
        }

        @Test
        void anAsyncRequestIsCountedWhenItCompletesNotWhenTheRequestThreadReturns() throws Exception {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            MonitorServlets.AsyncNotFound.release = release;
            MonitorServlets.AsyncNotFound.started = started;
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("GET /monitor/async/later HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(report()).as("nothing is counted before the application answered").isEmpty();

                release.countDown();
                Response r = Response.parse(socket.getInputStream().readAllBytes(), false);
                assertThat(r.status()).isEqualTo(404);
            }
            // Counted by the AsyncListener at completion, which the container may run after the client has read.
            JsonNode counted = report();
            long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
            while (counted.isEmpty() && System.nanoTime() < deadline) {
                pause();
                counted = report();
            }
            assertThat(counted).singleElement().satisfies(e -> {
                assertThat(e.get("path").asText()).isEqualTo("/async/later");
                assertThat(e.get("count").asLong()).isEqualTo(1);
            });
        }

        private JsonNode report() throws IOException {
            Response r = RawHttp.get(port, "/monitor/report");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return JSON.readTree(r.text());
        }
    }

    /**
     * Every spelling of a deleted path we could think of. The application must never see the deleted
     * resource: the answer is the tombstone's 410, a 400 (from the filter or the container), or a 404 the
     * container gives without asking the application. Never a 200 from the application, never a 500. Each
     * spelling is sent again under {@code /fallback}, whose application answers 404 first: the client gets the same
     * answer there, never the application's 404.
     *
     * <p>The comment on each case records what each configuration answered (Tomcat 11.0.14, Jetty 12.1.14):
     * <b>T</b> Tomcat defaults; <b>TR</b> Tomcat with encoded slash and backslash passed through and
     * backslashes allowed ({@link TomcatRelaxedUriGoneFilterIT}); <b>J</b> Jetty defaults; <b>JU</b> Jetty
     * with {@code UriCompliance.UNSAFE} ({@link JettyUnsafeUriGoneFilterIT}); <b>JD</b> the same plus
     * {@code decodeAmbiguousURIs} ({@link JettyUnsafeDecodedUriGoneFilterIT}). {@code 400c} is the
     * container's own 400 page (the request never reached the web application), {@code 400f} the filter's
     * problem+json 400 (Jetty's {@code getServletPath()} threw, or Tomcat's {@code getContextPath()} did).
     * Run with {@code -Dgonefilter.it.report=true} to print the table again.
     */
    @Nested
    class Bypass {

        private static final String SECRET = "The secret document was deleted.";
        private static final String LEGACY = "The legacy site is gone.";
        private static final String REPORTS = "Reports were withdrawn.";

        @TestFactory
        Stream<DynamicTest> spellingsOfAnExactTombstone() {
            return cases(SECRET,
                    "/secret/doc",               // 410 everywhere
                    "/secret/doc/",              // 410 everywhere
                    "/secret/doc?x=1",           // 410 everywhere
                    "/secret;x=1/doc",           // 410 everywhere
                    "/secret/doc;jsessionid=abc", // 410 everywhere
                    "/secret/doc;",              // 410 everywhere
                    "/secret;/doc",              // 410 everywhere
                    "/secret/doc/..;/doc",       // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/%73ecret/doc",             // 410 everywhere
                    "/secret/%64oc",             // 410 everywhere
                    "/%73%65%63%72%65%74/%64%6f%63", // 410 everywhere
                    "/%73%65%63%72%65%74/%64%6F%63", // 410 everywhere
                    "/secret%2Fdoc",             // T 400c, TR 410, J 400c, JU 400f, JD 410
                    "/secret%2fdoc",             // T 400c, TR 410, J 400c, JU 400f, JD 410
                    "/secret/doc%2F",            // T 400c, TR 410, J 400c, JU 400f, JD 410
                    "/secret%5Cdoc",             // T 400c, TR 410, J 400c, JU 410, JD 410
                    "/secret%5cdoc",             // T 400c, TR 410, J 400c, JU 410, JD 410
                    "/secret\\doc",              // T 400c, TR 410, J 400c, JU 410, JD 410
                    "/secret/./doc",             // 410 everywhere
                    "/secret/doc/.",             // 410 everywhere
                    "/./secret/doc",             // 410 everywhere
                    "/x/../secret/doc",          // 410 everywhere
                    "/secret/x/../doc",          // 410 everywhere
                    "/secret/doc/x/..",          // 410 everywhere
                    "/../secret/doc",            // T 400c, TR 400c, J 400c, JU 400c, JD 400c
                    "/../../secret/doc",         // T 400c, TR 400c, J 400c, JU 400c, JD 400c
                    "/secret/%2e/doc",           // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/secret/%2E/doc",           // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/x/%2e%2e/secret/doc",      // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/x/%2E%2E/secret/doc",      // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/x/.%2e/secret/doc",        // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/x/%2e./secret/doc",        // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/x/..;/secret/doc",         // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/x;/../secret/doc",         // 410 everywhere
                    "//secret/doc",              // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/secret//doc",              // T 410, TR 410, J 400c, JU 400f, JD 410
                    "///secret///doc//",         // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/secret/doc%00",            // T 400c, TR 400c, J 400c, JU 400c, JD 400c
                    "/secret/doc%00.html",       // T 400c, TR 400c, J 400c, JU 400c, JD 400c
                    "/secret/doc\u0000",         // T 400c, TR 400c, J 400c, JU 400c, JD 400c  (a raw NUL byte)
                    "/x/%C0%AE%C0%AE/secret/doc", // T 400c, TR 400c, J 400c, JU 400f, JD 400f  (overlong '..')
                    "/secret%C0%AFdoc",          // T 400c, TR 400c, J 400c, JU 400f, JD 400f  (overlong '/')
                    "/secret%E0%80%AFdoc",       // T 400c, TR 400c, J 400c, JU 400f, JD 400f  (3-byte overlong '/')
                    "/secret/doc#fragment",      // T 400c, TR 400c, J 400c, JU 410, JD 410
                    "http://127.0.0.1:{port}/secret/doc", // 410 everywhere
                    "http://127.0.0.1:{port}/x/../secret/doc", // 410 everywhere
                    "HTTP://127.0.0.1:{port}/secret/doc", // 410 everywhere
                    "http://other.example/secret/doc", // T 400c, TR 400c, J 400c, JU 400c, JD 400c
                    "http://127.0.0.1:{port}//secret/doc", // T 410, TR 410, J 400c, JU 400f, JD 410
                    "http://127.0.0.1:{port}/%73ecret/doc", // 410 everywhere
                    "http://user@127.0.0.1:{port}/secret/doc", // T 410, TR 410, J 400c, JU 410, JD 410
                    "https://127.0.0.1:{port}/secret/doc", // 410 everywhere
                    "http://127.0.0.1:{port}/%2e%2e/secret/doc" // T 400c, TR 400c, J 400c, JU 400c, JD 400c
            );
        }

        @TestFactory
        Stream<DynamicTest> spellingsOfAGlobTombstone() {
            return cases(LEGACY,
                    "/legacy",                   // 410 everywhere
                    "/legacy/a/b",               // 410 everywhere
                    "/%6cegacy/a",               // 410 everywhere
                    "/legacy;v=1/a",             // 410 everywhere
                    "/x/../legacy/a",            // 410 everywhere
                    "/legacy%2Fa",               // T 400c, TR 410, J 400c, JU 400f, JD 410
                    "/legacy%5Ca",               // T 400c, TR 410, J 400c, JU 410, JD 410
                    "/legacy\\a",                // T 400c, TR 410, J 400c, JU 410, JD 410
                    "//legacy//a",               // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/legacy/a/..",              // 410 everywhere
                    "/legacy/..;/legacy/a",      // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/legacy/%2e%2e/legacy/a",   // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/legacy%00/a",              // T 400c, TR 400c, J 400c, JU 400c, JD 400c
                    "http://127.0.0.1:{port}/legacy/a" // 410 everywhere
            );
        }

        @TestFactory
        Stream<DynamicTest> lineTerminatorsDoNotSlipPastARegex() {
            return cases(REPORTS,
                    "/reports/q1.pdf",           // 410 everywhere
                    "/reports/x%0a.pdf",         // T 410, TR 410, J 400c, JU 410, JD 410
                    "/reports/x%0d%0a.pdf",      // T 410, TR 410, J 400c, JU 410, JD 410
                    "/reports/%0a.pdf",          // T 410, TR 410, J 400c, JU 410, JD 410
                    "/reports/x%0A%0A.pdf",      // T 410, TR 410, J 400c, JU 410, JD 410
                    "/reports/x%E2%80%A8.pdf"    // 410 everywhere  (U+2028 LINE SEPARATOR)
            );
        }

        @TestFactory
        Stream<DynamicTest> mixedCaseWithTheCaseInsensitiveOption() {
            return cases(SECRET,
                    "/ci/SECRET/DOC",            // 410 everywhere
                    "/ci/%53ECRET/doc",          // 410 everywhere
                    "/ci/Secret;x=1/DOC",        // 410 everywhere
                    "/ci/X/../SECRET/doc",       // 410 everywhere
                    "/ci/SECRET%2FDOC",          // T 400c, TR 410, J 400c, JU 400f, JD 410
                    "http://127.0.0.1:{port}/ci/SeCrEt/DoC" // 410 everywhere
            );
        }

        @TestFactory
        Stream<DynamicTest> spellingsOfANonAsciiTombstone() {
            return cases("Le café est fermé.",
                    "/blog/caf%C3%A9",           // 410 everywhere
                    "/blog/caf%c3%a9",           // 410 everywhere
                    "/blog/caf\u00c3\u00a9",     // T 400c, TR 400c, J 400c, JU 410, JD 410  raw UTF-8 bytes on the wire
                    "/blog/./caf%C3%A9/",        // 410 everywhere
                    "/blog/caf%C3%A9;v=2",       // 410 everywhere
                    "/blog/caf%C3%A9%2F",        // T 400c, TR 410, J 400c, JU 400f, JD 410
                    "/blog/caf%E9",              // T 400c, TR 400c, J 400c, JU 400f, JD 400f  ISO-8859-1 'é': not UTF-8
                    "/blog/caf%C3%A9%00");       // T 400c, TR 400c, J 400c, JU 400c, JD 400c
        }

        /**
         * The context path spelled differently. A spelling the container maps to another web application (the
         * root one) is fine as long as the {@code /ci} application never sees its deleted path.
         */
        @TestFactory
        Stream<DynamicTest> spellingsOfTheContextPath() {
            return Stream.of(
                    "/ci;x=1/secret/doc",        // 410 everywhere
                    "/ci;jsessionid=abc/secret/doc", // 410 everywhere
                    "/%63i/secret/doc",          // 410 everywhere
                    "/%63%69/secret/doc",        // 410 everywhere
                    "/ci/../ci/secret/doc",      // 410 everywhere
                    "/x/../ci/secret/doc",       // 410 everywhere
                    "/./ci/secret/doc",          // 410 everywhere
                    "//ci/secret/doc",           // T 410, TR 410, J 400c, JU 400f, JD 200 root app
                    "/ci//secret/doc",           // T 410, TR 410, J 400c, JU 400f, JD 410
                    "/ci%2Fsecret/doc",          // T 400c, TR 200 root app, J 400c, JU 400f, JD 200 root app
                    "/ci%2fsecret%2fdoc",        // T 400c, TR 200 root app, J 400c, JU 400f, JD 200 root app
                    "/ci%5Csecret/doc",          // T 400c, TR 200 root app, J 400c, JU 200 root app, JD 200 root app
                    "/ci\\secret/doc",           // T 400c, TR 400f, J 400c, JU 200 root app, JD 200 root app
                    "/CI/secret/doc",            // T 200 root app, TR 200 root app, J 200 root app, JU 200 root app, JD 200 root app
                    "http://127.0.0.1:{port}/%63i/secret/doc") // 410 everywhere
                    .map(target -> DynamicTest.dynamicTest(display(target), () -> {
                        Response r = send(target);
                        report("context", target, r);
                        assertThat(r.status()).as("%s\n%s", target, r).isIn(200, 400, 404, 410);
                        if (r.status() == 410) {
                            assertThat(json(r).get("detail").asText()).isEqualTo(SECRET);
                        }
                        assertThat(appHits()).as("the /ci application saw %s", target)
                                .noneMatch(hit -> hit.contextPath().equals("/ci"));
                        if (r.status() == 200) {
                            assertThat(appHits()).extracting(Hit::contextPath).containsOnly("");
                        }
                    }));
        }

        /**
         * Malformed paths: whatever the answer, it is not a server error. Observed: the containers refuse bad
         * percent-encoding, NUL, {@code ..} above the root and {@code *} themselves (400c everywhere); invalid
         * UTF-8 ({@code %C3}, {@code %FF}, surrogates, overlong forms) is 400c on T, TR, J and 400f on JU, JD;
         * raw non-ASCII bytes are 400c on Tomcat and J but reach the application on JU and JD (none of them
         * names a deleted resource); {@code /;} reaches the application as {@code /} everywhere.
         */
        @TestFactory
        Stream<DynamicTest> junkPathsNeverCauseAServerError() {
            return Stream.of(
                    "/%", "/%zz", "/%4", "/a%GGb", "/secret/doc%", "/secret/doc%2",
                    "/%C3", "/%C3%28", "/%FF", "/%ED%A0%80", "/%F4%90%80%80", "/secret/%C0%AE",
                    "/\u00ff", "/\u00c3", "/caf\u00c3\u00a9", "/%00", "/..", "/../..", "/.%2e/.%2e",
                    "/;", "/;;;", "/;=/", "/\\", "/%5C..%5C", "*",
                    "/" + "a/".repeat(2000), "/" + "%2e%2e/".repeat(200) + "secret/doc")
                    .map(target -> DynamicTest.dynamicTest(display(target), () -> {
                        Response r = send(target);
                        report("junk", target, r);
                        assertThat(r.status()).as(target + "\n" + r).isLessThan(500);
                        for (Hit hit : appHits()) {
                            assertThat(hit.path()).as("app saw a deleted resource via %s", target)
                                    .isNotEqualTo("/secret/doc");
                        }
                    }));
        }

        private Stream<DynamicTest> cases(String detail, String... targets) {
            return Stream.of(targets).flatMap(target -> Stream.of(DynamicTest.dynamicTest(display(target), () -> {
                RecordingServlet.clear();
                Response r = send(target);
                report("bypass", target, r);
                assertThat(r.status()).as("%s\n%s", target, r).isIn(410, 400, 404);
                if (r.status() == 410) {
                    assertThat(json(r).get("detail").asText()).isEqualTo(detail);
                }
                assertThat(appHits()).as("the application saw %s", target).isEmpty();
            }), DynamicTest.dynamicTest("fallback mode: " + display(target), () -> inFallbackMode(detail, target))));
        }

        /**
         * The same spelling under {@code /fallback}, whose application answers 404 for it: the client gets what the
         * short-circuit answered, never the application's 404. A spelling that climbs above the root leaves
         * {@code /fallback} (and gets the root application's answer), so it is only held to "never a 404 or 5xx".
         */
        private void inFallbackMode(String detail, String target) throws IOException {
            if (target.contains("/ci/")) {
                return; // the case-insensitive application has no fallback twin
            }
            Response shortCircuit = send(target);
            String fallbackTarget = target.matches("(?i)https?://.*")
                    ? target.replaceFirst("^((?i)https?://[^/]+)", "$1/fallback") : "/fallback" + target;
            Response r = send(fallbackTarget);
            report("bypass-fallback", fallbackTarget, r);
            boolean leavesTheApplication = target.matches("(?i)(https?://[^/]+)?/(\\.\\.|%2e%2e)/.*");
            if (leavesTheApplication) {
                assertThat(r.status()).as("%s\n%s", fallbackTarget, r).isIn(400, 410);
            } else {
                assertThat(r.status()).as("%s\n%s", fallbackTarget, r).isEqualTo(shortCircuit.status());
            }
            if (r.status() == 410) {
                assertThat(json(r).get("detail").asText()).isEqualTo(detail);
            }
        }

        private Response send(String target) throws IOException {
            return RawHttp.get(port, target.replace("{port}", Integer.toString(port)));
        }

    }

    // ---------------------------------------------------------------------------------------------------

    private static String display(String target) {
        StringBuilder out = new StringBuilder();
        for (char c : target.toCharArray()) {
            out.append(c < 0x20 || c >= 0x7f ? String.format("<%02X>", (int) c) : String.valueOf(c));
        }
        return out.length() > 80 ? out.substring(0, 80) + "...(" + target.length() + " chars)" : out.toString();
    }

    private void report(String kind, String target, Response r) {
        if (Boolean.getBoolean("gonefilter.it.report")) {
            String text = r.text().replaceAll("\\s+", " ");
            System.out.printf("%s %s %s -> %d %s%n", getClass().getSimpleName(),
                    kind, display(target), r.status(), r.status() == 410 ? "" : text.substring(0, Math.min(100, text.length())));
        }
    }

    private Response get(String target, String... headerPairs) throws IOException {
        RawHttp request = RawHttp.request(port, "GET", target);
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        return request.send();
    }

    private Response awaitStatus(String target, int status) throws IOException {
        long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
        while (true) {
            Response r = get(target);
            if (r.status() == status) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                fail("still " + r.status() + " after " + RELOAD_TIMEOUT + " for " + target + ", expected " + status);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertGone(Response r, String detail) throws IOException {
        assertThat(r.status()).as(r.toString()).isEqualTo(410);
        assertThat(json(r).get("detail").asText()).isEqualTo(detail);
        assertAppNotReached();
    }

    private static void assertPassedThrough(Response r, String appPath) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(appHits()).extracting(Hit::path).contains(appPath);
    }

    private static void assertAppNotReached() {
        assertThat(appHits()).as("requests that reached the application").isEmpty();
    }

    private static List<Hit> appHits() {
        return RecordingServlet.hits();
    }

    private static JsonNode json(Response r) throws IOException {
        return JSON.readTree(strictUtf8(r.body()));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("body is not valid UTF-8", e);
        }
    }

    private static List<Map.Entry<String, String>> withoutDate(List<Map.Entry<String, String>> headers) {
        return headers.stream().filter(h -> !h.getKey().equalsIgnoreCase("Date"))
                .map(h -> Map.entry(h.getKey().toLowerCase(Locale.ROOT), h.getValue())).toList();
    }

    private static String messages(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c).append('\n');
        }
        return out.toString();
    }
}
