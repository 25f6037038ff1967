package io.github.gonefilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.internal.response.GoneResponseWriter;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.response.CacheScope;
import io.github.gonefilter.response.HtmlTemplate;
import io.github.gonefilter.response.ResponseFormat;
import io.github.gonefilter.support.LogCapture;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoneFilterTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of(
            Tombstone.builder("/api/users/123")
                    .deletedAt(Instant.parse("2026-05-01T00:00:00Z"))
                    .reason("user_request")
                    .message("This account was deleted at its owner's request.")
                    .alternative("/api/users")
                    .extension("supportUrl", "https://example.com/help")
                    .build(),
            Tombstone.builder("/api/v1/**").reason("sunset").alternative("https://example.com/api/v2").build(),
            Tombstone.builder("/cached").maxAge(Duration.ofDays(400)).goneUntil(NOW.plusSeconds(90)).build(),
            Tombstone.builder("/erased").visibility(Visibility.NOT_FOUND).reason("gdpr").message("secret").build(),
            Tombstone.builder("/takedown").visibility(Visibility.LEGAL).reason("dmca").build(),
            Tombstone.builder("/soon").goneFrom(NOW.plus(Duration.ofDays(10))).deletedAt(NOW.minus(Duration.ofDays(1)))
                    .alternative("/later").build(),
            Tombstone.builder("/past").goneUntil(NOW.minusSeconds(1)).build(),
            Tombstone.builder("/xss").message("<script>alert(1)</script> & \"quotes\"").build());

    private final List<String> reachedApp = new ArrayList<>();
    private final FilterChain chain = (req, res) -> reachedApp.add(
            ((jakarta.servlet.http.HttpServletRequest) req).getRequestURI());
    private final List<GoneEvent> events = new ArrayList<>();

    private GoneFilter filter() {
        return GoneFilter.builder().registry(registry).clock(CLOCK).listener(events::add).build();
    }

    private ServletFakes.Response run(GoneFilter filter, ServletFakes.Request request) throws Exception {
        ServletFakes.Response response = new ServletFakes.Response();
        filter.doFilter(request.build(), response.build(), chain);
        return response;
    }

    private ServletFakes.Response run(ServletFakes.Request request) throws Exception {
        return run(filter(), request);
    }

    @Test
    void livePathsPassThroughUntouched() throws Exception {
        ServletFakes.Response response = run(ServletFakes.request("GET", "/api/users/124"));
        assertThat(reachedApp).containsExactly("/api/users/124");
        assertThat(response.headers).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void livePathsDoNotEvenReadTheClock() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Clock counting = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                reads.incrementAndGet();
                return NOW;
            }
        };
        GoneFilter filter = GoneFilter.builder().registry(registry).clock(counting).build();
        run(filter, ServletFakes.request("GET", "/api/users/124"));
        run(filter, ServletFakes.request("GET", "/api/v2/orders"));
        assertThat(reads).hasValue(0);
        assertThat(reachedApp).hasSize(2);
        assertThat(run(filter, ServletFakes.request("GET", "/api/v1/orders")).status).isEqualTo(410);
        assertThat(run(filter, ServletFakes.request("GET", "/soon")).header("Sunset")).isNotNull();
        assertThat(reads.get()).isPositive();
    }

    @Test
    void goneAnswersWithProblemDetails() throws Exception {
        ServletFakes.Response response = run(ServletFakes.request("GET", "/shop/api/users/123").contextPath("/shop"));
        assertThat(reachedApp).isEmpty();
        assertThat(response.status).isEqualTo(410);
        assertThat(response.contentType).isEqualTo("application/problem+json");
        assertThat(response.contentLength).isEqualTo(response.body.size());
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=86400");
        assertThat(response.header("Link")).as("a path alternative is in the application")
                .isEqualTo("</shop/api/users>; rel=\"alternate\"");
        assertThat(response.header("Vary")).isEqualTo("Accept");
        JsonNode body = JSON.readTree(response.bodyText());
        assertThat(body.get("type").asText()).isEqualTo("about:blank");
        assertThat(body.get("title").asText()).isEqualTo("Gone");
        assertThat(body.get("status").asInt()).isEqualTo(410);
        assertThat(body.get("detail").asText()).isEqualTo("This account was deleted at its owner's request.");
        assertThat(body.get("instance").asText()).isEqualTo("/shop/api/users/123");
        assertThat(body.get("deletedAt").asText()).isEqualTo("2026-05-01T00:00:00Z");
        assertThat(body.get("reason").asText()).isEqualTo("user_request");
        assertThat(body.get("alternative").asText()).isEqualTo("/shop/api/users");
        assertThat(body.get("supportUrl").asText()).isEqualTo("https://example.com/help");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(410);
            assertThat(e.path()).isEqualTo("/api/users/123");
            assertThat(e.method()).isEqualTo("GET");
            assertThat(e.at()).isEqualTo(NOW);
        });
    }

    @Test
    void simpleFormatIsAvailable() throws Exception {
        GoneFilter simple = GoneFilter.builder().registry(registry).clock(CLOCK).format(ResponseFormat.SIMPLE).build();
        ServletFakes.Response response = run(simple, ServletFakes.request("GET", "/api/users/123"));
        assertThat(response.contentType).isEqualTo("application/json");
        JsonNode body = JSON.readTree(response.bodyText());
        assertThat(body.get("error").asText()).isEqualTo("Gone");
        assertThat(body.get("message").asText()).startsWith("This account");
        assertThat(body.get("reason").asText()).isEqualTo("user_request");
        assertThat(body.has("status")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "PROPFIND", "MKCOL", "FOO", "get"})
    void everyMethodThatCouldReuseTheResourceIsRefused(String method) throws Exception {
        ServletFakes.Response response = run(ServletFakes.request(method, "/api/users/123"));
        assertThat(response.status).isEqualTo(410);
        assertThat(reachedApp).isEmpty();
    }

    @Test
    void optionsPassesForCorsPreflightsUnlessConfigured() throws Exception {
        run(ServletFakes.request("OPTIONS", "/api/users/123"));
        assertThat(reachedApp).hasSize(1);
        GoneFilter listed = GoneFilter.builder().registry(registry).methods("GET", "options").build();
        assertThat(run(listed, ServletFakes.request("OPTIONS", "/api/users/123")).status).isEqualTo(410);
        run(listed, ServletFakes.request("POST", "/api/users/123"));
        assertThat(reachedApp).hasSize(2);
        GoneFilter everything = GoneFilter.builder().registry(registry).methods("*").build();
        assertThat(run(everything, ServletFakes.request("OPTIONS", "/api/users/123")).status).isEqualTo(410);
        GoneFilter exempt = GoneFilter.builder().registry(registry).methods("*", "!OPTIONS", "!PROPFIND").build();
        run(exempt, ServletFakes.request("PROPFIND", "/api/users/123"));
        assertThat(reachedApp).hasSize(3);
        assertThat(run(exempt, ServletFakes.request("MKCOL", "/api/users/123")).status).isEqualTo(410);
    }

    @Test
    void headHasTheSameHeadersAndNoBody() throws Exception {
        ServletFakes.Response get = run(ServletFakes.request("GET", "/api/users/123"));
        ServletFakes.Response head = run(ServletFakes.request("HEAD", "/api/users/123"));
        assertThat(head.body.size()).isZero();
        assertThat(head.contentLength).isEqualTo(get.body.size()).isPositive();
        assertThat(head.headers).isEqualTo(get.headers);
    }

    @Test
    void browsersGetAnEscapedHtmlPage() throws Exception {
        ServletFakes.Response response = run(ServletFakes.request("GET", "/xss")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertThat(response.contentType).isEqualTo("text/html;charset=UTF-8");
        assertThat(response.header("Vary")).isEqualTo("Accept");
        assertThat(response.bodyText()).contains("<h1>This page has been removed</h1>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;")
                .doesNotContain("<script>");
        assertThat(response.contentLength).isEqualTo(response.body.size());
    }

    @Test
    void jsonWinsTiesAndMissingAccept() throws Exception {
        assertThat(run(ServletFakes.request("GET", "/xss").header("Accept", "*/*")).contentType)
                .isEqualTo("application/problem+json");
        assertThat(run(ServletFakes.request("GET", "/xss").header("Accept", "application/json, text/html;q=0.5"))
                .contentType).isEqualTo("application/problem+json");
        assertThat(run(ServletFakes.request("GET", "/xss")).contentType).isEqualTo("application/problem+json");
    }

    @Test
    void customTemplateReplacesTheBuiltInPage() throws Exception {
        GoneFilter filter = GoneFilter.builder().registry(registry).clock(CLOCK)
                .htmlTemplate(HtmlTemplate.parse("<p>{{status}}: {{message}}{{?alternative}} see {{alternative}}{{/alternative}}</p>"))
                .build();
        ServletFakes.Response response = run(filter, ServletFakes.request("GET", "/xss").header("Accept", "text/html"));
        assertThat(response.bodyText()).isEqualTo("<p>410: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</p>");
    }

    @Test
    void browsersCanBeForwardedToAnErrorPageOfTheApplication() throws Exception {
        GoneFilter filter = GoneFilter.builder().registry(registry).clock(CLOCK).htmlErrorPage("/errors/gone").build();
        ServletFakes.Request request = ServletFakes.request("GET", "/xss").header("Accept", "text/html");
        ServletFakes.Response response = run(filter, request);
        assertThat(request.forwardedTo).containsExactly("/errors/gone");
        assertThat(response.status).isEqualTo(410);
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=86400");
        assertThat(request.attributes.get(GoneResponseWriter.TOMBSTONE_ATTRIBUTE))
                .isEqualTo(registry.find("/xss", NOW).orElseThrow());
        assertThat(request.attributes.get("jakarta.servlet.error.status_code")).isEqualTo(410);
        assertThat(reachedApp).isEmpty();
        ServletFakes.Request api = ServletFakes.request("GET", "/xss").header("Accept", "application/json");
        assertThat(run(filter, api).contentType).isEqualTo("application/problem+json");
        assertThat(api.forwardedTo).isEmpty();
        assertThatThrownBy(() -> GoneFilter.builder().registry(registry).htmlErrorPage("errors/gone").build())
                .hasMessageContaining("htmlErrorPage must be a path");
    }

    @Test
    void htmlCanBeSwitchedOffAndThenNothingVaries() throws Exception {
        GoneFilter filter = GoneFilter.builder().registry(registry).html(false).build();
        ServletFakes.Response response = run(filter, ServletFakes.request("GET", "/xss").header("Accept", "text/html"));
        assertThat(response.contentType).isEqualTo("application/problem+json");
        assertThat(response.header("Vary")).isNull();
    }

    @Test
    void cacheLifetimeComesFromTombstoneThenReasonThenDefaultAndNeverOutlivesGoneUntil() throws Exception {
        assertThat(run(ServletFakes.request("GET", "/cached")).header("Cache-Control")).isEqualTo("public, max-age=90");
        assertThat(run(ServletFakes.request("GET", "/api/v1/orders")).header("Cache-Control"))
                .isEqualTo("public, max-age=" + Duration.ofDays(30).getSeconds());
        GoneFilter custom = GoneFilter.builder().registry(registry).clock(CLOCK)
                .defaultMaxAge(Duration.ofHours(2)).maxAge("sunset", Duration.ofDays(90)).build();
        assertThat(run(custom, ServletFakes.request("GET", "/api/v1/orders")).header("Cache-Control"))
                .isEqualTo("public, max-age=" + Duration.ofDays(90).getSeconds());
        assertThat(run(custom, ServletFakes.request("GET", "/xss")).header("Cache-Control"))
                .isEqualTo("public, max-age=7200");
    }

    @Test
    void answersToAuthenticatedRequestsArePrivateUnlessConfigured() throws Exception {
        assertThat(run(ServletFakes.request("GET", "/xss")).header("Cache-Control")).isEqualTo("public, max-age=86400");
        assertThat(run(ServletFakes.request("GET", "/xss").header("Authorization", "Bearer x")).header("Cache-Control"))
                .isEqualTo("private, max-age=86400");
        assertThat(run(ServletFakes.request("GET", "/xss").principal("alice")).header("Cache-Control"))
                .as("authenticated by the container or a security filter, e.g. with a session cookie")
                .isEqualTo("private, max-age=86400");
        GoneFilter shared = GoneFilter.builder().registry(registry).clock(CLOCK)
                .authenticatedResponses(CacheScope.PUBLIC).build();
        assertThat(run(shared, ServletFakes.request("GET", "/xss").header("Authorization", "Bearer x"))
                .header("Cache-Control")).isEqualTo("public, max-age=86400");
    }

    @Test
    void restorableTombstonesGetAShortLifetimeWhateverTheirReason() throws Exception {
        InMemoryTombstoneRegistry restorable = InMemoryTombstoneRegistry.of(
                Tombstone.builder("/kettle").reason("discontinued").restorable(true).build(),
                Tombstone.builder("/final").reason("discontinued").build(),
                Tombstone.builder("/own").reason("discontinued").restorable(true).maxAge(Duration.ofMinutes(5)).build(),
                Tombstone.builder("/until").restorable(true).goneUntil(NOW.plusSeconds(60)).build());
        GoneFilter filter = GoneFilter.builder().registry(restorable).clock(CLOCK).build();
        assertThat(run(filter, ServletFakes.request("GET", "/kettle")).header("Cache-Control")).isEqualTo("public, max-age=86400");
        assertThat(run(filter, ServletFakes.request("GET", "/final")).header("Cache-Control"))
                .isEqualTo("public, max-age=" + Duration.ofDays(365).getSeconds());
        assertThat(run(filter, ServletFakes.request("GET", "/own")).header("Cache-Control")).isEqualTo("public, max-age=300");
        assertThat(run(filter, ServletFakes.request("GET", "/until")).header("Cache-Control")).isEqualTo("public, max-age=60");
        GoneFilter shorter = GoneFilter.builder().registry(restorable).clock(CLOCK).restorableMaxAge(Duration.ofMinutes(10)).build();
        assertThat(run(shorter, ServletFakes.request("GET", "/kettle")).header("Cache-Control")).isEqualTo("public, max-age=600");
        assertThatThrownBy(() -> GoneFilter.builder().registry(restorable).restorableMaxAge(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("restorableMaxAge must not be negative");
    }

    @Test
    void pathAlternativesAreRenderedUnderTheContextPathAbsoluteOnesAsWritten() throws Exception {
        ServletFakes.Response api = run(ServletFakes.request("GET", "/shop/api/users/123").contextPath("/shop")
                .header("Accept", "application/json"));
        assertThat(api.header("Link")).isEqualTo("</shop/api/users>; rel=\"alternate\"");
        assertThat(JSON.readTree(api.bodyText()).get("alternative").asText()).isEqualTo("/shop/api/users");
        ServletFakes.Response html = run(ServletFakes.request("GET", "/shop/api/users/123").contextPath("/shop")
                .header("Accept", "text/html"));
        assertThat(html.bodyText()).contains("href=\"/shop/api/users\"");
        GoneFilter simple = GoneFilter.builder().registry(registry).clock(CLOCK).format(ResponseFormat.SIMPLE).build();
        assertThat(JSON.readTree(run(simple, ServletFakes.request("GET", "/shop/api/users/123").contextPath("/shop"))
                .bodyText()).get("alternative").asText()).isEqualTo("/shop/api/users");
        assertThat(run(ServletFakes.request("GET", "/shop/api/v1/x").contextPath("/shop")).header("Link"))
                .isEqualTo("<https://example.com/api/v2>; rel=\"successor-version\"");
        assertThat(run(ServletFakes.request("GET", "/shop/soon").contextPath("/shop")).header("Link"))
                .isEqualTo("</shop/later>; rel=\"alternate\"");
        assertThat(run(ServletFakes.request("GET", "/api/users/123")).header("Link"))
                .as("at the root").isEqualTo("</api/users>; rel=\"alternate\"");
    }

    @Test
    void instantsAreRenderedAtWholeSeconds() throws Exception {
        InMemoryTombstoneRegistry buried = InMemoryTombstoneRegistry.of();
        buried.bury(Tombstone.builder("/fresh").deletedAt(Instant.parse("2026-05-01T10:15:32.813273369Z")).build());
        GoneFilter filter = GoneFilter.builder().registry(buried).clock(CLOCK).build();
        assertThat(JSON.readTree(run(filter, ServletFakes.request("GET", "/fresh")).bodyText()).get("deletedAt").asText())
                .isEqualTo("2026-05-01T10:15:32Z");
        assertThat(run(filter, ServletFakes.request("GET", "/fresh").header("Accept", "text/html")).bodyText())
                .contains("<time datetime=\"2026-05-01T10:15:32Z\">May 1, 2026</time>");
    }

    @Test
    void theBuiltInPageSpeaksToPeople() throws Exception {
        GoneFilter filter = GoneFilter.builder().registry(registry).clock(CLOCK)
                .blockedBy(URI.create("https://example.com/legal?a=1&b=2")).build();
        String gone = run(filter, ServletFakes.request("GET", "/shop/api/users/123").contextPath("/shop")
                .header("Accept", "text/html")).bodyText();
        assertThat(gone).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains("<title>This page has been removed</title>")
                .contains("<h1>This page has been removed</h1>")
                .contains("<p class=\"status\">Error 410</p>")
                .contains("<p>This account was deleted at its owner&#39;s request.</p>")
                .contains("<a class=\"action\" href=\"/shop/api/users\">Go to the new page</a>")
                .contains("<time datetime=\"2026-05-01T00:00:00Z\">May 1, 2026</time>")
                .doesNotContain("blocked").doesNotContain("<script").doesNotContain("src=").doesNotContain("@import");
        String legal = run(filter, ServletFakes.request("GET", "/takedown").header("Accept", "text/html")).bodyText();
        assertThat(legal).contains("<h1>Unavailable for legal reasons</h1>")
                .contains("<p class=\"status\">Error 451</p>")
                .contains("Blocked by <a href=\"https://example.com/legal?a=1&amp;b=2\">")
                .doesNotContain("class=\"action\"");
        GoneFilter german = GoneFilter.builder().registry(registry).clock(CLOCK).htmlLang("de-CH").build();
        assertThat(run(german, ServletFakes.request("GET", "/api/users/123").header("Accept", "text/html")).bodyText())
                .contains("<html lang=\"de-CH\">").contains(">1. Mai 2026</time>");
        assertThatThrownBy(() -> GoneFilter.builder().registry(registry).htmlLang("en\"><script>").build())
                .hasMessageContaining("htmlLang must be a BCP 47 language tag");
        assertThatThrownBy(() -> GoneFilter.builder().registry(registry).blockedBy(URI.create("javascript:alert(1)")).build())
                .hasMessageContaining("blockedBy must be an http(s) URI");
    }

    @Test
    void aRequestBeforeInitFailsWithAServletExceptionAndNeverReachesTheApp() {
        assertThatThrownBy(() -> run(new GoneFilter(), ServletFakes.request("GET", "/api/users/124")))
                .isInstanceOf(ServletException.class).hasMessage("GoneFilter was not initialized");
        assertThat(reachedApp).isEmpty();
    }

    @Test
    void startingLogsOneLineSayingWhatIsActive() throws Exception {
        GoneFilter filter = GoneFilter.builder().registry(registry).methods("GET", "HEAD")
                .dispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD).build();
        FilterConfig config = mock(FilterConfig.class);
        when(config.getFilterName()).thenReturn("goneFilter");
        List<LogRecord> records = LogCapture.during(GoneFilter.class, () -> filter.init(config));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.INFO);
            assertThat(r.getMessage()).isEqualTo("GoneFilter 'goneFilter' active: 8 tombstones from "
                    + "memory; methods GET, HEAD; dispatcher types FORWARD, REQUEST");
        });
        List<LogRecord> defaults = LogCapture.during(GoneFilter.class,
                () -> GoneFilter.builder().registry(registry).build().init(config));
        assertThat(defaults).extracting(LogRecord::getMessage).singleElement().asString()
                .endsWith("; methods *, !OPTIONS; dispatcher types REQUEST");
    }

    @Test
    void sunsetApiVersionsLinkToTheirSuccessor() throws Exception {
        assertThat(run(ServletFakes.request("GET", "/api/v1/orders/7")).header("Link"))
                .isEqualTo("<https://example.com/api/v2>; rel=\"successor-version\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD"})
    void notFoundVisibilityRevealsNothing(String method) throws Exception {
        ServletFakes.Response response = run(ServletFakes.request(method, "/erased"));
        assertThat(response.errorSent).isEqualTo(404);
        assertThat(response.headers).isEmpty();
        assertThat(response.body.size()).isZero();
        assertThat(reachedApp).isEmpty();
        assertThat(events).extracting(GoneEvent::status).containsExactly(404);
    }

    /** The application's answer for a missing resource (405, 501, ...) is what a never-existing id gets too. */
    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "PROPFIND", "FOO", "get"})
    void notFoundErasuresLeaveOtherMethodsToTheApplication(String method) throws Exception {
        ServletFakes.Response response = run(ServletFakes.request(method, "/erased"));
        assertThat(reachedApp).containsExactly("/erased");
        assertThat(response.errorSent).isNull();
        assertThat(response.headers).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void legalTakedownsAnswer451() throws Exception {
        ServletFakes.Response response = run(ServletFakes.request("GET", "/takedown"));
        assertThat(response.status).isEqualTo(451);
        JsonNode body = JSON.readTree(response.bodyText());
        assertThat(body.get("title").asText()).isEqualTo("Unavailable For Legal Reasons");
        assertThat(body.get("status").asInt()).isEqualTo(451);
        assertThat(body.get("reason").asText()).isEqualTo("dmca");
        assertThat(response.header("Link")).isNull();
        GoneFilter declared = GoneFilter.builder().registry(registry).blockedBy(URI.create("https://example.com/legal")).build();
        assertThat(run(declared, ServletFakes.request("GET", "/takedown")).header("Link"))
                .isEqualTo("<https://example.com/legal>; rel=\"blocked-by\"");
        assertThat(run(declared, ServletFakes.request("GET", "/xss")).header("Link")).isNull();
    }

    @Test
    void scheduledRemovalsPassThroughWithWarnings() throws Exception {
        ServletFakes.Response response = run(ServletFakes.request("GET", "/soon"));
        assertThat(reachedApp).containsExactly("/soon");
        assertThat(response.header("Sunset")).isEqualTo("Thu, 11 Jun 2026 12:00:00 GMT");
        assertThat(response.header("Deprecation")).isEqualTo("@" + NOW.minus(Duration.ofDays(1)).getEpochSecond());
        assertThat(response.header("Link")).isEqualTo("</later>; rel=\"alternate\"");
        GoneFilter quiet = GoneFilter.builder().registry(registry).clock(CLOCK).announceScheduled(false).build();
        assertThat(run(quiet, ServletFakes.request("GET", "/soon")).headers).isEmpty();
        GoneFilter later = GoneFilter.builder().registry(registry)
                .clock(Clock.fixed(NOW.plus(Duration.ofDays(10)), ZoneOffset.UTC)).build();
        assertThat(run(later, ServletFakes.request("GET", "/soon")).status).isEqualTo(410);
    }

    @Test
    void expiredTombstonesNoLongerApply() throws Exception {
        ServletFakes.Response response = run(ServletFakes.request("GET", "/past"));
        assertThat(reachedApp).containsExactly("/past");
        assertThat(response.headers).isEmpty();
    }

    @Test
    void onlyRequestDispatchesByDefault() throws Exception {
        run(ServletFakes.request("GET", "/api/users/123").dispatcherType(DispatcherType.FORWARD));
        assertThat(reachedApp).hasSize(1);
        GoneFilter forwards = GoneFilter.builder().registry(registry)
                .dispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD).build();
        assertThat(run(forwards, ServletFakes.request("GET", "/api/users/123").dispatcherType(DispatcherType.FORWARD))
                .status).isEqualTo(410);
    }

    @Test
    void pathsThatCannotBeReadGet400AndNeverReachTheApp() throws Exception {
        ServletFakes.Response ambiguous = run(ServletFakes.request("GET", "/api/users/%2e%2e/users/123")
                .failingServletPath(new IllegalArgumentException("Ambiguous URI encoding")));
        assertThat(ambiguous.status).isEqualTo(400);
        ServletFakes.Response badUtf8 = run(ServletFakes.request("GET", "/api/%C0%AE").servletPath("/api/x", null));
        assertThat(badUtf8.status).isEqualTo(400);
        assertThat(badUtf8.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reachedApp).isEmpty();
        assertThat(events).extracting(GoneEvent::status).containsExactly(400, 400);
    }

    @Test
    void theRequestUriIsCheckedWhenItReadsDifferentlyFromTheServletPath() throws Exception {
        // A container that routed "/api/users/123;x" to a servlet path it did not strip still can't bypass.
        ServletFakes.Response response = run(ServletFakes.request("GET", "/api/users/123;x=1")
                .servletPath("/api/users/123;x=1", null));
        assertThat(response.status).isEqualTo(410);
        assertThat(reachedApp).isEmpty();
    }

    @Test
    void servletPathAndPathInfoAreJoined() throws Exception {
        ServletFakes.Response response = run(ServletFakes.request("GET", "/ctx/api/users/123").contextPath("/ctx")
                .servletPath("/api", "/users/123"));
        assertThat(response.status).isEqualTo(410);
    }

    @Test
    void rawPathIsNullWhenItAgreesWithTheContainer() {
        assertThat(RequestResolver.rawPath(ServletFakes.request("GET", "/a/b").build(), "/a/b")).isNull();
        assertThat(RequestResolver.rawPath(ServletFakes.request("GET", "/ctx/a/b").contextPath("/ctx").build(), "/a/b")).isNull();
        assertThat(RequestResolver.rawPath(ServletFakes.request("GET", "/ctx/a//b/").contextPath("/ctx").build(), "/a/b")).isNull();
        assertThat(RequestResolver.rawPath(ServletFakes.request("GET", "/ctx/a%2Fb").contextPath("/ctx").build(), "/a%2Fb"))
                .isEqualTo("/a/b");
        assertThat(RequestResolver.rawPath(ServletFakes.request("GET", "http://host:8080/a/c").build(), "/a/b")).isEqualTo("/a/c");
    }

    @Test
    void aFailingListenerDoesNotBreakTheResponseNorKeepTheOthersFromHearingIt() throws Exception {
        GoneListener failing = mock(GoneListener.class);
        doThrow(new IllegalStateException("metrics down")).when(failing).onResponse(any());
        GoneListener other = mock(GoneListener.class);
        GoneFilter filter = GoneFilter.builder().registry(registry).clock(CLOCK).listener(failing).listener(other).build();
        assertThat(run(filter, ServletFakes.request("GET", "/api/users/123")).status).isEqualTo(410);
        verify(failing).onResponse(any());
        verify(other).onResponse(argThat(e -> e.status() == 410 && e.path().equals("/api/users/123")));
    }

    @Test
    void builderRefusesContradictionsAndRepeats() {
        assertThatThrownBy(() -> GoneFilter.builder().build()).hasMessageContaining("registry or a tombstone file");
        assertThatThrownBy(() -> GoneFilter.builder().registry(registry).tombstones("x.json"))
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> GoneFilter.builder().clock(CLOCK).clock(CLOCK)).hasMessageContaining("clock was already set");
        assertThatThrownBy(() -> GoneFilter.builder().maxAge("sunset", Duration.ZERO).maxAge("sunset", Duration.ZERO))
                .hasMessageContaining("sunset");
        assertThatThrownBy(() -> GoneFilter.builder().methods("GET", "G E T")).hasMessageContaining("'G E T'");
        assertThatThrownBy(() -> GoneFilter.builder().methods("*", "GET")).hasMessageContaining("'*' already includes");
        assertThatThrownBy(() -> GoneFilter.builder().methods("!OPTIONS")).hasMessageContaining("need '*'");
        assertThatThrownBy(() -> GoneFilter.builder().methods()).hasMessageContaining("at least one");
        assertThatThrownBy(() -> GoneFilter.builder().registry(registry).caseSensitive(false).build())
                .hasMessageContaining("configure them on the registry");
        assertThatThrownBy(() -> GoneFilter.builder().problemType(URI.create("x")).problemType(URI.create("y")))
                .hasMessageContaining("problemType");
    }

    @Test
    void extensionsCannotOverrideStandardMembers() {
        assertThatThrownBy(() -> Tombstone.builder("/x").extensions(Map.of("status", 200)).build())
                .hasMessageContaining("'status'").hasMessageContaining("/x");
    }
}
