package io.github.gonefilter.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.ServerHttpObservationFilter;

/** A 410 or 451 of the filter gets a bounded uri tag instead of UNKNOWN; other statuses keep Spring's own. */
class HttpServerObservationNamingTest {

    @AfterEach
    void reset() {
        RequestContextHolder.resetRequestAttributes();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"410, GONE", "451, UNAVAILABLE_FOR_LEGAL_REASONS", "404, null", "400, null"})
    void namesTheGoneStatusesOnly(int status, String expected) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/deleted/12345");
        ServerRequestObservationContext observation =
                new ServerRequestObservationContext(request, new MockHttpServletResponse());
        request.setAttribute(ServerHttpObservationFilter.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE, observation);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        new HttpServerObservationNaming().onResponse(
                new GoneEvent("GET", "/deleted/12345", status, Tombstone.of("/deleted/12345"), Instant.now()));

        assertThat(observation.getPathPattern()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"410"})
    void withoutACurrentRequestNothingHappens(int status) {
        new HttpServerObservationNaming().onResponse(new GoneEvent("GET", "/x", status, Tombstone.of("/x"), Instant.now()));
        assertThat(RequestContextHolder.getRequestAttributes()).isNull();
    }
}
