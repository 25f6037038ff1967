package io.github.gonefilter.examples.webxml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/**
 * Deploys a WAR to embedded Tomcat 11, as a standalone Tomcat would: the WAR is expanded into the host's
 * app base, and its {@code WEB-INF/web.xml} declares everything. {@code mvn package exec:exec} runs it.
 */
public final class TomcatLauncher {

    private TomcatLauncher() {
    }

    /**
     * Starts Tomcat with {@code war} as the root application.
     *
     * @param port    the port, or 0 for a free one ({@code tomcat.getConnector().getLocalPort()} tells which)
     * @param baseDir Tomcat's working directory; the WAR is expanded under {@code baseDir/webapps}
     */
    public static Tomcat start(Path war, int port, Path baseDir) throws IOException, LifecycleException {
        if (!Files.isRegularFile(war)) {
            throw new IllegalArgumentException(war + " does not exist; run 'mvn package' first");
        }
        Path appBase = Files.createDirectories(baseDir.resolve("webapps"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toAbsolutePath().toString());
        tomcat.setPort(port);
        tomcat.getHost().setAppBase(appBase.toAbsolutePath().toString());
        tomcat.getConnector(); // creates the HTTP connector
        // Tomcat's default web.xml would add a JSP servlet, and this container has no JSP engine.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp("", war.toAbsolutePath().toString());
        Tomcat.addDefaultMimeTypeMappings(context);
        tomcat.start();
        if (!context.getState().isAvailable()) {
            tomcat.stop();
            tomcat.destroy();
            throw new IllegalStateException("the web application did not start; the log above says why");
        }
        return tomcat;
    }

    /** {@code TomcatLauncher <war> [port]}: runs until the process is stopped. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TomcatLauncher <war> [port]");
            System.exit(2);
        }
        Path war = Path.of(args[0]);
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
        Path baseDir = war.toAbsolutePath().getParent().resolve("tomcat");
        Tomcat tomcat = start(war, port, baseDir);
        String base = "http://localhost:" + tomcat.getConnector().getLocalPort();
        System.out.println();
        System.out.println("gone-filter web.xml example running at " + base + "/  (Ctrl-C stops it)");
        System.out.println("  curl -i " + base + "/products/1          # 200: a product");
        System.out.println("  curl -i " + base + "/products/999        # 404: never existed");
        System.out.println("  curl -i " + base + "/products/4          # 410: discontinued, Link to /products/5");
        System.out.println("  curl -i " + base + "/catalog-2023/kettles # 410: a whole expired section (glob)");
        System.out.println("  curl -i " + base + "/products/9          # 451: removed by court order");
        System.out.println("Tombstones: " + baseDir.resolve("webapps/ROOT/WEB-INF/tombstones.csv").toAbsolutePath()
                + " (edits are live within 5 s)");
        System.out.println();
        tomcat.getServer().await();
    }
}
