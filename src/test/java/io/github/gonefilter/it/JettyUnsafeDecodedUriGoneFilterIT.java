package io.github.gonefilter.it;

import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The contract on Jetty with {@link org.eclipse.jetty.http.UriCompliance#UNSAFE} and the servlet handler told
 * to decode ambiguous URIs: {@code getServletPath()} then returns a decoded path (an encoded slash becomes a
 * separator) instead of throwing, and the filter must match what the application is going to see.
 */
class JettyUnsafeDecodedUriGoneFilterIT extends JettyUnsafeUriGoneFilterIT {

    @Override
    protected void configure(ServerConnector connector, WebAppContext context) {
        super.configure(connector, context);
        context.getServletHandler().setDecodeAmbiguousURIs(true);
    }
}
