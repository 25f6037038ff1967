package io.github.gonefilter;

/**
 * Called for every response the filter produces: for logging, metrics or audit. Runs on the request
 * thread after the response is written, so it should be quick; an exception it throws is logged and
 * does not affect the response.
 */
@FunctionalInterface
public interface GoneListener {

    void onResponse(GoneEvent event);

    /**
     * Called when the application answered a GET or HEAD of a path that a
     * {@link io.github.gonefilter.tombstone.TombstoneMode#FALLBACK fallback} tombstone covers with a success
     * (2xx; a redirect does not count): the content is live again and the response passed untouched. {@link GoneEvent#status()} is the
     * application's status. By default nothing happens.
     */
    default void onLiveContent(GoneEvent event) {
    }
}
