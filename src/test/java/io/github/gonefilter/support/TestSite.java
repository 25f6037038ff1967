package io.github.gonefilter.support;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * One node of a site: an embedded Tomcat with a {@link GoneFilter} (built with its builder) in front of a
 * servlet that answers 200 for every path.
 */
public final class TestSite implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Tomcat tomcat;
    private final int port;

    public TestSite(TombstoneRegistry registry) throws IOException, LifecycleException {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("gone-site").toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "live", new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setStatus(200);
                resp.getWriter().write("live");
            }
        });
        ctx.addServletMappingDecoded("/*", "live");
        FilterDef def = new FilterDef();
        def.setFilterName("gone");
        def.setFilter(GoneFilter.builder().registry(registry).build());
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("gone");
        map.addURLPattern("/*");
        ctx.addFilterMap(map);
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
    }

    /** The status of a GET for {@code path}; requests time out after 5 seconds. */
    public int get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
