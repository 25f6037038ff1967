package io.github.gonefilter.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.gonefilter.support.TestClock;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class NotFoundMonitorTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private final TestClock clock = new TestClock(T0);

    private NotFoundMonitor.Builder monitor() {
        return NotFoundMonitor.builder().clock(clock);
    }

    @Test
    void countsEachPathWithFirstAndLastSeenHighestCountFirst() {
        NotFoundMonitor m = monitor().build();
        m.record("/old/a", null, null, null);
        clock.advance(Duration.ofMinutes(5));
        m.record("/old/b", null, null, null);
        m.record("/old/b", null, null, null);

        List<NotFoundEntry> entries = m.entries();
        assertThat(entries).extracting(NotFoundEntry::path).containsExactly("/old/b", "/old/a");
        NotFoundEntry b = entries.get(0);
        assertThat(b.count()).isEqualTo(2);
        assertThat(b.error()).isZero();
        assertThat(b.firstSeen()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(b.lastSeen()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(entries.get(1).firstSeen()).isEqualTo(T0);
        assertThat(m.statistics().recorded()).isEqualTo(3);
    }

    @Test
    void aFullMonitorReplacesTheLeastRequestedEntryWhichLendsItsCountAsError() {
        NotFoundMonitor m = monitor().maxEntries(2).build();
        for (int i = 0; i < 5; i++) {
            m.record("/hot", null, null, null);
        }
        m.record("/cold", null, null, null);
        m.record("/new", null, null, null);

        assertThat(m.entries()).extracting(NotFoundEntry::path).containsExactly("/hot", "/new");
        NotFoundEntry fresh = m.entry("/new").orElseThrow();
        assertThat(fresh.count()).isEqualTo(2);
        assertThat(fresh.error()).isEqualTo(1);
        assertThat(fresh.guaranteedCount()).isEqualTo(1);
        assertThat(m.statistics().replaced()).isEqualTo(1);
    }

    @Test
    void entriesNotSeenForTheRetentionExpireWithoutAScheduler() {
        NotFoundMonitor m = monitor().retention(Duration.ofDays(1)).build();
        m.record("/stale", null, null, null);
        clock.advance(Duration.ofHours(20));
        m.record("/fresh", null, null, null);
        clock.advance(Duration.ofHours(5));

        assertThat(m.entries()).extracting(NotFoundEntry::path).containsExactly("/fresh");
        assertThat(m.statistics().expired()).isEqualTo(1);
    }

    @Test
    void excludedProbesAreNotCountedInAnyCase() {
        NotFoundMonitor m = monitor().build();
        for (String probe : List.of("/wp-admin/install.php", "/WP-ADMIN/x", "/shop/config.php", "/.env", "/api/.env",
                "/.git/config", "/backup.sql", "/favicon.ico", "/cgi-bin/test.cgi")) {
            m.record(probe, null, null, null);
        }
        m.record("/blog/removed-post", null, null, null);

        assertThat(m.entries()).extracting(NotFoundEntry::path).containsExactly("/blog/removed-post");
        assertThat(m.statistics().excluded()).isEqualTo(9);
    }

    @Test
    void givenExclusionsReplaceTheDefaults() {
        NotFoundMonitor m = monitor().exclude("/internal/**").build();
        m.record("/old.php", null, null, null);
        m.record("/internal/x", null, null, null);

        assertThat(m.entries()).extracting(NotFoundEntry::path).containsExactly("/old.php");
    }

    @Test
    void theQueryIsIgnoredByDefaultAndKeptAsSentWhenAskedFor() {
        NotFoundMonitor ignoring = monitor().build();
        ignoring.record("/search", "q=alice%40example.com", null, null);
        ignoring.record("/search", "q=bob", null, null);
        assertThat(ignoring.entries()).singleElement().satisfies(e -> {
            assertThat(e.query()).isNull();
            assertThat(e.count()).isEqualTo(2);
        });

        NotFoundMonitor keeping = NotFoundMonitor.builder().clock(clock).ignoreQuery(false).build();
        keeping.record("/search", "q=alice%40example.com", null, null);
        keeping.record("/search", "q=bob", null, null);
        keeping.record("/search", "q=bob", null, null);
        assertThat(keeping.entries()).extracting(NotFoundEntry::query).containsExactly("q=bob", "q=alice%40example.com");
        assertThat(keeping.dismiss("/search")).isTrue();
        assertThat(keeping.entries()).isEmpty();
    }

    @Test
    void aPathHoldingAnEncodedQuestionMarkAndAPathWithAQueryAreEntriesOfTheirOwn() {
        NotFoundMonitor m = monitor().ignoreQuery(false).build();
        m.record("/blog/old-post?utm=x", "a", null, null); // GET /blog/old-post%3Futm=x?a
        for (int i = 0; i < 50; i++) {
            m.record("/blog/old-post", "utm=x?a", null, null); // GET /blog/old-post?utm=x?a
        }

        assertThat(m.entries()).extracting(NotFoundEntry::path, NotFoundEntry::query, NotFoundEntry::count)
                .containsExactly(tuple("/blog/old-post", "utm=x?a", 50L),
                        tuple("/blog/old-post?utm=x", "a", 1L));
        assertThat(m.entry("/blog/old-post")).get().extracting(NotFoundEntry::count).isEqualTo(50L);
        assertThat(m.dismiss("/blog/old-post")).isTrue();
        assertThat(m.entries()).extracting(NotFoundEntry::path).containsExactly("/blog/old-post?utm=x");
    }

    @Test
    void referrerHostsAndAgentsAreKeptOnlyWhenAskedForAndThenOnlyTheHost() {
        NotFoundMonitor plain = monitor().build();
        plain.record("/x", null, "https://news.example/a?token=1", "Mozilla/5.0");
        assertThat(plain.entries().get(0).referrers()).isEmpty();
        assertThat(plain.entries().get(0).bots() + plain.entries().get(0).humans()).isZero();

        NotFoundMonitor m = NotFoundMonitor.builder().clock(clock).referrers(true).userAgents(true).build();
        m.record("/x", null, "https://user:pw@News.Example:8443/a?token=1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0");
        m.record("/x", null, "https://news.example/b", "Googlebot/2.1 (+http://www.google.com/bot.html)");
        m.record("/x", null, "https://other.example/", null);
        m.record("/x", null, "not a url", "curl/8.5.0");

        NotFoundEntry e = m.entries().get(0);
        assertThat(e.referrers()).containsExactly(new NotFoundEntry.Referrer("news.example", 2),
                new NotFoundEntry.Referrer("other.example", 1));
        assertThat(e.bots()).isEqualTo(3);
        assertThat(e.humans()).isEqualTo(1);
    }

    @Test
    void overlongPathsAreNotCounted() {
        NotFoundMonitor m = monitor().build();
        m.record("/" + "a".repeat(NotFoundMonitor.MAX_KEY_LENGTH), null, null, null);
        assertThat(m.entries()).isEmpty();
        assertThat(m.statistics().excluded()).isEqualTo(1);
    }

    @Test
    void theHookCountsA404ReadAfterTheChainAndNothingElse() {
        NotFoundMonitor m = monitor().build();
        m.afterChain(request("/gone", DispatcherType.REQUEST), response(404));
        m.afterChain(request("/live", DispatcherType.REQUEST), response(200));
        m.afterChain(request("/error-page", DispatcherType.ERROR), response(404));

        assertThat(m.entries()).extracting(NotFoundEntry::path).containsExactly("/gone");
    }

    @Test
    void theHookNeverReadsHeadersItWasNotAskedFor() {
        NotFoundMonitor m = monitor().build();
        HttpServletRequest request = request("/gone", DispatcherType.REQUEST);
        m.afterChain(request, response(404));

        verify(request, never()).getHeader(any());
        verify(request, never()).getQueryString();
        verify(request, never()).getRemoteAddr();
        verify(request, never()).getCookies();
    }

    @Test
    void anAsyncRequestIsCountedWhenItCompletesWithTheStatusItEndedWith() throws Exception {
        NotFoundMonitor m = monitor().build();
        HttpServletRequest request = request("/later", DispatcherType.REQUEST);
        HttpServletResponse response = mock(HttpServletResponse.class);
        AsyncContext async = mock(AsyncContext.class);
        when(request.isAsyncStarted()).thenReturn(true);
        when(request.getAsyncContext()).thenReturn(async);

        m.afterChain(request, response);
        ArgumentCaptor<AsyncListener> listener = ArgumentCaptor.forClass(AsyncListener.class);
        verify(async).addListener(listener.capture(), any(), any());
        verify(response, never()).getStatus(); // the request thread is not held: the status is read at completion
        assertThat(m.entries()).isEmpty();

        when(response.getStatus()).thenReturn(404);
        listener.getValue().onComplete(new AsyncEvent(async, request, response));
        assertThat(m.entries()).extracting(NotFoundEntry::path).containsExactly("/later");
    }

    @Test
    void aNewAsyncCycleKeepsTheListener() throws Exception {
        NotFoundMonitor m = monitor().build();
        HttpServletRequest request = request("/later", DispatcherType.REQUEST);
        AsyncContext first = mock(AsyncContext.class);
        AsyncContext second = mock(AsyncContext.class);
        when(request.isAsyncStarted()).thenReturn(true);
        when(request.getAsyncContext()).thenReturn(first);
        HttpServletResponse response = response(404);
        m.afterChain(request, response);
        ArgumentCaptor<AsyncListener> listener = ArgumentCaptor.forClass(AsyncListener.class);
        verify(first).addListener(listener.capture(), any(), any());

        listener.getValue().onStartAsync(new AsyncEvent(second, request, null));
        verify(second).addListener(listener.getValue(), request, response);
    }

    @Test
    void countsAreExactUnderConcurrentRecording() throws Exception {
        NotFoundMonitor m = monitor().build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    m.record("/p" + (i % 10), null, null, null);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(m.entries()).hasSize(10).allSatisfy(e -> assertThat(e.count()).isEqualTo(4_000));
    }

    @Test
    void settingsAreCheckedAndSetOnce() {
        assertThatThrownBy(() -> NotFoundMonitor.builder().maxEntries(0))
                .hasMessage("maxEntries must be between 1 and 100000 but was 0");
        assertThatThrownBy(() -> NotFoundMonitor.builder().retention(Duration.ZERO))
                .hasMessage("retention must be positive but was PT0S");
        assertThatThrownBy(() -> NotFoundMonitor.builder().maxEntries(5).maxEntries(6))
                .hasMessage("maxEntries was already set to 5");
        assertThatThrownBy(() -> NotFoundMonitor.builder().exclude("/a", " ")).hasMessageContaining("blank");
    }

    private static HttpServletRequest request(String path, DispatcherType type) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getDispatcherType()).thenReturn(type);
        when(request.getServletPath()).thenReturn(path);
        return request;
    }

    private static HttpServletResponse response(int status) {
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getStatus()).thenReturn(status);
        return response;
    }
}
