package io.github.gonefilter;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;

/**
 * A response the filter produced instead of letting the request through, or, for
 * {@link GoneListener#onLiveContent}, live content the application served at a fallback tombstone's path.
 *
 * @param method    the request method
 * @param path      the canonical path within the application, or the raw request URI for a 400
 * @param status    the status written: 410, 451, 404, or 400 for an unreadable path; for live content the
 *                  application's
 * @param tombstone the tombstone that matched, or {@code null} for a 400
 * @param at        when, by the filter's clock
 */
public record GoneEvent(String method, String path, int status, Tombstone tombstone, Instant at) {
}
