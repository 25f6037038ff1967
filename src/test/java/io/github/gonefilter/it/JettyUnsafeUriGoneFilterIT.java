package io.github.gonefilter.it;

import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The contract on Jetty with {@link UriCompliance#UNSAFE}: the connector lets ambiguous URIs (encoded
 * slashes, encoded dot segments, empty segments) through to the servlet layer, which by default throws from
 * {@code getServletPath()} for them. The filter must answer 400, never 500 and never let them through.
 */
class JettyUnsafeUriGoneFilterIT extends JettyGoneFilterIT {

    @Override
    protected void configure(ServerConnector connector, WebAppContext context) {
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                .setUriCompliance(UriCompliance.UNSAFE);
    }
}
