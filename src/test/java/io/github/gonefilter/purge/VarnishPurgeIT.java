package io.github.gonefilter.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.support.LogCapture;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/**
 * The proof: a real Varnish 7 running {@code examples/varnish/default.vcl} in front of an application in
 * embedded Tomcat whose {@link GoneFilter} purges it. Every wait is a deadline on polling, never a sleep that has
 * to be long enough.
 */
class VarnishPurgeIT {

    /** What the issue allows between a change and the cache's new answer. */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void aDeletedPageIsGoneFromTheCacheAtOnceAndARestoredOneIsBackAlthoughThe410HadAMaxAgeOfDays() throws Exception {
        InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of();
        int port = Varnish.freePort();
        GoneFilter filter = GoneFilter.builder().registry(registry)
                .purger(VarnishPurger.builder("http://127.0.0.1:" + port).build()).build();
        try (ShopApp app = new ShopApp(filter, dir); Varnish varnish = Varnish.start(app.port, port)) {
            String page = "/shop/articles/7";
            assertThat(get(varnish, page).statusCode()).isEqualTo(200);
            // A varnishd just started may pass its very first fetch uncached; within moments the page is a hit.
            HttpResponse<String> again = get(varnish, page);
            long deadline = System.nanoTime() + PROMPTLY.toNanos();
            while (!hit(again) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                again = get(varnish, page);
            }
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(hit(again)).as("a later fetch is a cache hit").isTrue();

            registry.bury(Tombstone.builder("/articles/7").reason("user_request").restorable(true)
                    .maxAge(Duration.ofDays(30)).build());
            awaitStatus(varnish, page, 410);
            HttpResponse<String> gone = get(varnish, page);
            assertThat(hit(gone)).as("the 410 is cached").isTrue();
            assertThat(gone.headers().firstValue("Cache-Control")).hasValue("public, max-age=2592000");

            registry.restore("/articles/7");
            awaitStatus(varnish, page, 200);
            assertThat(get(varnish, page).body()).isEqualTo("live /shop/articles/7");
        }
    }

    @Test
    void aGlobAddedToTheFileMakesEveryCachedPageUnderIt410WithinTheReloadIntervalAndLeavesOthersCached()
            throws Exception {
        Path file = dir.resolve("tombstones.json");
        Files.writeString(file, "{\"tombstones\": []}\n");
        Duration reloadInterval = Duration.ofMillis(200);
        int port = Varnish.freePort();
        GoneFilter filter = GoneFilter.builder().tombstones(file.toString()).reloadInterval(reloadInterval)
                .purger(VarnishPurger.builder("http://127.0.0.1:" + port).build()).build();
        try (ShopApp app = new ShopApp(filter, dir); Varnish varnish = Varnish.start(app.port, port)) {
            List<String> under = List.of("/shop/catalog-2023", "/shop/catalog-2023/kettles", "/shop/catalog-2023/a/b?page=2",
                    "/shop/catalog-2023/caf%C3%A9");
            String outside = "/shop/catalog-2024/kettles";
            for (String page : concat(under, outside)) {
                get(varnish, page);
                assertThat(hit(get(varnish, page))).as("%s cached", page).isTrue();
            }

            Files.writeString(dir.resolve("next.json"), "{\"tombstones\": [{\"path\": \"/catalog-2023/**\", \"reason\": \"expired\"}]}\n");
            Files.move(dir.resolve("next.json"), file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Duration within = PROMPTLY.plus(reloadInterval.multipliedBy(2)); // settled: the same at two checks
            for (String page : under) {
                awaitStatus(varnish, page, 410, within);
            }
            HttpResponse<String> other = get(varnish, outside);
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(hit(other)).as("a page outside the glob stays cached").isTrue();
        }
    }

    @Test
    void withSurrogateKeysEverySpellingAndVariantOfAPathIsPurgedWithoutThemOnlyItsCanonicalUrl() throws Exception {
        List<String> spellings = List.of("/shop/articles/9", "/shop//articles/9;jsessionid=abc", "/shop/articles/9/",
                "/shop/Articles/../articles/./9", "/shop/%61rticles/9");
        assertThat(purgedSpellings(true, spellings)).containsExactlyInAnyOrderElementsOf(spellings);
        assertThat(purgedSpellings(false, spellings)).containsExactly("/shop/articles/9");
    }

    /** Caches each spelling (JSON and HTML), buries the path, and returns the spellings Varnish then answers 410 for. */
    private List<String> purgedSpellings(boolean surrogateKeys, List<String> spellings) throws Exception {
        InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of();
        int port = Varnish.freePort();
        GoneFilter filter = GoneFilter.builder().registry(registry).surrogateKeys(surrogateKeys)
                .purger(VarnishPurger.builder("http://127.0.0.1:" + port).build()).build();
        try (ShopApp app = new ShopApp(filter, dir); Varnish varnish = Varnish.start(app.port, port)) {
            for (String spelling : spellings) {
                for (String accept : List.of("application/json", "text/html")) {
                    get(varnish, spelling, accept);
                    assertThat(hit(get(varnish, spelling, accept))).as("%s (%s) cached", spelling, accept).isTrue();
                }
            }
            registry.bury(Tombstone.builder("/articles/9").reason("user_request").build());
            awaitStatus(varnish, "/shop/articles/9", 410);
            awaitQueueEmpty(filter);
            return spellings.stream().filter(s -> status(varnish, s, "text/html") == 410
                    && status(varnish, s, "application/json") == 410).toList();
        }
    }

    @Test
    void theSecondPurgeRemovesWhatANodeThatHadNotYetSeenTheChangePutBackIntoTheCache() throws Exception {
        // Node 1 buries and purges; node 2, behind Varnish, learns of the change only later (a slow sync).
        InMemoryTombstoneRegistry node1 = InMemoryTombstoneRegistry.of();
        InMemoryTombstoneRegistry node2 = InMemoryTombstoneRegistry.of();
        int port = Varnish.freePort();
        GoneFilter writer = GoneFilter.builder().registry(node1).purgeRepeatAfter(Duration.ofSeconds(3))
                .purger(VarnishPurger.builder("http://127.0.0.1:" + port).build()).build();
        writer.init(filterConfig(ShopApp.CONTEXT_PATH));
        try (ShopApp app = new ShopApp(GoneFilter.builder().registry(node2).build(), dir);
                Varnish varnish = Varnish.start(app.port, port)) {
            String page = "/shop/articles/5";
            get(varnish, page);
            Tombstone tombstone = Tombstone.builder("/articles/5").reason("user_request").build();
            node1.bury(tombstone);
            awaitSucceeded(writer, 1); // the first purge ...
            assertThat(get(varnish, page).statusCode()).as("... and node 2, stale, answers 200 again").isEqualTo(200);
            node2.bury(tombstone);     // node 2 syncs
            assertThat(hit(get(varnish, page))).as("the stale 200 is cached").isTrue();
            awaitStatus(varnish, page, 410, Duration.ofSeconds(3).plus(PROMPTLY));
        } finally {
            writer.destroy();
        }
    }

    @Test
    void whileVarnishIsDownBurialsNeverWaitOneWarningIsLoggedAndTheQueuedPurgesGoThroughWhenItIsBack()
            throws Exception {
        InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of();
        int port = Varnish.freePort();
        VarnishPurger varnishPurger = VarnishPurger.builder("http://127.0.0.1:" + port).build();
        Set<String> purgingThreads = ConcurrentHashMap.newKeySet();
        CachePurger recording = new CachePurger() {
            @Override
            public void purge(List<TombstoneChange> changes, String contextPath) throws Exception {
                purgingThreads.add(Thread.currentThread().getName());
                varnishPurger.purge(changes, contextPath);
            }

            @Override
            public String description() {
                return varnishPurger.description();
            }
        };
        GoneFilter filter = GoneFilter.builder().registry(registry).purger(recording)
                .purgeRepeatAfter(Duration.ZERO).build();
        try (LogCapture log = LogCapture.of(PurgeQueue.class); ShopApp app = new ShopApp(filter, dir)) {
            Varnish.start(app.port, port).close(); // it ran, and now it is down
            int burials = 30;
            for (int i = 0; i < burials; i++) {
                registry.bury(Tombstone.builder("/articles/" + i).reason("user_request").build());
            }
            registry.bury(Tombstone.builder("/catalog-2023/**").reason("expired").build());
            assertThat(purgingThreads).as("purges run on the queue's thread only").allMatch(t -> t.startsWith("gone-filter-purge-"));
            awaitRetried(filter, 2);
            assertThat(direct(app, "/shop/articles/3")).as("the application answers meanwhile").isEqualTo(410);

            try (Varnish back = Varnish.start(app.port, port)) {
                awaitQueueEmpty(filter);
                PurgeStatistics stats = filter.purgeStatistics();
                assertThat(stats.count(PurgeStatistics.Outcome.SUCCEEDED)).isEqualTo(burials + 1);
                assertThat(stats.count(PurgeStatistics.Outcome.DROPPED) + stats.count(PurgeStatistics.Outcome.FAILED)).isZero();
                assertThat(back.admin("ban.list")).as("the glob's ban reached the restarted Varnish")
                        .contains("obj.http.x-url ~ (?i)^/shop/catalog-2023(?:/[^?]*)?");
            }
            List<LogRecord> records = log.records();
            assertThat(records).filteredOn(r -> r.getLevel() == Level.WARNING).hasSize(1)
                    .first().extracting(LogRecord::getMessage).asString().contains("varnish http://127.0.0.1:" + port);
            assertThat(records).filteredOn(r -> r.getLevel() == Level.INFO).extracting(LogRecord::getMessage)
                    .singleElement().asString().contains("works again after");
        } finally {
            filter.destroy();
        }
        assertThat(purgingThreads).isNotEmpty();
    }

    @Test
    void purgesForAnotherHostLeaveThisHostsEntriesAlone() throws Exception {
        InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of();
        int port = Varnish.freePort();
        GoneFilter filter = GoneFilter.builder().registry(registry).purgeRepeatAfter(Duration.ZERO)
                .purger(VarnishPurger.builder("http://127.0.0.1:" + port).hosts("www.example.com").build()).build();
        try (ShopApp app = new ShopApp(filter, dir); Varnish varnish = Varnish.start(app.port, port)) {
            for (String page : List.of("/shop/articles/1", "/shop/legacy/a")) {
                get(varnish, page);
            }
            registry.bury(Tombstone.of("/articles/1"));
            registry.bury(Tombstone.builder("/legacy/**").build());
            awaitSucceeded(filter, 2);
            // The client's Host is 127.0.0.1:port; the purges named www.example.com.
            assertThat(hit(get(varnish, "/shop/articles/1"))).isTrue();
            assertThat(hit(get(varnish, "/shop/legacy/a"))).isTrue();
        }
    }

    // --- helpers ---

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new java.util.ArrayList<>(list);
        all.add(more);
        return all;
    }

    private static FilterConfig filterConfig(String contextPath) {
        ServletContext context = Mockito.mock(ServletContext.class);
        Mockito.when(context.getContextPath()).thenReturn(contextPath);
        FilterConfig config = Mockito.mock(FilterConfig.class);
        Mockito.when(config.getServletContext()).thenReturn(context);
        Mockito.when(config.getFilterName()).thenReturn("writer");
        return config;
    }

    private static HttpResponse<String> get(Varnish varnish, String target) throws IOException, InterruptedException {
        return get(varnish, target, "application/json");
    }

    private static HttpResponse<String> get(Varnish varnish, String target, String accept)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + varnish.port + target))
                .header("Accept", accept).timeout(Duration.ofSeconds(10)).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int status(Varnish varnish, String target, String accept) {
        try {
            return get(varnish, target, accept).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int direct(ShopApp app, String target) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port + target))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Varnish names two transactions in {@code X-Varnish} when it answers from its cache. */
    private static boolean hit(HttpResponse<?> response) {
        return response.headers().firstValue("X-Varnish").orElse("").trim().split("\\s+").length == 2;
    }

    private static void awaitStatus(Varnish varnish, String target, int status) throws Exception {
        awaitStatus(varnish, target, status, PROMPTLY);
    }

    private static void awaitStatus(Varnish varnish, String target, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last;
        do {
            last = get(varnish, target).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Varnish still answered " + last + " for " + target + " after " + within.toMillis()
                + " ms, expected " + status + "\n" + varnish.log());
    }

    private static void awaitQueueEmpty(GoneFilter filter) throws InterruptedException {
        await(() -> filter.purgeStatistics().pending() == 0, () -> "purge queue empty: " + filter.purgeStatistics());
    }

    private static void awaitSucceeded(GoneFilter filter, long count) throws InterruptedException {
        await(() -> filter.purgeStatistics().count(PurgeStatistics.Outcome.SUCCEEDED) >= count,
                () -> count + " purges succeeded: " + filter.purgeStatistics());
    }

    private static void awaitRetried(GoneFilter filter, long count) throws InterruptedException {
        await(() -> filter.purgeStatistics().count(PurgeStatistics.Outcome.RETRIED) >= count,
                () -> count + " failed attempts: " + filter.purgeStatistics());
    }

    private static void await(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(20);
        }
    }

}
