package io.github.gonefilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.registry.jdbc.JdbcTombstoneRegistry;
import io.github.gonefilter.support.LogCapture;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.Visibility;
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
            Tombstone.builder("/api/7").mode(TombstoneMode.SHORT_CIRCUIT).restorable(true).build(),
            Tombstone.builder("/legal/1").visibility(Visibility.LEGAL).build(),
            Tombstone.builder("/users/9").visibility(Visibility.NOT_FOUND).build(),
            Tombstone.builder("/users/8").visibility(Visibility.NOT_FOUND).mode(TombstoneMode.FALLBACK).build());
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

    @Test
    void aRedirectIsNotLiveContent() throws Exception {
        GoneFilter filter = filter(true);
        try (LogCapture log = LogCapture.quietly(GoneFilter.class)) {
            assertThat(run(filter, "/slug", r -> r.setStatus(302)).status).isEqualTo(302);
            assertThat(run(filter, "/slug", r -> r.setStatus(301)).status).isEqualTo(301);
            assertThat(run(filter, "/slug", r -> r.setStatus(304)).status).isEqualTo(304);
            assertThat(log.messages(Level.WARNING)).isEmpty();
        }
        assertThat(live).isEmpty();
        assertThat(registry.find("/slug", NOW)).as("a login or trailing-slash redirect restores nothing").isPresent();
    }

    @Test
    void legalBlocksAndErasuresIgnoreTheFiltersDefaultMode() throws Exception {
        for (String path : List.of("/legal/1", "/users/9")) {
            FilterChain chain = app(r -> r.setStatus(200));
            ServletFakes.Response response = new ServletFakes.Response();
            filter(false).doFilter(ServletFakes.request("GET", path).build(), response.build(), chain);
            assertThat(response.status).as(path).isEqualTo(path.startsWith("/legal") ? 451 : 404);
            org.mockito.Mockito.verifyNoInteractions(chain);
        }
        assertThat(run(filter(false), "/users/8", r -> r.setStatus(200)).status)
                .as("an erasure that names fallback itself").isEqualTo(200);
    }

    @Test
    void anErasedPathIsNeverNamedInTheLog() throws Exception {
        try (LogCapture log = LogCapture.quietly(GoneFilter.class)) {
            run(filter(false), "/users/8", r -> r.setStatus(200));
            assertThat(log.messages(Level.WARNING)).singleElement().asString()
                    .startsWith("an erased path (visibility not_found) is tombstoned but the application served 200")
                    .doesNotContain("/users/8");
        }
        assertThat(live).extracting(GoneEvent::path).containsExactly("/users/8"); // the operator's own listener
    }

    @Test
    void oneGlobCannotUseUpTheWarningsOfTheOthers() throws Exception {
        GoneFilter filter = filter(false);
        try (LogCapture log = LogCapture.quietly(GoneFilter.class)) {
            for (int i = 0; i < 2000; i++) {
                run(filter, "/area/p" + i, r -> r.setStatus(200));
            }
            run(filter, "/kept", r -> r.setStatus(200));
            List<String> warnings = log.messages(Level.WARNING);
            assertThat(warnings).hasSize(16 + 2);
            assertThat(warnings.get(16)).isEqualTo("more than 16 paths under one tombstone /area/** served live"
                    + " content; further ones are not logged (listeners still hear each)");
            assertThat(warnings.get(17)).startsWith("path /kept is tombstoned but the application served 200");
        }
        assertThat(live).hasSize(2001);
    }

    @Test
    void aRefusedRestoreIsLoggedOncePerPath() throws Exception {
        InMemoryTombstoneRegistry readOnly = org.mockito.Mockito.spy(registry);
        org.mockito.Mockito.doThrow(new UnsupportedOperationException("read-only")).when(readOnly)
                .restore(any(), org.mockito.ArgumentMatchers.anyBoolean());
        GoneFilter filter = GoneFilter.builder().registry(readOnly).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .mode(TombstoneMode.FALLBACK).autoRestore(true).build();
        try (LogCapture log = LogCapture.quietly(GoneFilter.class)) {
            for (int i = 0; i < 5; i++) {
                assertThat(run(filter, "/slug", r -> r.setStatus(200)).status).isEqualTo(200);
            }
            assertThat(log.messages(Level.WARNING)).containsExactly("path /slug is tombstoned but the application"
                    + " served 200; restoring the tombstone failed: java.lang.UnsupportedOperationException: read-only");
        }
    }

    @Test
    void headersSetBeforeTheApplicationStayAndItsCookiesGo() throws Exception {
        ServletFakes.Response response = new ServletFakes.Response();
        HttpServletResponse container = response.build();
        container.setHeader("Access-Control-Allow-Origin", "*");
        filter(false).doFilter(ServletFakes.request("GET", "/kept").build(), container, app(r -> {
            r.addHeader("Set-Cookie", "csrf=TOKEN");
            r.setHeader("X-App", "own");
            r.sendError(404);
        }));
        assertThat(response.status).isEqualTo(410);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.header("Set-Cookie")).isNull();
        assertThat(response.header("X-App")).isNull();
    }

    @Test
    void aFingerprintedTombstoneIsJudgedByTheRegistryNotByItsMissingDetails(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path tmp) throws Exception {
        javax.sql.DataSource ds = new io.github.gonefilter.support.H2Database().dataSource();
        try (JdbcTombstoneRegistry writer = compact(ds, tmp, true)) {
            for (int i = 0; i < 10; i++) {
                writer.bury(Tombstone.builder("/p" + i).reason("expired").message("gone " + i).restorable(i != 9).build());
            }
        }
        try (JdbcTombstoneRegistry compact = compact(ds, tmp, false)) {
            assertThat(compact.compact()).isTrue();
            GoneFilter filter = GoneFilter.builder().registry(compact).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .mode(TombstoneMode.FALLBACK).autoRestore(true).build();
            try (LogCapture log = LogCapture.quietly(GoneFilter.class)) {
                assertThat(run(filter, "/p2", r -> r.setStatus(200)).status).isEqualTo(200);
                assertThat(run(filter, "/p9", r -> r.setStatus(200)).status).isEqualTo(200);
                assertThat(log.messages(Level.WARNING)).containsExactly(
                        "path /p2 is tombstoned but the application served 200; restored the tombstone (autoRestore)",
                        "path /p9 is tombstoned but the application served 200; the tombstone is not restorable:"
                                + " restore it by force or remove it");
            }
            assertThat(compact.find("/p2", NOW)).as("restored at its first live answer").isEmpty();
            assertThat(compact.find("/p9", NOW)).isPresent();
        }
    }

    private static JdbcTombstoneRegistry compact(javax.sql.DataSource ds, java.nio.file.Path tmp, boolean create) {
        return JdbcTombstoneRegistry.builder(ds).createSchema(create).compactAbove(3)
                .syncInterval(java.time.Duration.ofMinutes(10)).snapshotFile(tmp.resolve("snapshot.bin")).build();
    }
}
