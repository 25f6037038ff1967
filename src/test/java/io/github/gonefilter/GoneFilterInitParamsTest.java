package io.github.gonefilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.support.FilterConfigs;
import io.github.gonefilter.support.LogCapture;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoneFilterInitParamsTest {

    @TempDir
    Path dir;

    /** A registry class as a web.xml user would write one, receiving the init-params. */
    public static final class ConfiguredRegistry implements TombstoneRegistry {
        static Map<String, String> lastParams;
        private final InMemoryTombstoneRegistry delegate;

        public ConfiguredRegistry(Map<String, String> params) {
            lastParams = params;
            delegate = InMemoryTombstoneRegistry.of(Tombstone.builder(params.get("path")).reason("expired").build());
        }

        @Override
        public Optional<Tombstone> find(String canonicalPath, Instant now) {
            return delegate.find(canonicalPath, now);
        }

        @Override
        public List<Tombstone> list() {
            return delegate.list();
        }
    }

    /**
     * A listener as named in the listeners init-param: the filter makes it by class name, so what it hears can only
     * be kept in a static list, cleared before each test.
     */
    public static final class RecordingListener implements GoneListener {
        static final List<GoneEvent> EVENTS = new CopyOnWriteArrayList<>();

        @Override
        public void onResponse(GoneEvent event) {
            EVENTS.add(event);
        }
    }

    @BeforeEach
    void forgetEvents() {
        RecordingListener.EVENTS.clear();
    }

    private static FilterConfig config(Map<String, String> params, Path webappRoot) throws Exception {
        return config(params, webappRoot, null);
    }

    /** A context whose resources are either expanded under {@code webappRoot} or packed in {@code war}. */
    private static FilterConfig config(Map<String, String> params, Path webappRoot, Path war) throws Exception {
        ServletContext context = mock(ServletContext.class);
        when(context.getClassLoader()).thenReturn(GoneFilterInitParamsTest.class.getClassLoader());
        when(context.getRealPath(anyString())).thenAnswer(invocation -> webappRoot == null ? null
                : webappRoot.resolve(invocation.<String>getArgument(0).substring(1)).toString());
        when(context.getResource(anyString())).thenAnswer(invocation -> war == null ? null
                : new URL("jar:" + war.toUri() + "!" + invocation.getArgument(0)));
        return FilterConfigs.of(params, context);
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private ServletFakes.Response run(GoneFilter filter, ServletFakes.Request request) throws Exception {
        ServletFakes.Response response = new ServletFakes.Response();
        filter.doFilter(request.build(), response.build(), (req, res) -> { });
        return response;
    }

    @Test
    void initParamsConfigureWhatTheBuilderDoes() throws Exception {
        Path webapp = Files.createDirectories(dir.resolve("webapp/WEB-INF"));
        Files.writeString(webapp.resolve("tombstones.csv"), "path,reason\n/Old/Page,sunset\n");
        Files.writeString(webapp.resolve("gone.html"), "<h1>{{status}} {{message}}</h1>");
        GoneFilter filter = new GoneFilter();
        filter.init(config(params(
                "tombstones", "/WEB-INF/tombstones.csv",
                "format", "simple",
                "htmlTemplate", "/WEB-INF/gone.html",
                "defaultMaxAge", "60",
                "maxAge.sunset", "P90D",
                "methods", "GET, HEAD",
                "caseSensitive", "false",
                "reloadInterval", "0",
                "announceScheduled", "false",
                "dispatcherTypes", "REQUEST,FORWARD",
                "listeners", RecordingListener.class.getName()), dir.resolve("webapp")));
        try {
            ServletFakes.Response json = run(filter, ServletFakes.request("GET", "/old/page"));
            assertThat(json.status).isEqualTo(410);
            assertThat(json.header("Cache-Control")).isEqualTo("public, max-age=" + Duration.ofDays(90).getSeconds());
            assertThat(new ObjectMapper().readTree(json.bodyText()).get("error").asText()).isEqualTo("Gone");
            assertThat(run(filter, ServletFakes.request("GET", "/old/page").header("Accept", "text/html")).bodyText())
                    .isEqualTo("<h1>410 This resource has been permanently removed.</h1>");
            assertThat(run(filter, ServletFakes.request("POST", "/old/page")).status).isEqualTo(200);
            assertThat(RecordingListener.EVENTS).extracting(GoneEvent::method, GoneEvent::path, GoneEvent::status)
                    .containsExactly(tuple("GET", "/old/page", 410), tuple("GET", "/old/page", 410));
        } finally {
            filter.destroy();
        }
    }

    @Test
    void theSettingsOfIssue9HaveInitParamsToo() throws Exception {
        Path file = dir.resolve("tombstones.json");
        Files.writeString(file, "{\"tombstones\": [{\"path\": \"/kettle\", \"reason\": \"discontinued\","
                + " \"restorable\": true, \"deletedAt\": \"2026-03-01T00:00:00Z\"}]}");
        GoneFilter filter = new GoneFilter();
        filter.init(config(params(
                "tombstones", file.toString(),
                "reloadInterval", "0",
                "restorableMaxAge", "PT10M",
                "authenticatedResponses", "public",
                "htmlLang", "fr"), null));
        try {
            ServletFakes.Response r = run(filter, ServletFakes.request("GET", "/kettle").header("Authorization", "Bearer x")
                    .header("Accept", "text/html"));
            assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=600");
            assertThat(r.bodyText()).contains("<html lang=\"fr\">").contains(">1 mars 2026</time>");
        } finally {
            filter.destroy();
        }
    }

    @Test
    void startingLogsWhereTheTombstonesComeFrom() throws Exception {
        Path file = dir.resolve("tombstones.json");
        Files.writeString(file, "{\"tombstones\": [{\"path\": \"/a\"}, {\"path\": \"/b\"}]}");
        GoneFilter filter = new GoneFilter();
        List<java.util.logging.LogRecord> records = LogCapture.during(GoneFilter.class,
                () -> filter.init(config(params("tombstones", file.toString(), "reloadInterval", "0"), null)));
        try {
            assertThat(records).extracting(java.util.logging.LogRecord::getMessage).containsExactly(
                    "GoneFilter 'gone' active: 2 tombstones from file " + file + "; methods *, !OPTIONS;"
                            + " dispatcher types REQUEST");
        } finally {
            filter.destroy();
        }
    }

    @Test
    void tombstonesInsideAnUnexpandedWarAreReadThroughTheServletContext() throws Exception {
        Path war = dir.resolve("app.war");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(war))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("WEB-INF/tombstones.json"));
            zip.write("{\"tombstones\": [{\"path\": \"/packed\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        GoneFilter filter = new GoneFilter();
        filter.init(config(params("tombstones", "/WEB-INF/tombstones.json"), null, war));
        try {
            assertThat(run(filter, ServletFakes.request("GET", "/packed")).status).isEqualTo(410);
            assertThat(((io.github.gonefilter.registry.file.FileTombstoneRegistry) filter.registry()).writable()).isFalse();
        } finally {
            filter.destroy();
        }
    }

    @Test
    void aCustomRegistryClassReceivesTheInitParams() throws Exception {
        GoneFilter filter = new GoneFilter();
        filter.init(config(params("registry", ConfiguredRegistry.class.getName(), "registry.path", "/from/registry"), null));
        assertThat(ConfiguredRegistry.lastParams).containsEntry("path", "/from/registry");
        assertThat(run(filter, ServletFakes.request("GET", "/from/registry")).status).isEqualTo(410);
    }

    @Test
    void configurationErrorsNameTheInitParam() {
        assertInitFails(params("tombstones", "x.json", "tombstone", "y.json"), "init-param 'tombstone'", "unknown init-param");
        assertInitFails(params("registry", "com.example.Missing"), "init-param 'registry'", "not found");
        assertInitFails(params("registry", String.class.getName()), "init-param 'registry'", "does not implement");
        assertInitFails(params("format", "xml", "tombstones", "x"), "init-param 'format' = 'xml'", "'problem' or 'simple'");
        assertInitFails(params("html", "yes"), "init-param 'html' = 'yes'", "true or false");
        assertInitFails(params("defaultMaxAge", "a day"), "init-param 'defaultMaxAge'", "ISO-8601 duration");
        assertInitFails(params("maxAge.sunset", "-5"), "init-param 'maxAge.sunset' = '-5'",
                "must be whole seconds or an ISO-8601 duration");
        assertInitFails(params("dispatcherTypes", "REQUEST,LATER"), "init-param 'dispatcherTypes'", "'LATER'");
        assertInitFails(params("htmlTemplate", "classpath:nope.html"), "init-param 'htmlTemplate'", "no such resource");
        assertInitFails(params("format", "simple"), "needs init-param 'tombstones'", "'registry'");
        assertInitFails(params("authenticatedResponses", "shared"), "init-param 'authenticatedResponses' = 'shared'",
                "'private' or 'public'");
        assertInitFails(params("restorableMaxAge", "soon"), "init-param 'restorableMaxAge'", "ISO-8601 duration");
        assertInitFails(params("tombstones", "x.json", "htmlLang", "english please"), "htmlLang must be a BCP 47");
        assertInitFails(params("tombstones", "x.json", "blockedBy", "javascript:alert(1)"), "blockedBy must be an http(s) URI");
    }

    @Test
    void theMonitorInitParamsBuildTheMonitorAndPutItInTheServletContext() throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, "{\"tombstones\": []}");
        FilterConfig config = config(params("tombstones", file.toString(), "monitor.maxEntries", "50", "monitor", "true",
                "monitor.retention", "P2D", "monitor.exclude", "defaults, /internal/**", "monitor.ignoreQuery", "false",
                "monitor.referrers", "true", "monitor.userAgents", "true"), null);
        GoneFilter filter = new GoneFilter();
        filter.init(config);

        io.github.gonefilter.monitor.NotFoundMonitor monitor = filter.monitor().orElseThrow();
        assertThat(monitor.maxEntries()).isEqualTo(50);
        assertThat(monitor.retention()).isEqualTo(Duration.ofDays(2));
        assertThat(monitor.exclude()).contains("/wp-admin/**", "/internal/**");
        assertThat(monitor.ignoreQuery()).isFalse();
        assertThat(monitor.referrers()).isTrue();
        assertThat(monitor.userAgents()).isTrue();
        org.mockito.Mockito.verify(config.getServletContext())
                .setAttribute(io.github.gonefilter.monitor.NotFoundMonitor.CONTEXT_ATTRIBUTE, monitor);

        GoneFilter off = new GoneFilter();
        off.init(config(params("tombstones", file.toString(), "monitor", "false"), null));
        assertThat(off.monitor()).isEmpty();
    }

    @Test
    void monitorErrorsNameTheInitParam() {
        assertInitFails(params("tombstones", "x.json", "monitor.maxEntries", "10"), "init-param 'monitor.maxEntries'",
                "needs init-param 'monitor' = 'true'");
        assertInitFails(params("tombstones", "x.json", "monitor", "true", "monitor.maxEntries", "many"),
                "init-param 'monitor.maxEntries' = 'many'", "whole number");
        assertInitFails(params("tombstones", "x.json", "monitor", "true", "monitor.retention", "0"),
                "init-param 'monitor.retention'", "positive");
        assertInitFails(params("tombstones", "x.json", "monitor", "true", "monitor.exclude", "/a%zz"),
                "init-param 'monitor.exclude'");
        assertInitFails(params("tombstones", "x.json", "monitor", "yes"), "init-param 'monitor' = 'yes'", "true or false");
    }

    @Test
    void aBrokenTombstoneFileFailsInitNamingFileAndPosition() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"tombstones\": [\n  {\"path\": \"/a\", \"visibility\": \"hidden\"}\n]}");
        assertInitFails(params("tombstones", file.toString()), "init-param 'tombstones'", file + ":2:3:",
                "visibility must be one of gone, not_found, legal");
    }

    private static void assertInitFails(Map<String, String> params, String... fragments) {
        GoneFilter filter = new GoneFilter();
        assertThatThrownBy(() -> filter.init(config(params, null)))
                .isInstanceOf(ServletException.class)
                .satisfies(e -> {
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }
}
