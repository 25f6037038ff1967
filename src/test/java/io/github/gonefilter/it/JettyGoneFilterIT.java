package io.github.gonefilter.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The container contract on embedded Jetty 12 (EE 11) with its default settings, each web application deployed
 * from its directory. Subclasses relax settings through {@link #configure}.
 */
class JettyGoneFilterIT extends GoneFilterContainerContract {

    /** Changes the connector or a web application before start; the defaults stay as Jetty ships them. */
    protected void configure(ServerConnector connector, WebAppContext context) {
    }

    @Override
    protected Running start(List<WebApp> apps, Path workDir) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection handlers = new ContextHandlerCollection();
        List<WebAppContext> contexts = new ArrayList<>();
        for (WebApp app : apps) {
            WebAppContext context = new WebAppContext();
            context.setContextPath(app.contextPath().isEmpty() ? "/" : app.contextPath());
            context.setWar(app.directory().toAbsolutePath().toString());
            configure(connector, context);
            handlers.addHandler(context);
            contexts.add(context);
        }
        server.setHandler(handlers);
        server.start();
        return new Running() {
            @Override
            public int port() {
                return connector.getLocalPort();
            }

            @Override
            public Optional<Throwable> startupFailure(String contextPath) {
                // Jetty keeps the context running but unavailable (503) and holds on to the cause.
                return contexts.stream()
                        .filter(c -> c.getContextPath().equals(contextPath.isEmpty() ? "/" : contextPath))
                        .map(WebAppContext::getUnavailableException)
                        .filter(java.util.Objects::nonNull)
                        .findFirst();
            }

            @Override
            public void close() throws Exception {
                server.stop();
            }
        };
    }
}
