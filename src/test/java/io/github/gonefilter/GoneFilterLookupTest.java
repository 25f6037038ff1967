package io.github.gonefilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the filter consults its registry and its clock: once per spelling of the path, and only when it may matter. */
class GoneFilterLookupTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final TombstoneRegistry registry = mock(TombstoneRegistry.class);
    private final Clock clock = mock(Clock.class);
    private final FilterChain chain = mock(FilterChain.class);
    private final GoneFilter filter = GoneFilter.builder().registry(registry).clock(clock).build();

    private ServletFakes.Response run(ServletFakes.Request request) throws Exception {
        ServletFakes.Response response = new ServletFakes.Response();
        filter.doFilter(request.build(), response.build(), chain);
        return response;
    }

    @Test
    void aLivePathReadsNoClockAndLooksNothingUp() throws Exception {
        ServletFakes.Response response = run(ServletFakes.request("GET", "/live"));
        verify(registry).mayMatch("/live");
        verify(registry, never()).find(anyString(), any());
        verifyNoInteractions(clock);
        verify(chain, times(1)).doFilter(any(ServletRequest.class), any(ServletResponse.class));
        assertThat(response.status).isEqualTo(200);
    }

    @Test
    void eachSpellingIsLookedUpOnceAndOnlyIfItMayMatch() throws Exception {
        // The container routes /a%2Fb as one segment "/a%2Fb"; a framework reading the URI sees /a/b.
        when(clock.instant()).thenReturn(NOW);
        when(registry.mayMatch("/a/b")).thenReturn(true);
        when(registry.find("/a/b", NOW)).thenReturn(Optional.of(Tombstone.of("/a/b")));
        ServletFakes.Response response = run(ServletFakes.request("GET", "/a%2Fb").servletPath("/a%2Fb", null));
        assertThat(response.status).isEqualTo(410);
        verify(registry, never()).find("/a%2Fb", NOW);
        verify(registry, times(1)).find("/a/b", NOW);
        verify(clock, times(1)).instant();
        verifyNoInteractions(chain);
    }

    /** A fail-closed registry that cannot answer throws: the request fails rather than reach the application. */
    @Test
    void aRegistryThatCannotAnswerFailsTheRequestInsteadOfLettingItThrough() throws Exception {
        when(clock.instant()).thenReturn(NOW);
        when(registry.mayMatch(anyString())).thenReturn(true);
        when(registry.find(anyString(), any())).thenThrow(new IllegalStateException("stale and fail-closed"));
        assertThatThrownBy(() -> run(ServletFakes.request("GET", "/anything"))).hasMessage("stale and fail-closed");
        verifyNoInteractions(chain);
    }

    @Test
    void aRemovalInForceUnderOneSpellingBeatsAScheduledOneUnderTheOther() throws Exception {
        when(clock.instant()).thenReturn(NOW);
        when(registry.mayMatch(anyString())).thenReturn(true);
        Tombstone scheduled = Tombstone.builder("/a%2Fb").goneFrom(NOW.plus(Duration.ofDays(1))).build();
        when(registry.find("/a%2Fb", NOW)).thenReturn(Optional.of(scheduled));
        when(registry.find("/a/b", NOW)).thenReturn(Optional.of(Tombstone.of("/a/b")));
        assertThat(run(ServletFakes.request("GET", "/a%2Fb").servletPath("/a%2Fb", null)).status).isEqualTo(410);

        when(registry.find("/a/b", NOW)).thenReturn(Optional.empty());
        ServletFakes.Response announced = run(ServletFakes.request("GET", "/a%2Fb").servletPath("/a%2Fb", null));
        assertThat(announced.status).isEqualTo(200);
        assertThat(announced.header("Sunset")).isNotNull();
        verify(chain, times(1)).doFilter(any(ServletRequest.class), any(ServletResponse.class));
    }
}
