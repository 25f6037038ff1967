package io.github.gonefilter.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.TombstoneRegistryListener;
import io.github.gonefilter.tombstone.Visibility;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** The filter's hooks: builder settings and init-params, the listener's life, surrogate keys on responses. */
class GoneFilterPurgingTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static FilterConfig config(String contextPath, Map<String, String> params) {
        ServletContext context = mock(ServletContext.class);
        when(context.getContextPath()).thenReturn(contextPath);
        when(context.getClassLoader()).thenReturn(GoneFilterPurgingTest.class.getClassLoader());
        FilterConfig config = mock(FilterConfig.class);
        when(config.getServletContext()).thenReturn(context);
        when(config.getFilterName()).thenReturn("gone");
        when(config.getInitParameterNames()).thenAnswer(call -> Collections.enumeration(params.keySet()));
        when(config.getInitParameter(anyString())).thenAnswer(call -> params.get(call.<String>getArgument(0)));
        return config;
    }

    @Test
    void theFilterListensToItsRegistryFromInitUntilDestroy() throws Exception {
        TombstoneRegistry registry = mock(TombstoneRegistry.class);
        GoneFilter filter = GoneFilter.builder().registry(registry).purger(mock(CachePurger.class)).build();
        verify(registry, never()).addListener(any());
        filter.init(config("/shop", Map.of()));
        ArgumentCaptor<TombstoneRegistryListener> listener = ArgumentCaptor.forClass(TombstoneRegistryListener.class);
        verify(registry).addListener(listener.capture());
        filter.destroy();
        verify(registry).removeListener(listener.getValue());
        verify(registry, never()).close(); // not the filter's to close
    }

    @Test
    void syncedChangesSuchAsRowsWrittenByHandArePurgedOnlyWithPurgeSyncedChanges() throws Exception {
        TombstoneChange byHand = new TombstoneChange(TombstoneChange.Kind.ADDED, Tombstone.of("/api/documents/42"),
                TombstoneChange.Cause.SYNC);
        for (boolean on : new boolean[] {false, true}) {
            TombstoneRegistry registry = mock(TombstoneRegistry.class);
            CachePurger purger = mock(CachePurger.class);
            GoneFilter.Builder builder = GoneFilter.builder().registry(registry).purger(purger).purgeRepeatAfter(Duration.ZERO);
            GoneFilter filter = (on ? builder.purgeSyncedChanges(true) : builder).build();
            filter.init(config("/shop", Map.of()));
            try {
                ArgumentCaptor<TombstoneRegistryListener> listener = ArgumentCaptor.forClass(TombstoneRegistryListener.class);
                verify(registry).addListener(listener.capture());
                listener.getValue().changed(List.of(byHand));
                if (on) {
                    verify(purger, timeout(5000)).purge(List.of(byHand), "/shop");
                }
            } finally {
                filter.destroy();
            }
            if (!on) {
                verify(purger, never()).purge(anyList(), anyString());
            }
        }
        Path file = dir.resolve("tombstones.json");
        Files.writeString(file, "{}");
        GoneFilter filter = new GoneFilter();
        filter.init(config("", Map.of(GoneFilter.PARAM_TOMBSTONES, file.toString(),
                GoneFilter.PARAM_PURGE, "http://127.0.0.1:6081", GoneFilter.PARAM_PURGE_SYNCED_CHANGES, "true")));
        filter.destroy();
    }

    @Test
    void aFilterWithoutPurgersOrKeysNeitherListensNorAsksForTheContextPath() throws Exception {
        TombstoneRegistry registry = mock(TombstoneRegistry.class);
        FilterConfig config = mock(FilterConfig.class);
        GoneFilter filter = GoneFilter.builder().registry(registry).build();
        filter.init(config);
        filter.destroy();
        verify(registry, never()).addListener(any());
        verify(config, never()).getServletContext();
        assertThat(filter.purgeStatistics().count(PurgeStatistics.Outcome.SUCCEEDED)).isZero();
    }

    @Test
    void aBurialIsPurgedOnTheQueuesThreadWithTheContextPathWhileTheCallerGoesOn() throws Exception {
        InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of();
        BlockingQueue<String> calls = new ArrayBlockingQueue<>(10);
        CachePurger purger = mock(CachePurger.class);
        doAnswer(call -> {
            List<TombstoneChange> changes = call.getArgument(0);
            calls.add(Thread.currentThread().getName() + " " + call.getArgument(1) + " " + changes.get(0).tombstone().pattern());
            return null;
        }).when(purger).purge(anyList(), anyString());
        GoneFilter filter = GoneFilter.builder().registry(registry).purger(purger).purgeRepeatAfter(Duration.ZERO).build();
        filter.init(config("/shop", Map.of()));
        try {
            registry.bury(Tombstone.of("/articles/7"));
            assertThat(calls.poll(10, TimeUnit.SECONDS)).isEqualTo("gone-filter-purge-1 /shop /articles/7");
        } finally {
            filter.destroy();
        }
        registry.bury(Tombstone.of("/articles/8"));
        assertThat(calls.poll(200, TimeUnit.MILLISECONDS)).as("nothing after destroy").isNull();
    }

    @Test
    void withSurrogateKeysLivePagesGonePagesAnnouncedPagesAndErasuresCarryTheKeysOfTheirPathAlike() throws Exception {
        InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of(
                Tombstone.builder("/articles/7").reason("user_request").build(),
                Tombstone.builder("/articles/9").goneFrom(Instant.parse("2999-01-01T00:00:00Z")).build(),
                Tombstone.builder("/users/42").visibility(Visibility.NOT_FOUND).build());
        GoneFilter filter = GoneFilter.builder().registry(registry).surrogateKeys(true).build();
        try (ShopApp app = new ShopApp(filter, dir)) {
            HttpResponse<String> live = get(app, "/shop/articles/6");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.headers().firstValue("xkey")).hasValue("gf:/shop/articles/6 gf-tree:/shop gf-tree:/shop/articles");
            assertThat(live.headers().firstValue("Surrogate-Key")).isEqualTo(live.headers().firstValue("xkey"));

            HttpResponse<String> gone = get(app, "/shop//Articles/../articles/7;jsessionid=1");
            assertThat(gone.statusCode()).isEqualTo(410);
            assertThat(gone.headers().firstValue("xkey")).hasValue("gf:/shop/articles/7 gf-tree:/shop gf-tree:/shop/articles");

            HttpResponse<String> announced = get(app, "/shop/articles/9");
            assertThat(announced.statusCode()).isEqualTo(200);
            assertThat(announced.headers().firstValue("Sunset")).isPresent();
            assertThat(announced.headers().firstValue("xkey")).hasValue("gf:/shop/articles/9 gf-tree:/shop gf-tree:/shop/articles");

            HttpResponse<String> erased = get(app, "/shop/users/42");
            HttpResponse<String> neverExisted = get(app, "/shop/missing/43");
            assertThat(erased.statusCode()).isEqualTo(404);
            assertThat(erased.headers().map().keySet()).isEqualTo(neverExisted.headers().map().keySet());
        }
        GoneFilter plain = GoneFilter.builder().registry(registry).build();
        try (ShopApp app = new ShopApp(plain, dir)) {
            assertThat(get(app, "/shop/articles/6").headers().map()).doesNotContainKeys("xkey", "surrogate-key");
        }
    }

    private static HttpResponse<String> get(ShopApp app, String target) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port + target)).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void initParamsConfigureVarnishPurgersTheirHostsKeysAndTheRepeat() throws Exception {
        Path file = dir.resolve("tombstones.json");
        Files.writeString(file, "{}");
        try (RecordingApi first = new RecordingApi(""); RecordingApi second = new RecordingApi("")) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put(GoneFilter.PARAM_TOMBSTONES, file.toString());
            params.put(GoneFilter.PARAM_PURGE, first.base() + " , " + second.base());
            params.put(GoneFilter.PARAM_PURGE_HOSTS, "www.example.com");
            params.put(GoneFilter.PARAM_SURROGATE_KEYS, "true");
            params.put(GoneFilter.PARAM_PURGE_REPEAT_AFTER, "0");
            GoneFilter filter = new GoneFilter();
            filter.init(config("", params));
            try {
                ((FileTombstoneRegistry) filter.registry()).bury(Tombstone.of("/articles/7"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (filter.purgeStatistics().count(PurgeStatistics.Outcome.SUCCEEDED) < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            } finally {
                filter.destroy();
            }
            for (RecordingApi varnish : List.of(first, second)) {
                assertThat(varnish.requests()).singleElement().satisfies(r -> {
                    assertThat(r.method()).isEqualTo("PURGE");
                    assertThat(r.target()).isEqualTo("/articles/7");
                    assertThat(r.header("X-Purge-Host")).isEqualTo("www.example.com");
                });
            }
        }
    }

    @Test
    void badPurgeInitParamsFailInitNamingTheParam() throws Exception {
        Path file = dir.resolve("tombstones.json");
        Files.writeString(file, "{}");
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("'purge' = 'ftp://cache:6081'", Map.of(GoneFilter.PARAM_PURGE, "ftp://cache:6081"));
        cases.put("'purgeHosts' = 'www.example.com': names the hosts to purge for, and needs init-param 'purge'",
                Map.of(GoneFilter.PARAM_PURGE_HOSTS, "www.example.com"));
        cases.put("'purgeHosts' = 'bad host'",
                Map.of(GoneFilter.PARAM_PURGE, "http://127.0.0.1:6081", GoneFilter.PARAM_PURGE_HOSTS, "bad host"));
        cases.put("'surrogateKeys' = 'yes': surrogateKeys must be true or false", Map.of(GoneFilter.PARAM_SURROGATE_KEYS, "yes"));
        cases.put("'purgeRepeatAfter' = 'soon'", Map.of(GoneFilter.PARAM_PURGE_REPEAT_AFTER, "soon"));
        cases.put("'purgeSyncedChanges' = 'yes'", Map.of(GoneFilter.PARAM_PURGE_SYNCED_CHANGES, "yes"));
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            Map<String, String> params = new LinkedHashMap<>(c.getValue());
            params.put(GoneFilter.PARAM_TOMBSTONES, file.toString());
            assertThatThrownBy(() -> new GoneFilter().init(config("", params))).as(c.getKey())
                    .isInstanceOf(ServletException.class).hasMessageContaining(c.getKey());
        }
    }

    @Test
    void builderSettingsRefuseASecondCallAndANegativeRepeat() {
        GoneFilter.Builder builder = GoneFilter.builder().registry(InMemoryTombstoneRegistry.of())
                .surrogateKeys(true).purgeRepeatAfter(Duration.ofSeconds(10))
                .purger(mock(CachePurger.class)).purger(mock(CachePurger.class));
        assertThatThrownBy(() -> builder.surrogateKeys(false)).hasMessage("surrogateKeys was already set to true");
        assertThatThrownBy(() -> builder.purgeRepeatAfter(Duration.ZERO)).hasMessage("purgeRepeatAfter was already set to PT10S");
        assertThatThrownBy(() -> GoneFilter.builder().registry(InMemoryTombstoneRegistry.of())
                .purgeRepeatAfter(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("purgeRepeatAfter must not be negative but was PT-1S");
    }
}
