package io.github.gonefilter.benchmarks;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.spring.actuate.GoneFilterMetrics;
import io.github.gonefilter.tombstone.Tombstone;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.tuckey.web.filters.urlrewrite.Conf;
import org.tuckey.web.filters.urlrewrite.UrlRewriteFilter;

/** The filters under comparison, built the same way by the benchmarks and the load server. */
public final class Filters {

    private Filters() {
    }

    /** GoneFilter in its default configuration over an in-memory registry. */
    public static GoneFilter gone(List<Tombstone> tombstones) {
        InMemoryTombstoneRegistry registry = new InMemoryTombstoneRegistry();
        registry.replaceAll(tombstones);
        return GoneFilter.builder().registry(registry).build();
    }

    /** GoneFilter in fallback mode (the application answers first) over an in-memory registry. */
    public static GoneFilter goneFallback(List<Tombstone> tombstones) {
        InMemoryTombstoneRegistry registry = new InMemoryTombstoneRegistry();
        registry.replaceAll(tombstones);
        return GoneFilter.builder().registry(registry).mode(io.github.gonefilter.tombstone.TombstoneMode.FALLBACK)
                .build();
    }

    /**
     * GoneFilter as Spring Boot's auto-configuration builds it with Micrometer present: the same, with the
     * {@link GoneFilterMetrics} listener bound to a meter registry.
     */
    public static GoneFilter goneWithMetrics(List<Tombstone> tombstones) {
        InMemoryTombstoneRegistry registry = new InMemoryTombstoneRegistry();
        registry.replaceAll(tombstones);
        GoneFilterMetrics metrics = new GoneFilterMetrics(registry, Clock.systemUTC());
        metrics.bindTo(new SimpleMeterRegistry());
        return GoneFilter.builder().registry(registry).listener(metrics).build();
    }

    /** Tuckey UrlRewriteFilter with {@link Corpus#tuckeyXml} rules, initialized through its own init. */
    public static Filter tuckey(int rules, ServletContext context) throws ServletException {
        Filter filter = new InlineConfUrlRewriteFilter(Corpus.tuckeyXml(rules));
        filter.init(filterConfig(context != null ? context : fakeContext(), Map.of("logLevel", "WARN")));
        return filter;
    }

    /** The floor: one {@code HashMap} lookup of the servlet path, a fixed 410 body on a hit. */
    public static Filter hashMapFloor(List<String> gonePaths) {
        return new HashMapFloorFilter(gonePaths);
    }

    /** A {@link FilterConfig} for init-time use only (a dynamic proxy: never on the measured path). */
    public static FilterConfig filterConfig(ServletContext context, Map<String, String> params) {
        return (FilterConfig) Proxy.newProxyInstance(Filters.class.getClassLoader(), new Class<?>[] {FilterConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getFilterName" -> "benchmark";
                    case "getServletContext" -> context;
                    case "getInitParameter" -> params.get((String) args[0]);
                    case "getInitParameterNames" -> Collections.enumeration(params.keySet());
                    default -> null;
                });
    }

    private static ServletContext fakeContext() {
        return (ServletContext) Proxy.newProxyInstance(Filters.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getContextPath" -> "";
                    case "getInitParameterNames", "getAttributeNames" -> Collections.emptyEnumeration();
                    case "getMajorVersion" -> 6;
                    case "getMinorVersion" -> 1;
                    case "toString" -> "fake ServletContext";
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** UrlRewriteFilter reading its configuration from a string instead of {@code /WEB-INF/urlrewrite.xml}. */
    static final class InlineConfUrlRewriteFilter extends UrlRewriteFilter {
        private final String xml;

        InlineConfUrlRewriteFilter(String xml) {
            this.xml = xml;
        }

        @Override
        protected void loadUrlRewriter(FilterConfig filterConfig) {
            Conf conf = new Conf(filterConfig.getServletContext(),
                    new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "urlrewrite.xml", "urlrewrite.xml", false);
            if (!conf.isOk()) {
                throw new IllegalStateException("Tuckey configuration was not accepted");
            }
            checkConf(conf);
        }
    }

    /** A filter doing the least a gone filter must do: look the path up in a {@code HashMap}. */
    static final class HashMapFloorFilter implements Filter {
        private static final byte[] BODY = "{\"title\":\"Gone\",\"status\":410}".getBytes(StandardCharsets.UTF_8);
        private final Map<String, byte[]> gone = new HashMap<>();

        HashMapFloorFilter(List<String> paths) {
            for (String p : paths) {
                gone.put(p, BODY);
            }
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            byte[] body = gone.get(request.getServletPath());
            if (body == null) {
                chain.doFilter(req, res);
                return;
            }
            HttpServletResponse response = (HttpServletResponse) res;
            response.setStatus(410);
            response.setContentType("application/problem+json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
