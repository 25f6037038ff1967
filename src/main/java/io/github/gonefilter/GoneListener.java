package io.github.gonefilter;

/**
 * Called for every response the filter produces: for logging, metrics or audit. Runs on the request
 * thread after the response is written, so it should be quick; an exception it throws is logged and
 * does not affect the response.
 */
@FunctionalInterface
public interface GoneListener {

    void onResponse(GoneEvent event);
}
