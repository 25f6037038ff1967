package io.github.gonefilter.purge;

import io.github.gonefilter.GoneFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * An application at context path {@value #CONTEXT_PATH} in embedded Tomcat, with a {@link GoneFilter} in front of a
 * servlet that answers every path with a page that caches may keep for an hour (except {@code /missing/...}: 404).
 * Tomcat initializes the filter, which is when it starts purging.
 */
final class ShopApp implements AutoCloseable {

    static final String CONTEXT_PATH = "/shop";

    final GoneFilter filter;
    private final Tomcat tomcat;
    final int port;

    ShopApp(GoneFilter filter, Path dir) throws IOException, LifecycleException {
        this.filter = filter;
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(dir.resolve("tomcat-" + System.nanoTime())).toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext(CONTEXT_PATH, null);
        Tomcat.addServlet(ctx, "pages", new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                if (req.getPathInfo() != null && req.getPathInfo().startsWith("/missing/")) {
                    resp.sendError(404); // as for anything the application never had
                    return;
                }
                resp.setHeader("Cache-Control", "public, max-age=3600");
                resp.setContentType("text/plain");
                resp.getWriter().write("live " + req.getRequestURI());
            }
        });
        ctx.addServletMappingDecoded("/*", "pages");
        FilterDef def = new FilterDef();
        def.setFilterName("gone");
        def.setFilter(filter);
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("gone");
        map.addURLPattern("/*");
        ctx.addFilterMap(map);
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
