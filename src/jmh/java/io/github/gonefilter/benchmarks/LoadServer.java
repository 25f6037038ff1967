package io.github.gonefilter.benchmarks;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat on loopback serving a trivial servlet (200, {@code ok}) for the end-to-end load test
 * ({@code src/jmh/load/run-load.sh}):
 * {@code java -cp target-jmh/benchmarks.jar io.github.gonefilter.benchmarks.LoadServer bare|noop|gone|tuckey PORT}.
 * {@code noop} puts a filter that only continues the chain in front: the cost of having any filter at all.
 * {@code gone} puts GoneFilter with 1,000,000 exact tombstones, 10,000 globs and 10 regexes in front;
 * {@code tuckey} puts UrlRewriteFilter with 10,000 rules in front. Prints {@code READY} once listening.
 */
public final class LoadServer {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LoadServer bare|noop|gone|tuckey PORT");
            System.exit(2);
        }
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        Filter filter = switch (mode) {
            case "bare" -> null;
            case "noop" -> (req, res, chain) -> chain.doFilter(req, res);
            case "gone" -> Filters.gone(Corpus.standard(Integer.getInteger("exactTombstones", 1_000_000)));
            case "tuckey" -> new Filters.InlineConfUrlRewriteFilter(Corpus.tuckeyXml(Integer.getInteger("rules", 10_000)));
            default -> throw new IllegalArgumentException("mode must be bare, noop, gone or tuckey but was " + mode);
        };

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("gone-filter-load").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "app", new OkServlet());
        context.addServletMappingDecoded("/", "app");
        if (filter != null) {
            FilterDef def = new FilterDef();
            def.setFilterName(mode);
            def.setFilter(filter);
            def.addInitParameter("logLevel", "WARN");
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName(mode);
            map.addURLPattern("/*");
            context.addFilterMap(map);
        }
        tomcat.start();
        System.gc();
        System.out.println("READY " + mode + " on 127.0.0.1:" + port);
        tomcat.getServer().await();
    }

    /** The trivial application: 200 with a two-byte body for every path. */
    static final class OkServlet extends HttpServlet {
        private static final byte[] OK = {'o', 'k'};

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.setContentLength(OK.length);
            resp.getOutputStream().write(OK);
        }
    }
}
