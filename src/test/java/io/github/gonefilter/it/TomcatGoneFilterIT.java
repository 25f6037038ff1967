package io.github.gonefilter.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * The container contract on embedded Tomcat 11 with its default settings, each web application deployed from
 * its directory. Subclasses relax settings through {@link #configure}.
 *
 * <p>Like a standalone Tomcat's {@code conf/web.xml}, a default {@code web.xml} gives every application the
 * container's default servlet (static files, mapped to {@code /} unless the application maps {@code /}
 * itself), without the JSP servlet, whose engine is not on the class path.
 */
class TomcatGoneFilterIT extends GoneFilterContainerContract {

    /** The default servlet as {@code conf/web.xml} of a Tomcat distribution declares it, and the HTML type. */
    private static final String DEFAULT_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
              <servlet>
                <servlet-name>default</servlet-name>
                <servlet-class>org.apache.catalina.servlets.DefaultServlet</servlet-class>
                <init-param><param-name>listings</param-name><param-value>false</param-value></init-param>
                <load-on-startup>1</load-on-startup>
              </servlet>
              <servlet-mapping>
                <servlet-name>default</servlet-name>
                <url-pattern>/</url-pattern>
              </servlet-mapping>
              <mime-mapping><extension>html</extension><mime-type>text/html</mime-type></mime-mapping>
            </web-app>
            """;

    /** Changes the connector before start; the defaults stay as Tomcat ships them. */
    protected void configure(Connector connector) {
    }

    @Override
    protected Running start(List<WebApp> apps, Path workDir) throws Exception {
        // Tomcat reports a filter that fails to start only in its log, and leaves the context stopped.
        Logger catalina = Logger.getLogger("org.apache.catalina");
        List<LogRecord> errors = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                if (record.getThrown() != null) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        catalina.addHandler(handler);

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(workDir.resolve("tomcat").toString());
        Path defaultWebXml = Files.createDirectories(workDir.resolve("tomcat/conf")).resolve("web.xml");
        Files.writeString(defaultWebXml, DEFAULT_WEB_XML, StandardCharsets.UTF_8);
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        configure(connector);
        tomcat.setConnector(connector);
        // Not Tomcat's built-in defaults, which add a JSP servlet: the default web.xml above instead.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        List<Context> contexts = new ArrayList<>();
        for (WebApp app : apps) {
            ContextConfig config = new ContextConfig();
            config.setDefaultWebXml(defaultWebXml.toAbsolutePath().toString());
            Context context = tomcat.addWebapp(tomcat.getHost(), app.contextPath(),
                    app.directory().toAbsolutePath().toString(), config);
            StandardJarScanner scanner = new StandardJarScanner();
            scanner.setScanClassPath(false); // nothing to find on the test class path; saves seconds
            context.setJarScanner(scanner);
            contexts.add(context);
        }
        try {
            tomcat.start();
        } finally {
            catalina.removeHandler(handler);
        }
        return new Running() {
            @Override
            public int port() {
                return connector.getLocalPort();
            }

            @Override
            public Optional<Throwable> startupFailure(String contextPath) {
                for (Context context : contexts) {
                    if (context.getPath().equals(contextPath) && context.getState() != LifecycleState.STARTED) {
                        // The context's own logger: org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/path]
                        String logger = ".[" + (contextPath.isEmpty() ? "/" : contextPath) + "]";
                        synchronized (handler) {
                            return errors.stream().filter(r -> r.getLoggerName().endsWith(logger))
                                    .map(LogRecord::getThrown).findFirst()
                                    .or(() -> Optional.of(new IllegalStateException("context " + contextPath + " is "
                                            + context.getStateName() + " and nothing was logged")));
                        }
                    }
                }
                return Optional.empty();
            }

            @Override
            public void close() throws Exception {
                tomcat.stop();
                tomcat.destroy();
            }
        };
    }
}
