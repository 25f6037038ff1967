package io.github.gonefilter.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12's proof in front of this example: a real Varnish running {@code examples/varnish/default.vcl} before the
 * application, which purges it through nothing but the {@code gone-filter.purge.*} properties. Clients read
 * through Varnish; deletions and restores go to the application's API, as its own users' would. Every wait is a
 * deadline on polling, never a sleep that has to be long enough.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "gone-filter.purge.surrogate-keys=true",
        // A 410 that caches may keep for days: only the purge can bring a restored article back at once.
        "gone-filter.restorable-max-age=P3D",
        "gone-filter.reload-interval=500ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class VarnishTests {

    /** What the issue allows between a change and the cache's new answer. */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    private static final Duration RELOAD_INTERVAL = Duration.ofMillis(500);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int VARNISH_PORT = freePort();
    /** A fresh copy of the shipped tombstone file for each run. */
    private static final Path TOMBSTONES = RunningExample.copyOfShippedTombstones(
            RunningExample.absent(Path.of("target", "test-data-varnish", "tombstones.json").toAbsolutePath()));

    @DynamicPropertySource
    static void purgeVarnish(DynamicPropertyRegistry registry) {
        registry.add("gone-filter.purge.endpoints", () -> "http://127.0.0.1:" + VARNISH_PORT);
        registry.add("gone-filter.tombstones", TOMBSTONES::toString);
    }

    @Value("${local.server.port}")
    int port;

    private Varnish varnish;
    /** gone-filter's log records, for the count of warnings while Varnish hangs. */
    private final Logger goneFilterLog = Logger.getLogger("io.github.gonefilter");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    void startVarnish() throws Exception {
        varnish = Varnish.start(port, VARNISH_PORT);
        recorder.setLevel(Level.ALL);
        goneFilterLog.addHandler(recorder);
    }

    @AfterAll
    void stopVarnish() throws Exception {
        goneFilterLog.removeHandler(recorder);
        if (varnish != null) {
            varnish.close();
        }
    }

    /** Scenarios 1 and 2. */
    @Test
    void aDeletedArticleIsGoneAtTheEdgeAtOnceAndARestoredOneIsBackAlthoughIts410HadAMaxAgeOfDays() throws Exception {
        String page = createArticle();
        assertThat(edge(page).statusCode()).isEqualTo(200);
        HttpResponse<String> again = edge(page);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(hit(again)).as("the second fetch is a cache hit").isTrue();

        assertThat(app("DELETE", page)).isEqualTo(204);
        awaitEdge(page, 410, PROMPTLY);
        HttpResponse<String> gone = edge(page);
        assertThat(hit(gone)).as("the 410 is cached").isTrue();
        assertThat(gone.headers().firstValue("Cache-Control")).hasValue("public, max-age=" + Duration.ofDays(3).toSeconds());

        assertThat(app("POST", page + "/restore")).isEqualTo(200);
        awaitEdge(page, 200, PROMPTLY);
    }

    /** Scenario 3; then the glob is taken out of the file again, which brings the pages back at the edge too. */
    @Test
    void aGlobAddedToTheFileMakesEveryCachedPageUnderIt410WithinTheReloadInterval() throws Exception {
        List<String> pages = List.of(createArticle(), createArticle());
        for (String page : pages) {
            edge(page);
            assertThat(hit(edge(page))).as("%s cached", page).isTrue();
        }
        String shipped = Files.readString(TOMBSTONES);
        // The file registry takes an edit once the file was the same at two checks: up to two reload intervals.
        Duration within = PROMPTLY.plus(RELOAD_INTERVAL.multipliedBy(2));
        try {
            replaceTombstones(shipped.replaceFirst("\\[", "[\n    {\"path\": \"/api/articles/**\", \"reason\": \"expired\"},"));
            for (String page : pages) {
                awaitEdge(page, 410, within);
            }
        } finally {
            replaceTombstones(shipped);
        }
        for (String page : pages) {
            awaitEdge(page, 200, within);
        }
    }

    /**
     * Scenario 4. Spring Security's firewall refuses {@code //} and {@code ;jsessionid=} (400) before any filter
     * runs, so neither reaches the application or gets cached; percent-encoded letters and digits do both.
     */
    @Test
    void withSurrogateKeysEveryCachedSpellingOfADeletedArticleIsPurged() throws Exception {
        String page = createArticle();
        String id = page.substring(page.lastIndexOf('/') + 1);
        List<String> spellings = List.of(page, page.replace("/articles/", "/%61rticles/"),
                page.substring(0, page.length() - 1) + "%3" + id.charAt(id.length() - 1));
        for (String spelling : spellings) {
            assertThat(edge(spelling).statusCode()).as(spelling).isEqualTo(200);
            assertThat(hit(edge(spelling))).as("%s cached", spelling).isTrue();
        }
        assertThat(edge(page.replace("/api/", "/api//")).statusCode()).as("the firewall refuses //").isEqualTo(400);
        assertThat(edge(page + ";jsessionid=0").statusCode()).as("... and ;").isEqualTo(400);

        assertThat(app("DELETE", page)).isEqualTo(204);
        for (String spelling : spellings) {
            awaitEdge(spelling, 410, PROMPTLY);
        }
    }

    /**
     * Scenario 5, with a Varnish that hangs (frozen, so that a purge waits for its timeout) rather than one that
     * refuses connections: the burst must not wait for it, and its cache, still holding the deleted articles, shows
     * that the queued purges reach it once it answers again.
     */
    @Test
    void whileVarnishHangsDeletionsNeverWaitOneWarningIsLoggedAndTheQueuedPurgesGoThroughAfterwards()
            throws Exception {
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String page = createArticle();
            edge(page);
            assertThat(hit(edge(page))).isTrue();
            pages.add(page);
        }
        double retriedBefore = purges("retried");
        records.clear();
        varnish.pause();
        try {
            for (String page : pages) {
                long start = System.nanoTime();
                assertThat(app("DELETE", page)).isEqualTo(204);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("a deletion does not wait for the purge, which waits up to 5 s for the frozen Varnish")
                        .isLessThan(Duration.ofMillis(2500));
                assertThat(app("GET", page)).as("the application answers meanwhile").isEqualTo(410);
            }
            await(() -> purges("retried") > retriedBefore, () -> "a purge attempt timed out");
        } finally {
            varnish.resume();
        }
        for (String page : pages) {
            awaitEdge(page, 410, PROMPTLY.plusSeconds(2)); // the first retry comes a second after the failure
        }
        await(() -> pending() == 0, () -> "no purge pending");
        assertThat(purges("failed") + purges("dropped")).isZero();
        String endpoint = "varnish http://127.0.0.1:" + VARNISH_PORT;
        assertThat(records).filteredOn(r -> r.getLevel() == Level.WARNING).as("one warning for the hang")
                .singleElement().extracting(LogRecord::getMessage).asString().contains(endpoint).contains("failed");
        assertThat(records).filteredOn(r -> r.getLevel() == Level.INFO).extracting(LogRecord::getMessage)
                .filteredOn(message -> message.contains(endpoint)).singleElement().asString().contains("works again");
    }

    // --- helpers ---

    /** A new article through the API; its path. */
    private String createArticle() throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(appUri("/api/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Cached\",\"body\":\"At the edge.\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        return created.headers().firstValue("Location").orElseThrow();
    }

    /** Status of a request straight to the application. */
    private int app(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(appUri(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A GET through Varnish. */
    private HttpResponse<String> edge(String target) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + VARNISH_PORT + target))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Varnish names two transactions in {@code X-Varnish} when it answers from its cache. */
    private static boolean hit(HttpResponse<?> response) {
        return response.headers().firstValue("X-Varnish").orElse("").trim().split("\\s+").length == 2;
    }

    private void awaitEdge(String target, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last;
        do {
            last = edge(target).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Varnish still answered " + last + " for " + target + " after " + within.toMillis()
                + " ms, expected " + status + "\n" + varnish.log());
    }

    /** The {@code gone.filter.purges} count of {@code outcome}, from the Actuator metrics endpoint. */
    private double purges(String outcome) {
        return metric("gone.filter.purges?tag=outcome:" + outcome);
    }

    private double pending() {
        return metric("gone.filter.purges.pending");
    }

    private double metric(String nameAndTags) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(appUri("/actuator/metrics/" + nameAndTags))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            RunningExample.OPERATOR.getBytes(StandardCharsets.UTF_8))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return new ObjectMapper().readTree(response.body()).at("/measurements/0/value").asDouble();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Replaces the tombstone file in one step, as a deployment would. */
    private static void replaceTombstones(String text) throws IOException {
        Path next = TOMBSTONES.resolveSibling("next.json");
        Files.writeString(next, text);
        Files.move(next, TOMBSTONES, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private URI appUri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what.get());
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() {
        try {
            return Varnish.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
