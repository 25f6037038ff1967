package io.github.gonefilter.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One path the application answered 404 for, as the {@link NotFoundMonitor} counted it.
 *
 * @param path      the canonical path, relative to the application (as tombstones are written)
 * @param query     the query string as the client sent it (percent-encoded), only when the monitor keeps query
 *                  strings ({@code ignoreQuery(false)}); otherwise {@code null}, and requests that differ only in
 *                  their query count as one path
 * @param count     requests counted: never fewer than the true number since {@code firstSeen}, and at most
 *                  {@code error} more
 * @param error     how much {@code count} may overstate: the count this entry inherited when it took the place of
 *                  the least requested entry of a full monitor; 0 for an entry that never replaced another
 * @param firstSeen when this entry was made
 * @param lastSeen  the latest request counted
 * @param referrers the hosts of the {@code Referer} headers, most frequent first, at most five (host only, never
 *                  a path or a query); empty unless the monitor records referrers. Their counts are approximate in
 *                  the same way as {@code count}
 * @param bots      requests whose {@code User-Agent} looked like a crawler, a script or nothing; 0 unless the
 *                  monitor tells user agents apart
 * @param humans    the other requests; 0 unless the monitor tells user agents apart
 */
public record NotFoundEntry(String path, String query, long count, long error, Instant firstSeen, Instant lastSeen,
        List<Referrer> referrers, long bots, long humans) {

    public NotFoundEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        referrers = List.copyOf(referrers);
    }

    /** The fewest requests this path certainly had since {@code firstSeen}: {@code count - error}. */
    public long guaranteedCount() {
        return count - error;
    }

    /**
     * A referring host and how many of the entry's requests came from it.
     *
     * @param host  the host, in lower case, without user information or port
     * @param count requests with this host in their {@code Referer} header (approximate, like the entry's count)
     */
    public record Referrer(String host, long count) {

        public Referrer {
            Objects.requireNonNull(host, "host");
        }
    }
}
