package io.github.gonefilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.support.LogCapture;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Fallback mode's decisions that need no container: what counts as live content, autoRestore, late calls. */
class FallbackModeTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of(
            Tombstone.builder("/slug").restorable(true).build(),
            Tombstone.builder("/kept").build(),
            Tombstone.builder("/area/**").restorable(true).build(),
            Tombstone.builder("/api/7").mode(TombstoneMode.SHORT_CIRCUIT).restorable(true).build());
    private final List<GoneEvent> answered = new ArrayList<>();
    private final List<GoneEvent> live = new ArrayList<>();
    private final GoneListener listener = new GoneListener() {
        @Override
        public void onResponse(GoneEvent event) {
            answered.add(event);
        }

        @Override
        public void onLiveContent(GoneEvent event) {
            live.add(event);
        }
    };

    private GoneFilter filter(boolean autoRestore) {
        return GoneFilter.builder().registry(registry).clock(Clock.fixed(NOW, ZoneOffset.UTC)).listener(listener)
                .mode(TombstoneMode.FALLBACK).autoRestore(autoRestore).build();
    }

    /** A chain whose application answers with {@code action} on the response it is given. */
    private static FilterChain app(ResponseAction action) throws Exception {
        FilterChain chain = mock(FilterChain.class);
        doAnswer(call -> {
            action.run(call.getArgument(1, HttpServletResponse.class));
            return null;
        }).when(chain).doFilter(any(), any(ServletResponse.class));
        return chain;
    }

    interface ResponseAction {
        void run(HttpServletResponse response) throws Exception;
    }

    private ServletFakes.Response run(GoneFilter filter, String path, ResponseAction action) throws Exception {
        ServletFakes.Response response = new ServletFakes.Response();
        filter.doFilter(ServletFakes.request("GET", path).build(), response.build(), app(action));
        return response;
    }

    @Test
    void autoRestoreRestoresOnlyRestorableExactPathTombstones() throws Exception {
        GoneFilter filter = filter(true);
        try (LogCapture log = LogCapture.quietly(GoneFilter.class)) {
            for (String path : List.of("/slug", "/kept", "/area/page")) {
                assertThat(run(filter, path, r -> r.setStatus(200)).status).isEqualTo(200);
            }
            assertThat(log.messages(Level.WARNING)).containsExactly(
                    "path /slug is tombstoned but the application served 200; restored the tombstone (autoRestore)",
                    "path /kept is tombstoned but the application served 200; the tombstone is not restorable:"
                            + " restore it by force or remove it",
                    "path /area/page is tombstoned but the application served 200; narrow or restore the tombstone"
                            + " /area/**");
        }
        assertThat(registry.find("/slug", NOW)).isEmpty();
        assertThat(registry.find("/kept", NOW)).isPresent();
        assertThat(registry.find("/area/other", NOW)).as("one live page does not restore a glob").isPresent();
        assertThat(live).extracting(GoneEvent::path).containsExactly("/slug", "/kept", "/area/page");
    }

    @Test
    void withoutAutoRestoreTheTombstoneStays() throws Exception {
        run(filter(false), "/slug", r -> r.setStatus(200));
        assertThat(registry.find("/slug", NOW)).isPresent();
        assertThat(live).hasSize(1);
    }

    @Test
    void anErrorIsNotLiveContent() throws Exception {
        GoneFilter filter = filter(true);
        assertThat(run(filter, "/slug", r -> r.sendError(500)).status).isEqualTo(500);
        assertThat(run(filter, "/slug", r -> r.sendError(403)).status).isEqualTo(403);
        assertThat(live).isEmpty();
        assertThat(answered).isEmpty();
        assertThat(registry.find("/slug", NOW)).isPresent();
    }

    @Test
    void onlyAServedGetOrHeadIsLiveContent() throws Exception {
        GoneFilter filter = filter(true);
        for (String method : List.of("DELETE", "PUT", "POST")) {
            ServletFakes.Response response = new ServletFakes.Response();
            filter.doFilter(ServletFakes.request(method, "/slug").build(), response.build(), app(r -> r.setStatus(204)));
            assertThat(response.status).isEqualTo(204);
        }
        assertThat(live).isEmpty();
        assertThat(registry.find("/slug", NOW)).as("an idempotent DELETE's 204 restores nothing").isPresent();
        ServletFakes.Response head = new ServletFakes.Response();
        filter.doFilter(ServletFakes.request("HEAD", "/slug").build(), head.build(), app(r -> r.setStatus(200)));
        assertThat(live).extracting(GoneEvent::method).containsExactly("HEAD");
    }

    @Test
    void whatTheApplicationDoesAfterItsNotFoundIsDiscarded() throws Exception {
        ServletFakes.Response response = run(filter(false), "/slug", r -> {
            PrintWriter early = r.getWriter(); // taken before the 404, used after it
            r.setHeader("ETag", "\"own\"");
            r.setStatus(404);
            r.setContentType("text/plain");
            r.setHeader("Cache-Control", "no-store");
            early.write("the application's own 404 page");
            early.flush();
            r.sendError(404, "again");
            r.sendRedirect("/elsewhere");
            r.flushBuffer();
            assertThat(r.isCommitted()).isTrue();
        });
        assertThat(response.status).isEqualTo(410);
        assertThat(response.errorSent).isNull();
        assertThat(response.header("ETag")).isNull();
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=86400");
        assertThat(response.contentType).isEqualTo("application/problem+json");
        assertThat(response.bodyText()).contains("\"status\":410").doesNotContain("own 404");
        assertThat(answered).extracting(GoneEvent::status).containsExactly(410);
        assertThat(live).isEmpty();
    }

    @Test
    void aNotFoundAfterTheResponseWasCommittedCannotBeTakenBack() throws Exception {
        ServletFakes.Response response = run(filter(false), "/slug", r -> {
            r.setStatus(200);
            r.getOutputStream().write('x');
            r.flushBuffer();
            r.setStatus(404);
        });
        assertThat(response.bodyText()).isEqualTo("x");
        assertThat(answered).isEmpty();
    }

    @Test
    void aTombstoneThatNamesShortCircuitNeverReachesTheApplication() throws Exception {
        FilterChain chain = app(r -> r.setStatus(200));
        ServletFakes.Response response = new ServletFakes.Response();
        filter(false).doFilter(ServletFakes.request("GET", "/api/7").build(), response.build(), chain);
        assertThat(response.status).isEqualTo(410);
        org.mockito.Mockito.verifyNoInteractions(chain);
    }
}
