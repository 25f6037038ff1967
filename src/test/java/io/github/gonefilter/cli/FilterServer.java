package io.github.gonefilter.cli;

import io.github.gonefilter.GoneFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat 11 with its default settings, one filter in front of an application that answers 200 for
 * every path: the real {@link GoneFilter} loaded from a tombstone file, or another filter (Tuckey's).
 */
final class FilterServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Connector connector;

    private FilterServer(Path dir, Filter filter, String filterClass, Map<String, String> initParams)
            throws LifecycleException, IOException {
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Path docBase = Files.createDirectories(dir.resolve("webapp"));
        Context context = tomcat.addContext("", docBase.toString());
        Tomcat.addServlet(context, "app", new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setStatus(200);
                resp.getWriter().write("live\n");
            }
        });
        context.addServletMappingDecoded("/", "app");
        FilterDef def = new FilterDef();
        def.setFilterName("underTest");
        if (filter != null) {
            def.setFilter(filter);
            def.setFilterClass(filter.getClass().getName());
        } else {
            def.setFilterClass(filterClass);
        }
        initParams.forEach(def::addInitParameter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("underTest");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        tomcat.start();
    }

    /** The real filter, loaded from {@code tombstones} as a web.xml user's filter would load it. */
    static FilterServer goneFilter(Path dir, Path tombstones) throws LifecycleException, IOException {
        GoneFilter filter = GoneFilter.builder().tombstones(tombstones.toString()).reloadInterval(Duration.ZERO).build();
        return new FilterServer(dir, filter, null, Map.of());
    }

    /** Another filter class with init-params, its resources under {@code dir/webapp}. */
    static FilterServer filterClass(Path dir, String filterClass, Map<String, String> initParams)
            throws LifecycleException, IOException {
        return new FilterServer(dir, null, filterClass, initParams);
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
