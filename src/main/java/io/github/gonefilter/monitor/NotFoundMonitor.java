package io.github.gonefilter.monitor;

import static io.github.gonefilter.internal.registry.Checks.requireUnset;

import io.github.gonefilter.internal.registry.Checks;
import io.github.gonefilter.internal.matching.TombstoneIndex;
import io.github.gonefilter.internal.servlet.AsyncCompletion;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.Tombstone;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which paths the application answered 404 for, and how often: the paths a site may want to declare gone. A
 * {@code GoneFilter} given one (builder {@code monitor(...)}, init-param {@code monitor}) hands it every request it
 * let through once the chain has returned; the monitor reads the status the application set
 * ({@code setStatus} or {@code sendError}) and counts a 404. The response is never wrapped, altered or buffered;
 * an asynchronous request is counted when it completes, by an {@code AsyncListener}.
 *
 * <p>What is kept, per canonical path: a count, when it was first and last seen, and, only if asked for, the hosts
 * of the {@code Referer} headers (host only) and how many requests came from crawlers and scripts rather than
 * browsers. Never an address, a cookie, another header or, unless {@link Builder#ignoreQuery(boolean)} says
 * otherwise, the query string.
 *
 * <p>Bounded: at most {@link Builder#maxEntries(int) maxEntries} paths, the heavy hitters kept by the space-saving
 * algorithm behind an admission filter (a small count-min sketch of the recent 404s): a path not held takes the
 * place of the least requested entry only if it was requested lately at least as often as that entry, so a flood
 * of random paths, each requested once, cannot push out paths with a repeated history, and memory does not grow;
 * paths not seen for the {@link Builder#retention(Duration) retention} expire when the monitor is next used, without a
 * scheduler; {@link Builder#exclude(String...) excluded} globs (by default the paths scanners probe) are never
 * counted. Thread-safe; only a 404 costs anything (one lookup and a short lock). Per instance: a cluster has one
 * list per node.
 */
public final class NotFoundMonitor {

    /** The servlet context attribute under which a {@code GoneFilter} configured by init-params puts its monitor. */
    public static final String CONTEXT_ATTRIBUTE = NotFoundMonitor.class.getName();
    /** In a list of exclusions, stands for {@link #DEFAULT_EXCLUDE}: {@code exclude("defaults", "/internal/**")}. */
    public static final String DEFAULTS = "defaults";
    public static final int DEFAULT_MAX_ENTRIES = 1000;
    /** A week: long enough to span a weekly crawl, short enough that a fixed link leaves the list. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /**
     * What vulnerability scanners probe on every site: admin pages of other software, PHP and CGI scripts,
     * dot-files with credentials, editor backups and dumps at the root, and the icons browsers ask for unbidden.
     * They would crowd out the paths that matter and are nothing to declare gone. Matched case-insensitively. A
     * site that moved from PHP replaces the list, so that its old {@code .php} pages are counted.
     */
    public static final List<String> DEFAULT_EXCLUDE = List.of(
            "/wp-admin/**", "/wp-login.php", "/wp-content/**", "/wp-includes/**", "/xmlrpc.php", "**/*.php",
            "/cgi-bin/**", "**/*.cgi", "/phpmyadmin/**", "/pma/**", "/vendor/phpunit/**", "/owa/**",
            "/autodiscover/**", "/actuator/**", "/server-status", "/.env", "**/.env", "/.git/**", "/.svn/**",
            "/.hg/**", "/.aws/**", "/.ssh/**", "/.vscode/**", "/.idea/**", "/.ds_store", "**/*.swp", "**/*.bak",
            "/*.sql", "/*.zip", "/*.tar.gz", "/*.rar", "/favicon.ico", "/apple-touch-icon*.png");
    /**
     * The longest path (with its query, when kept) that is counted: longer ones are junk or attacks, and would
     * make each entry cost more than a few hundred bytes. They count as {@link Statistics#excluded excluded}.
     */
    public static final int MAX_KEY_LENGTH = 1024;
    /** How often, at most, the expired entries are looked for when requests are counted. */
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(NotFoundMonitor.class.getName());

    private final int maxEntries;
    private final Duration retention;
    private final List<String> exclude;
    private final TombstoneIndex excluded;
    private final boolean ignoreQuery;
    private final boolean referrers;
    private final boolean userAgents;
    private final Clock clock;

    private final Object lock = new Object();
    private final SpaceSaving entries;
    private Instant nextSweep = Instant.MIN;

    private final LongAdder recorded = new LongAdder();
    private final LongAdder replaced = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder skipped = new LongAdder();

    private NotFoundMonitor(Builder b) {
        this.maxEntries = b.maxEntries != null ? b.maxEntries : DEFAULT_MAX_ENTRIES;
        this.retention = b.retention != null ? b.retention : DEFAULT_RETENTION;
        this.exclude = b.exclude != null ? b.exclude : DEFAULT_EXCLUDE;
        this.ignoreQuery = b.ignoreQuery == null || b.ignoreQuery;
        this.referrers = b.referrers != null && b.referrers;
        this.userAgents = b.userAgents != null && b.userAgents;
        this.clock = b.clock != null ? b.clock : Clock.systemUTC();
        List<Tombstone> globs = new ArrayList<>(exclude.size());
        for (String glob : exclude) {
            try {
                globs.add(Tombstone.of(glob));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("exclude: '" + glob + "' is not a path or glob: " + e.getMessage(), e);
            }
        }
        this.excluded = TombstoneIndex.of(globs, false); // the library's own glob matching, in any case
        this.entries = new SpaceSaving(maxEntries, new SecureRandom()); // a hash clients cannot aim collisions at
    }

    /** A monitor with every default: 1,000 paths, seven days, the default exclusions, no query, referrer or agent. */
    public static NotFoundMonitor create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The filter's hook, called on the request thread after the chain returned for a request the filter let through:
     * counts it if the application answered 404, or, if the request went asynchronous, arranges for it to be
     * counted when it completes. Only {@code REQUEST} dispatches count: a forward or an error page the filter also
     * sees is part of a request already counted. Never throws.
     */
    public void afterChain(HttpServletRequest request, HttpServletResponse response) {
        try {
            if (request.getDispatcherType() != DispatcherType.REQUEST) {
                return;
            }
            if (request.isAsyncStarted()) {
                // Counted when it completes, whichever thread completes it; nothing before.
                AsyncCompletion.whenComplete(request, response, () -> recordIfNotFound(request, response));
            } else {
                recordIfNotFound(request, response);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NotFoundMonitor could not count a request", e);
        }
    }

    private void recordIfNotFound(HttpServletRequest request, HttpServletResponse response) {
        try {
            if (response.getStatus() == HttpServletResponse.SC_NOT_FOUND) {
                record(request);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NotFoundMonitor could not count a request", e);
        }
    }

    private void record(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String raw = pathInfo == null ? servletPath : servletPath + pathInfo;
        String path;
        try {
            path = PathCanonicalizer.canonicalizeDecoded(raw == null || raw.isEmpty() ? "/" : raw);
        } catch (RuntimeException e) {
            skipped.increment(); // unreadable: nothing a tombstone could be written for
            return;
        }
        record(path, ignoreQuery ? null : request.getQueryString(),
                referrers ? request.getHeader("Referer") : null,
                userAgents ? request.getHeader("User-Agent") : null);
    }

    /**
     * Counts one 404 for a canonical {@code path}, as the filter's hook does; for tests and for applications that
     * see 404s elsewhere. Arguments the monitor was not configured to keep are ignored.
     *
     * @param path      the canonical path relative to the application, as {@code PathCanonicalizer} makes it
     * @param query     the query string as sent, or null
     * @param referer   the {@code Referer} header, or null; only its host is kept
     * @param userAgent the {@code User-Agent} header, or null; only whether it looks like a crawler is kept
     */
    public void record(String path, String query, String referer, String userAgent) {
        Objects.requireNonNull(path, "path");
        String keptQuery = ignoreQuery || query == null || query.isEmpty() ? null : query;
        int length = path.length() + (keptQuery == null ? 0 : 1 + keptQuery.length());
        if (length > MAX_KEY_LENGTH || excluded.mayMatch(path)) {
            skipped.increment();
            return;
        }
        String host = referrers ? ReferrerHosts.of(referer) : null;
        int agent = !userAgents ? SpaceSaving.AGENT_UNKNOWN
                : BotUserAgents.isBot(userAgent) ? SpaceSaving.AGENT_BOT : SpaceSaving.AGENT_HUMAN;
        // path and query apart: a decoded path may hold a '?' (%3F), and must not share an entry with a query
        SpaceSaving.Key key = new SpaceSaving.Key(path, keptQuery);
        long hash = entries.hash(key); // up to MAX_KEY_LENGTH characters: outside the lock
        Instant now = clock.instant();
        synchronized (lock) {
            sweepIfDue(now);
            switch (entries.record(key, hash, now, host, agent)) {
                case REPLACED -> replaced.increment();
                case REJECTED -> rejected.increment();
                default -> { }
            }
        }
        recorded.increment();
    }

    /**
     * Every entry held, without those expired by now: the most requests certainly seen
     * ({@link NotFoundEntry#guaranteedCount()}) first, then the highest count, then the most recently seen.
     */
    public List<NotFoundEntry> entries() {
        return top(Integer.MAX_VALUE);
    }

    /** The first {@code limit} of {@link #entries()}. */
    public List<NotFoundEntry> top(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative but was " + limit);
        }
        Instant now = clock.instant();
        List<NotFoundEntry> all;
        synchronized (lock) {
            sweep(now);
            all = entries.entries();
        }
        return limit >= all.size() ? all : List.copyOf(all.subList(0, limit));
    }

    /** The entry of {@code path} (any query, when queries are kept: the most requested), if held and not expired. */
    public Optional<NotFoundEntry> entry(String path) {
        Objects.requireNonNull(path, "path");
        return entries().stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /**
     * Removes the entries of a canonical {@code path} (with every query, when queries are kept): dismissed, or
     * declared gone. A later 404 for it starts a new entry.
     *
     * @return whether there was one
     */
    public boolean dismiss(String path) {
        Objects.requireNonNull(path, "path");
        synchronized (lock) {
            return entries.removeIf(s -> s.path.equals(path)) > 0;
        }
    }

    /** Removes every entry; the counters of {@link #statistics()} go on. */
    public void clear() {
        synchronized (lock) {
            entries.removeIf(s -> true);
        }
    }

    /** The counters since the monitor was made, and the entries held now. */
    public Statistics statistics() {
        int size;
        synchronized (lock) {
            sweep(clock.instant());
            size = entries.size();
        }
        return new Statistics(size, maxEntries, recorded.sum(), replaced.sum(), rejected.sum(), expired.sum(),
                skipped.sum());
    }

    /**
     * What the monitor counted.
     *
     * @param entries    paths held now
     * @param maxEntries the most it holds
     * @param recorded   404s counted (those rejected included)
     * @param replaced   entries that a new path took the place of, the monitor being full: the least requested
     *                   ones, whose count the new entry inherited as its error
     * @param rejected   404s for a path not held that the full monitor did not take in, since the path had not been
     *                   requested lately as often as its least entry (a flood of one-off paths ends up here)
     * @param expired    entries removed because they were not requested for the retention
     * @param excluded   404s not counted: an excluded path, one longer than {@value #MAX_KEY_LENGTH} characters, or
     *                   one that could not be read
     */
    public record Statistics(int entries, int maxEntries, long recorded, long replaced, long rejected, long expired,
            long excluded) {
    }

    public int maxEntries() {
        return maxEntries;
    }

    public Duration retention() {
        return retention;
    }

    /** The globs never counted, as given. */
    public List<String> exclude() {
        return exclude;
    }

    public boolean ignoreQuery() {
        return ignoreQuery;
    }

    public boolean referrers() {
        return referrers;
    }

    public boolean userAgents() {
        return userAgents;
    }

    @Override
    public String toString() {
        return "NotFoundMonitor[maxEntries=" + maxEntries + ", retention=" + retention + ", " + exclude.size()
                + " exclusions, ignoreQuery=" + ignoreQuery + ", referrers=" + referrers + ", userAgents="
                + userAgents + "]";
    }

    /** Looks for expired entries at most once a {@link #SWEEP_INTERVAL}: a request costs O(log n), not O(n). */
    private void sweepIfDue(Instant now) {
        if (!now.isBefore(nextSweep)) {
            sweep(now);
        }
    }

    private void sweep(Instant now) {
        Instant cutoff = now.minus(retention);
        int removed = entries.removeIf(s -> s.lastSeen.isBefore(cutoff));
        expired.add(removed);
        nextSweep = now.plus(SWEEP_INTERVAL.compareTo(retention) < 0 ? SWEEP_INTERVAL : retention);
    }

    /** Configures a {@link NotFoundMonitor}; every setter refuses a second call. */
    public static final class Builder {
        private Integer maxEntries;
        private Duration retention;
        private List<String> exclude;
        private Boolean ignoreQuery;
        private Boolean referrers;
        private Boolean userAgents;
        private Clock clock;

        private Builder() {
        }

        /** The most paths held. Default {@value NotFoundMonitor#DEFAULT_MAX_ENTRIES}; at least 1, at most 100,000. */
        public Builder maxEntries(int maxEntries) {
            requireUnset(this.maxEntries, "maxEntries");
            if (maxEntries < 1 || maxEntries > 100_000) {
                throw new IllegalArgumentException("maxEntries must be between 1 and 100000 but was " + maxEntries);
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /** How long a path stays listed after its last 404. Default seven days; positive. */
        public Builder retention(Duration retention) {
            requireUnset(this.retention, "retention");
            this.retention = Checks.positive(retention, "retention");
            return this;
        }

        /**
         * Paths and globs never counted, replacing {@link NotFoundMonitor#DEFAULT_EXCLUDE}, which the word
         * {@value NotFoundMonitor#DEFAULTS} among them keeps; none to count everything. Globs as in tombstones,
         * matched case-insensitively. Also the way to keep paths that carry a secret out of the list: password-reset
         * or magic-login links hold their token in the path and answer 404 once used
         * ({@code exclude(DEFAULTS, "/reset-password/**", "/magic-link/**")}).
         */
        public Builder exclude(String... globs) {
            requireUnset(this.exclude, "exclude");
            List<String> list = new ArrayList<>();
            for (String glob : globs) {
                if (glob.isBlank()) {
                    throw new IllegalArgumentException("exclude: a glob must not be blank");
                }
                if (glob.equals(DEFAULTS)) {
                    list.addAll(DEFAULT_EXCLUDE);
                } else {
                    list.add(glob);
                }
            }
            this.exclude = List.copyOf(list);
            return this;
        }

        /**
         * Whether requests that differ only in their query string count as one path (the default, true). With
         * false, each distinct query string is an entry of its own and is kept as the client sent it, which may
         * hold personal data or tokens.
         */
        public Builder ignoreQuery(boolean ignoreQuery) {
            requireUnset(this.ignoreQuery, "ignoreQuery");
            this.ignoreQuery = ignoreQuery;
            return this;
        }

        /** Whether to keep the hosts of the {@code Referer} headers, the top five per path. Default false. */
        public Builder referrers(boolean referrers) {
            requireUnset(this.referrers, "referrers");
            this.referrers = referrers;
            return this;
        }

        /** Whether to count crawlers and scripts apart from browsers, by their {@code User-Agent}. Default false. */
        public Builder userAgents(boolean userAgents) {
            requireUnset(this.userAgents, "userAgents");
            this.userAgents = userAgents;
            return this;
        }

        /** The clock for first and last seen and the retention. Default the system UTC clock. */
        public Builder clock(Clock clock) {
            requireUnset(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalArgumentException if an exclusion is not a valid path or glob */
        public NotFoundMonitor build() {
            return new NotFoundMonitor(this);
        }
    }
}
