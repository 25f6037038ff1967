package io.github.gonefilter.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.registry.sync.TombstoneStoreException;
import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.Visibility;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameter;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code tombstones} endpoint and its web extension over a real in-memory registry: the summary and its
 * paging, the explanation of which tombstone answers and why, burying with the file format's own errors, and
 * restoring with the status codes that say what happened.
 */
class TombstonesEndpointTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of(
            Tombstone.builder("/blog/**").reason("expired").build(),
            Tombstone.builder("/blog/2019/*").build(),
            Tombstone.builder("/blog/2019/hello").restorable(true).build(),
            Tombstone.regexBuilder("/promo/.*").build(),
            Tombstone.builder("/users/42").visibility(Visibility.NOT_FOUND).build(),
            Tombstone.builder("/soon").goneFrom(Instant.parse("2030-01-01T00:00:00Z")).build());
    private final TombstonesEndpoint endpoint = new TombstonesEndpoint(registry, Clock.fixed(NOW, ZoneOffset.UTC));
    private final TombstonesEndpointWebExtension web = new TombstonesEndpointWebExtension(endpoint);

    @Nested
    class Summary {

        @Test
        void reportsStatusCountsAndAPageInDeclarationOrder() {
            TombstonesEndpoint.RegistryReport report = endpoint.tombstones(1, 2);
            assertThat(report.kind()).isEqualTo("memory");
            assertThat(report.state()).isEqualTo("CURRENT");
            assertThat(report.writable()).isTrue();
            assertThat(report.size()).isEqualTo(6);
            assertThat(report.byVisibility()).containsEntry("gone", 5).containsEntry("not_found", 1)
                    .containsEntry("legal", 0);
            assertThat(report.listed()).isEqualTo(6);
            assertThat(report.tombstones()).extracting(t -> t.get("path"))
                    .containsExactly("/blog/2019/*", "/blog/2019/hello");
        }

        @Test
        void pagesPastTheEndAreEmptyAndTheDefaultLimitApplies() {
            assertThat(endpoint.tombstones(10, 5).tombstones()).isEmpty();
            assertThat(endpoint.tombstones(null, null).limit()).isEqualTo(TombstonesEndpoint.DEFAULT_LIMIT);
        }

        @Test
        void badPagingIs400() {
            assertThat(web.tombstones(-1, null).getStatus()).isEqualTo(400);
            WebEndpointResponse<Object> tooMany = web.tombstones(0, TombstonesEndpoint.MAX_LIMIT + 1);
            assertThat(tooMany.getStatus()).isEqualTo(400);
            assertThat(message(tooMany)).isEqualTo("limit must be between 0 and 1000 but was 1001");
        }
    }

    @Nested
    class Explain {

        @Test
        void aFallbackTombstoneSaysTheApplicationAnswersFirst() {
            registry.bury(Tombstone.builder("/cms/reused-slug").mode(TombstoneMode.FALLBACK).build());
            TombstonesEndpoint.Explanation e = endpoint.explain("cms", "reused-slug");
            assertThat(e.answer()).startsWith("the application answers first (mode fallback); only if it answers 404:"
                    + " 410").endsWith("anything else it answers passes untouched");
            assertThat(e.tombstone()).containsEntry("mode", "fallback");
            assertThat(new TombstonesEndpoint(registry, Clock.fixed(NOW, ZoneOffset.UTC), TombstoneMode.FALLBACK)
                    .explain("blog", "2019", "hello").answer()).as("the filter's default mode")
                    .startsWith("the application answers first");
            assertThat(endpoint.explain("blog", "2019", "hello").answer()).startsWith("410");
        }

        @Test
        void anExactPathBeatsTheGlobs() {
            TombstonesEndpoint.Explanation e = endpoint.explain("blog", "2019", "hello");
            assertThat(e.kind()).isEqualTo("exact");
            assertThat(e.status()).isEqualTo(410);
            assertThat(e.inForce()).isTrue();
            assertThat(e.why()).contains("an exact path beats every glob");
        }

        @Test
        void theGlobWithTheLongestLiteralPrefixWins() {
            TombstonesEndpoint.Explanation e = endpoint.explain("blog", "2019", "other");
            assertThat(e.pattern()).isEqualTo("/blog/2019/*");
            assertThat(e.why()).contains("longest literal prefix ('/blog/2019/')");
        }

        @Test
        void regularExpressionsAndErasuresSayWhatTheyAnswer() {
            assertThat(endpoint.explain("promo", "x").kind()).isEqualTo("regex");
            TombstonesEndpoint.Explanation erased = endpoint.explain("users", "42");
            assertThat(erased.status()).isEqualTo(404);
            assertThat(erased.answer()).contains("GET and HEAD");
        }

        @Test
        void aScheduledTombstoneIsNotInForceAndHasNoStatus() {
            TombstonesEndpoint.Explanation e = endpoint.explain("soon");
            assertThat(e.inForce()).isFalse();
            assertThat(e.status()).isNull();
            assertThat(e.answer()).contains("passes through").contains("2030-01-01T00:00:00Z");
        }

        @Test
        void pathsAreCanonicalizedAsRequestPathsAre() {
            assertThat(endpoint.explain("blog", "2019", ".", "hello", "").pattern()).isEqualTo("/blog/2019/hello");
        }

        @Test
        void aPathNoTombstoneAnswersIsNullAndOverHttp404() {
            assertThat(endpoint.explain("live")).isNull();
            WebEndpointResponse<Object> response = web.explain("live");
            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(message(response)).isEqualTo("no tombstone answers /live");
        }
    }

    @Nested
    class Bury {

        @Test
        void readsTheMembersOfATombstoneFileEntryAsActuatorHandsThemOver() {
            // Actuator's web layer reads every member of the body as text.
            WebEndpointResponse<Object> response = web.bury("/new", null, "2025-06-30", "sunset", "Retired.", "/api",
                    "86400", null, null, "legal", "true", "fallback");
            assertThat(response.getStatus()).isEqualTo(200);
            Tombstone t = registry.find("/new", NOW).orElseThrow();
            assertThat(t.visibility()).isEqualTo(Visibility.LEGAL);
            assertThat(t.maxAge()).hasSeconds(86400);
            assertThat(t.restorable()).isTrue();
            assertThat(t.mode()).isEqualTo(TombstoneMode.FALLBACK);
            assertThat(response.getBody()).isEqualTo(Map.of("path", "/new", "deletedAt", "2025-06-30T00:00:00Z",
                    "reason", "sunset", "message", "Retired.", "alternative", "/api", "maxAge", 86400L,
                    "visibility", "legal", "restorable", true, "mode", "fallback"));
            assertThat(web.bury("/iso", null, null, null, null, null, "P30D", null, null, null, "false", null).getStatus())
                    .isEqualTo(200);
            assertThat(registry.find("/iso", NOW).orElseThrow().maxAge()).hasDays(30);
        }

        @Test
        void anInvalidValueIs400WithTheFileFormatsMessage() {
            WebEndpointResponse<Object> response = web.bury("/x", null, "yesterday", null, null, null, null, null, null,
                    null, null, null);
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(message(response)).isEqualTo("deletedAt must be an ISO-8601 instant such as 2025-03-01T12:00:00Z"
                    + " but was 'yesterday'");
            assertThat(message(web.bury("/x", null, null, null, null, null, null, null, null, null, "yes", null)))
                    .isEqualTo("restorable must be true or false but was \"yes\"");
            assertThat(message(web.bury(null, null, null, null, null, null, null, null, null, null, null, null)))
                    .isEqualTo("a tombstone needs exactly one of 'path' or 'regex'");
            assertThat(registry.find("/x", NOW)).isEmpty();
        }

        @Test
        void anUnknownMemberIs400NotSilentlyDropped() {
            OperationInvoker bury = context -> web.bury(context.getArguments().get("path"), null, null, null, null,
                    null, null, null, null, null, null, null);
            OperationInvoker advised = new UnknownTombstoneMembers().apply(EndpointId.of("tombstones"),
                    OperationType.WRITE, parameters("path", "regex", "maxAge"), bury);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("path", "/typo");
            body.put("maxage", 60);
            Object result = advised.invoke(new InvocationContext(SecurityContext.NONE, body));
            assertThat(result).isInstanceOf(WebEndpointResponse.class);
            WebEndpointResponse<?> response = (WebEndpointResponse<?>) result;
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(message(response)).startsWith("unknown member 'maxage'; known members are [path, regex,");
            assertThat(registry.find("/typo", NOW)).isEmpty();

            body.remove("maxage");
            assertThat(((WebEndpointResponse<?>) advised.invoke(new InvocationContext(SecurityContext.NONE, body)))
                    .getStatus()).isEqualTo(200);
            assertThat(registry.find("/typo", NOW)).isPresent();
        }

        @Test
        void aReadOnlyRegistryIs405() {
            TombstoneRegistry readOnly = mock(TombstoneRegistry.class);
            when(readOnly.description()).thenReturn("custom");
            TombstonesEndpointWebExtension readOnlyWeb = new TombstonesEndpointWebExtension(
                    new TombstonesEndpoint(readOnly, Clock.systemUTC()));
            WebEndpointResponse<Object> response = readOnlyWeb.bury("/x", null, null, null, null, null, null, null,
                    null, null, null, null);
            assertThat(response.getStatus()).isEqualTo(405);
            assertThat(message(response)).contains("read-only");
            assertThat(readOnlyWeb.restore(new String[] {"x"}, true).getStatus()).isEqualTo(405);
        }

        @Test
        void anUnreachableStoreIs503() {
            WritableTombstoneRegistry down = mock(WritableTombstoneRegistry.class);
            doThrow(new TombstoneStoreException("database unreachable", null)).when(down).bury(any());
            WebEndpointResponse<Object> response = new TombstonesEndpointWebExtension(
                    new TombstonesEndpoint(down, Clock.systemUTC())).bury("/x", null, null, null, null, null, null,
                    null, null, null, null, null);
            assertThat(response.getStatus()).isEqualTo(503);
        }
    }

    @Nested
    class Restore {

        @Test
        void removesARestorableTombstone() {
            WebEndpointResponse<Object> response = web.restore(new String[] {"blog", "2019", "hello"}, null);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(registry.find("/blog/2019/hello", NOW)).map(t -> t.pattern().source()).hasValue("/blog/2019/*");
        }

        @Test
        void aTombstoneThatIsNotRestorableIs409UnlessForced() {
            WebEndpointResponse<Object> refused = web.restore(new String[] {"users", "42"}, false);
            assertThat(refused.getStatus()).isEqualTo(409);
            assertThat(message(refused)).contains("not restorable");
            assertThat(web.restore(new String[] {"users", "42"}, true).getStatus()).isEqualTo(200);
            assertThat(registry.find("/users/42", NOW)).isEmpty();
        }

        @Test
        void globsAndRegularExpressionsCanBeRestored() {
            assertThat(web.restore(new String[] {"blog", "**"}, true).getStatus()).isEqualTo(200);
            assertThat(web.restoreRegex("/promo/.*", true).getStatus()).isEqualTo(200);
            assertThat(registry.find("/promo/x", NOW)).isEmpty();
            assertThat(web.restoreRegex(null, true).getStatus()).isEqualTo(400);
        }

        @Test
        void anAbsentTombstoneIs404() {
            WebEndpointResponse<Object> response = web.restore(new String[] {"never"}, true);
            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(web.restoreRegex("/nothing/.*", true).getStatus()).isEqualTo(404);
        }
    }

    @Test
    void statusCountsComeFromTheRegistrysOwnReport() {
        TombstoneRegistry custom = mock(TombstoneRegistry.class);
        when(custom.status()).thenReturn(new RegistryStatus("custom", "somewhere", 3, Map.of(Visibility.GONE, 3),
                null, "read failed", NOW, RegistryStatus.State.STALE));
        when(custom.list()).thenReturn(List.of());
        when(custom.find(any(), any())).thenReturn(Optional.empty());
        TombstonesEndpoint.RegistryReport report = new TombstonesEndpoint(custom, Clock.systemUTC()).tombstones(null, null);
        assertThat(report.state()).isEqualTo("STALE");
        assertThat(report.writable()).isFalse();
        assertThat(report.lastError()).isEqualTo("read failed");
        assertThat(report.lastErrorAt()).isEqualTo("2026-01-01T00:00:00Z");
    }

    private static String message(WebEndpointResponse<?> response) {
        return String.valueOf(((Map<?, ?>) response.getBody()).get("message"));
    }

    private static OperationParameters parameters(String... names) {
        List<OperationParameter> list = java.util.Arrays.stream(names).map(name -> {
            OperationParameter p = mock(OperationParameter.class);
            when(p.getName()).thenReturn(name);
            return p;
        }).toList();
        OperationParameters parameters = mock(OperationParameters.class);
        when(parameters.stream()).thenAnswer(invocation -> list.stream());
        return parameters;
    }
}
