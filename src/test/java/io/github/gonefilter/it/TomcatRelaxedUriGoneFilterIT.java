package io.github.gonefilter.it;

import org.apache.catalina.connector.Connector;

/**
 * The contract on Tomcat with every URI check a deployment might relax: encoded slashes and backslashes
 * passed through to the application still encoded, backslashes allowed. Then the container's path and the
 * request URI disagree, and the filter must still match the deleted path.
 */
class TomcatRelaxedUriGoneFilterIT extends TomcatGoneFilterIT {

    @Override
    protected void configure(Connector connector) {
        connector.setEncodedSolidusHandling("passthrough");
        connector.setEncodedReverseSolidusHandling("passthrough");
        connector.setAllowBackslash(true);
        connector.setProperty("relaxedPathChars", "\\");
        connector.setRejectSuspiciousURIs(false);
    }
}
