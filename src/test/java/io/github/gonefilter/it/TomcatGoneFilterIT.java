package io.github.gonefilter.it;

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
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * The container contract on embedded Tomcat 11 with its default settings, each web application deployed from
 * its directory. Subclasses relax settings through {@link #configure}.
 */
class TomcatGoneFilterIT extends GoneFilterContainerContract {

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
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        configure(connector);
        tomcat.setConnector(connector);
        // Only the applications' own web.xml: Tomcat's default one adds a JSP servlet that is not on the class path.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        List<Context> contexts = new ArrayList<>();
        for (WebApp app : apps) {
            Context context = tomcat.addWebapp(app.contextPath(), app.directory().toAbsolutePath().toString());
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
