package io.github.gonefilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.response.ResponseFormat;
import io.github.gonefilter.tombstone.Tombstone;
import jakarta.servlet.FilterChain;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The response writer reuses rendered bodies; a reused body must always be the one the request needs. */
class RenderedBodyCacheTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static String body(GoneFilter filter, ServletFakes.Request request) throws Exception {
        ServletFakes.Response response = new ServletFakes.Response();
        FilterChain app = mock(FilterChain.class);
        filter.doFilter(request.build(), response.build(), app);
        verifyNoInteractions(app); // a gone path never reaches the application
        assertThat(response.contentLength).isEqualTo(response.body.size());
        return response.bodyText();
    }

    @Test
    void aReplacedTombstoneIsRenderedAfresh() throws Exception {
        InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of(Tombstone.builder("/a").message("first").build());
        GoneFilter filter = GoneFilter.builder().registry(registry).clock(CLOCK).build();
        assertThat(body(filter, ServletFakes.request("GET", "/a"))).contains("first");
        assertThat(body(filter, ServletFakes.request("GET", "/a"))).contains("first");
        registry.bury(Tombstone.builder("/a").message("second").build());
        assertThat(body(filter, ServletFakes.request("GET", "/a"))).contains("second").doesNotContain("first");
    }

    @Test
    void everyPathAndContextGetsItsOwnInstance() throws Exception {
        GoneFilter filter = GoneFilter.builder().registry(InMemoryTombstoneRegistry.of(Tombstone.of("/old/**")))
                .clock(CLOCK).build();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 1000; i++) {
                assertThat(body(filter, ServletFakes.request("GET", "/old/" + i)))
                        .contains("\"instance\":\"/old/" + i + "\"");
            }
            assertThat(body(filter, ServletFakes.request("GET", "/shop/old/7").contextPath("/shop")))
                    .contains("\"instance\":\"/shop/old/7\"");
            assertThat(body(filter, ServletFakes.request("GET", "/old/7"))).contains("\"instance\":\"/old/7\"");
        }
    }

    @Test
    void eachFilterRendersInItsOwnFormat() throws Exception {
        InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of(Tombstone.builder("/a").message("m").build());
        GoneFilter problem = GoneFilter.builder().registry(registry).clock(CLOCK).build();
        GoneFilter simple = GoneFilter.builder().registry(registry).clock(CLOCK).format(ResponseFormat.SIMPLE).build();
        assertThat(body(problem, ServletFakes.request("GET", "/a"))).contains("\"instance\"");
        assertThat(body(simple, ServletFakes.request("GET", "/a"))).contains("\"error\":\"Gone\"").doesNotContain("instance");
        assertThat(body(problem, ServletFakes.request("GET", "/a"))).contains("\"instance\"");
    }
}
