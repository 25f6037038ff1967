package io.github.gonefilter.purge;

import io.github.gonefilter.tombstone.TombstoneChange;
import java.util.List;

/**
 * The extension point for caches in front of the application (a reverse proxy, a CDN): removes what a cache holds
 * for the paths of changed tombstones, so that a burial or a restore takes effect at the edge within seconds
 * instead of after the cached answer's {@code max-age}.
 *
 * <p>The filter never calls a purger on a request thread or on the thread that called {@code bury} or
 * {@code restore}: a queue between the registry and the purgers calls each purger on its own thread, in the order
 * the changes were made, retries failures with exponential backoff and drops the oldest work when it is full. So
 * an implementation may block on I/O, but should bound every call with a timeout.
 *
 * <p>Built in: {@link VarnishPurger}, {@link FastlyPurger}, {@link CloudflarePurger}. {@link PurgeScope} tells an
 * implementation what a change covers (the URL of an exact path, the directory of a glob, a regular expression over
 * URLs, surrogate keys).
 */
public interface CachePurger {

    /**
     * Purges what caches hold for {@code changes}: a tombstone added (the cached live page must go) or removed (the
     * cached 410 must go), exact paths, globs and regular expressions alike.
     *
     * @param changes     one or more changes, oldest first; the same change may come again (each is purged a
     *                    second time after the shared registry's propagation time)
     * @param contextPath the application's context path ({@code ""} at the root, else {@code /shop}), as the
     *                    container reports it: cached URLs start with it
     * @throws PurgeRejectedException when the cache refuses the purge for good (a bad request, a wrong token): the
     *                                changes are not retried
     * @throws Exception              for anything that may pass (the cache is unreachable, overloaded, restarting):
     *                                the same changes are retried with backoff
     */
    void purge(List<TombstoneChange> changes, String contextPath) throws Exception;

    /**
     * The cache this purger talks to, for log lines: {@code varnish http://127.0.0.1:6081}. Never contains
     * credentials. The default is the class name.
     */
    default String description() {
        return getClass().getSimpleName();
    }
}
