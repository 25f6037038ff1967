package io.github.gonefilter.registry.table;

import static io.github.gonefilter.internal.registry.Checks.atLeast;
import static io.github.gonefilter.internal.registry.Checks.notNegative;
import static io.github.gonefilter.internal.registry.Checks.positive;
import static io.github.gonefilter.internal.registry.Checks.requireUnset;

import io.github.gonefilter.internal.jdbc.BoundedConnections;
import io.github.gonefilter.internal.registry.Checks;
import io.github.gonefilter.internal.registry.ReportingRegistry;
import io.github.gonefilter.internal.registry.Threads;
import io.github.gonefilter.registry.Ticker;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Answers from the application's own soft-delete table, with no bookkeeping of its own: a path template
 * such as {@code /api/documents/{id}} is mapped to a query such as
 * {@code SELECT deleted_at, deletion_reason FROM documents WHERE id = ?}, and a path is gone when the row's
 * first column marks it deleted (a non-null timestamp, or {@code true}). The optional second column is the
 * public reason code. No row, or a row not marked deleted, is not gone. Typed variables are parsed the way
 * the application parses them, so {@code /api/documents/01}, {@code /api/documents/+1} and
 * {@code /api/documents/1} are one row, one cache entry and one query.
 *
 * <p><b>Lookups never wait on the database by default.</b> Answers, positive and negative, are kept in two
 * bounded caches (Caffeine, an optional dependency this registry requires): "gone" answers and "not gone"
 * answers have separate bounds, so no flood of requests for ids that do not exist can push out the deleted
 * ones. A path outside every template never touches the database. An unknown path matching a template is
 * answered "not gone" at once while a background query (with a strict timeout) fills the cache, so the first
 * request for a freshly deleted id may reach the application, which soft-deleted the row and usually answers
 * 404 itself; every later request gets the 410. A stale gone answer is served while it is refreshed in the
 * background. Applications that prefer the 410 on the very first request can allow a bounded wait with
 * {@link Builder#missWait}; a request then waits at most that long, and only for ids not in the cache. Call
 * {@link #invalidate} after deleting or restoring a row to skip the cache lifetime.
 *
 * <p><b>The database sees a bounded load, whatever the requests.</b> There is at most one query in flight
 * per row, and queries for ids not in the cache are limited by a token bucket
 * ({@link Builder#missQueriesPerSecond}); a lookup that finds the bucket empty is answered "not gone"
 * without a query and counted in {@link #shedQueries()}. Every database call is bounded by
 * {@link Builder#queryTimeout}: getting a connection, the network ({@link Connection#setNetworkTimeout}) and
 * the statement, so a stalled network holds no loader thread beyond it.
 *
 * <p>If the database fails, cached answers are kept (fail-open), unknown ids are not gone, the failure is
 * logged once until a query succeeds again, and failed lookups are retried after {@link Builder#errorTtl}.
 */
public final class SoftDeleteTableRegistry extends ReportingRegistry {

    /** The Maven coordinates of the cache library this registry needs, named when it is missing. */
    static final String CAFFEINE = "com.github.ben-manes.caffeine:caffeine";

    private static final System.Logger LOG = System.getLogger(SoftDeleteTableRegistry.class.getName());

    private final List<Route> routes;
    private final LongSupplier ticker;
    private final long positiveTtlNanos;
    private final long negativeTtlNanos;
    private final long errorTtlNanos;
    private final Duration queryTimeout;
    private final Duration missWait;
    private final String message;
    private final Visibility visibility;
    private final Duration maxAge;

    private final AnswerCache answers;
    private final QueryRateLimit missQueries;
    private final ConcurrentHashMap<AnswerCache.Key, CompletableFuture<Optional<Tombstone>>> inFlight =
            new ConcurrentHashMap<>();
    private final ThreadPoolExecutor loader;
    private final BoundedConnections connections;
    private final ScheduledExecutorService canceller;
    private final LongAdder queries = new LongAdder();
    private final LongAdder shed = new LongAdder();
    /** Status only: it cannot tell when rows change, so listeners hear about queries, never about changes. */
    private volatile boolean failing;

    private SoftDeleteTableRegistry(Builder b) {
        super(Clock.systemUTC());
        this.routes = List.copyOf(b.routes);
        Ticker t = b.ticker != null ? b.ticker : Ticker.system();
        this.ticker = t::nanos;
        this.positiveTtlNanos = (b.positiveTtl != null ? b.positiveTtl : Duration.ofMinutes(10)).toNanos();
        this.negativeTtlNanos = (b.negativeTtl != null ? b.negativeTtl : Duration.ofSeconds(30)).toNanos();
        this.errorTtlNanos = (b.errorTtl != null ? b.errorTtl : Duration.ofSeconds(5)).toNanos();
        this.queryTimeout = b.queryTimeout != null ? b.queryTimeout : Duration.ofMillis(500);
        this.missWait = b.missWait != null ? b.missWait : Duration.ZERO;
        this.message = b.message;
        this.visibility = b.visibility != null ? b.visibility : Visibility.GONE;
        this.maxAge = b.maxAge;
        this.answers = new AnswerCache(b.positiveCacheSize != null ? b.positiveCacheSize : 10_000,
                b.negativeCacheSize != null ? b.negativeCacheSize : 10_000, ticker);
        this.missQueries = new QueryRateLimit(b.missQueriesPerSecond != null ? b.missQueriesPerSecond : 100, ticker);
        int threads = b.loaderThreads != null ? b.loaderThreads : 2;
        this.loader = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(b.queueSize != null ? b.queueSize : 1000),
                Threads.daemons("gone-filter-table", true), new ThreadPoolExecutor.AbortPolicy());
        // Connections are got on threads of their own, so a getConnection that hangs holds no loader: at most
        // this many hang at once, and further attempts fail at once instead of piling up.
        this.connections = new BoundedConnections(b.dataSource, threads, "table");
        this.canceller = Executors.newSingleThreadScheduledExecutor(Threads.daemons("gone-filter-table-timeout", false));
    }

    /**
     * Starts a registry over {@code dataSource}.
     *
     * @throws IllegalStateException if Caffeine (com.github.ben-manes.caffeine:caffeine) is not on the class path
     */
    public static Builder builder(DataSource dataSource) {
        Checks.requireOptional("com.github.benmanes.caffeine.cache.Caffeine", CAFFEINE + " (3.x)",
                "SoftDeleteTableRegistry keeps its answers in Caffeine caches", SoftDeleteTableRegistry.class.getClassLoader());
        return new Builder(dataSource);
    }

    @Override
    public Optional<Tombstone> find(String canonicalPath, Instant now) {
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            Object[] params = route.template.match(canonicalPath);
            if (params == null) {
                continue;
            }
            AnswerCache.Key key = new AnswerCache.Key(i, List.of(params));
            AnswerCache.Gone gone = answers.gone(key);
            if (gone != null) {
                if (ticker.getAsLong() - gone.freshUntilNanos() >= 0) {
                    load(key, route, params, false); // stale while it is refreshed
                }
                return Optional.of(gone.tombstone());
            }
            if (answers.notGone(key)) {
                return Optional.empty();
            }
            CompletableFuture<Optional<Tombstone>> pending = load(key, route, params, true);
            if (pending != null && !missWait.isZero()) {
                try {
                    return pending.get(missWait.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException ex) {
                    return Optional.empty();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether a route's template matches {@code canonicalPath}: a path outside them all is never gone. */
    @Override
    public boolean mayMatch(String canonicalPath) {
        for (Route route : routes) {
            if (route.template.match(canonicalPath) != null) {
                return true;
            }
        }
        return false;
    }

    /** The tombstones in the cache: the deleted rows requested lately. */
    @Override
    public List<Tombstone> list() {
        return List.copyOf(answers.goneTombstones());
    }

    /**
     * Forgets the cached answer for {@code canonicalPath} (any spelling of the row's path), e.g. right after
     * the application deleted or restored the row. A query already running for it is not cached.
     */
    public void invalidate(String canonicalPath) {
        for (int i = 0; i < routes.size(); i++) {
            Object[] params = routes.get(i).template.match(canonicalPath);
            if (params != null) {
                AnswerCache.Key key = new AnswerCache.Key(i, List.of(params));
                inFlight.remove(key);
                answers.invalidate(key);
            }
        }
    }

    /**
     * The answers it has cached, gone ones counted as its tombstones ({@link #size()}); {@code STALE} while
     * queries fail (cached answers are kept, unknown ids are not gone). It answers lazily from the application's
     * table, so it never reports changes to {@link #addListener listeners}, only its queries.
     */
    @Override
    public RegistryStatus status() {
        int gone = size();
        return status(gone, Map.of(visibility, gone), failing ? RegistryStatus.State.STALE : RegistryStatus.State.CURRENT);
    }

    @Override
    protected String kind() {
        return "soft-delete";
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, answers.goneAnswers());
    }

    @Override
    public String description() {
        StringBuilder d = new StringBuilder("soft-delete table for");
        for (Route r : routes) {
            d.append(' ').append(r.template);
        }
        return d.toString();
    }

    /** How many answers are cached, gone and not gone. */
    public long cachedAnswers() {
        return answers.goneAnswers() + answers.notGoneAnswers();
    }

    /** How many "gone" answers are cached (at most {@link Builder#positiveCacheSize}). */
    public long cachedGoneAnswers() {
        return answers.goneAnswers();
    }

    /** How many queries this registry has run: a counter that only grows, for monitoring and tests. */
    public long queries() {
        return queries.sum();
    }

    /**
     * How many queries for ids not in the cache were not run, because the rate limit
     * ({@link Builder#missQueriesPerSecond}) or the loader queue ({@link Builder#queueSize}) was exhausted;
     * those lookups answered "not gone". A counter that only grows, for monitoring.
     */
    public long shedQueries() {
        return shed.sum();
    }

    /** Queries queued or running, answer not cached yet; for tests. */
    int pendingQueries() {
        return inFlight.size();
    }

    /**
     * Starts a background query for {@code key} unless one is running, and returns it; null if it was shed.
     * Queries for ids not in the cache ({@code limited}) take a token from the rate limit first.
     */
    private CompletableFuture<Optional<Tombstone>> load(AnswerCache.Key key, Route route, Object[] params,
            boolean limited) {
        CompletableFuture<Optional<Tombstone>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Tombstone>> existing = inFlight.putIfAbsent(key, mine);
        if (existing != null) {
            return existing;
        }
        if (limited && !missQueries.tryAcquire()) {
            return shed(key, mine);
        }
        try {
            loader.execute(() -> run(key, route, params, mine));
        } catch (RejectedExecutionException e) {
            return shed(key, mine); // overloaded: answer "not gone" now, try again on a later request
        }
        return mine;
    }

    private CompletableFuture<Optional<Tombstone>> shed(AnswerCache.Key key, CompletableFuture<Optional<Tombstone>> mine) {
        shed.increment();
        inFlight.remove(key, mine);
        mine.complete(Optional.empty()); // anyone who joined it meanwhile stops waiting
        return null;
    }

    private void run(AnswerCache.Key key, Route route, Object[] params, CompletableFuture<Optional<Tombstone>> mine) {
        Optional<Tombstone> answer;
        long ttl;
        try {
            answer = query(route, params);
            ttl = answer.isPresent() ? positiveTtlNanos : negativeTtlNanos;
        } catch (SQLException | RuntimeException e) {
            failed(route, e);
            AnswerCache.Gone old = answers.gone(key);
            answer = old != null ? Optional.of(old.tombstone()) : Optional.empty(); // fail-open: keep what was known
            ttl = errorTtlNanos;
        }
        // Not if invalidate() came meanwhile: this answer may predate the change it announced.
        if (inFlight.get(key) == mine) {
            long until = ticker.getAsLong() + ttl;
            if (answer.isPresent()) {
                answers.putGone(key, answer.get(), until);
            } else {
                answers.putNotGone(key, until);
            }
        }
        inFlight.remove(key, mine);
        mine.complete(answer);
    }

    private Optional<Tombstone> query(Route route, Object[] params) throws SQLException {
        queries.increment();
        try (BoundedConnections.Lease lease = connections.get(queryTimeout);
                PreparedStatement ps = lease.connection().prepareStatement(route.sql)) {
            boolean readsBounded = lease.readsBounded();
            // The statement timeout counts whole seconds. Where network reads are bounded it is only a
            // backstop, a second late: a driver's cancel may travel over a new connection (pgjdbc), which a
            // stalled network stalls too, holding the statement's lock so the failed read cannot return.
            int seconds = (int) Math.max(1, (queryTimeout.toMillis() + 999) / 1000);
            ps.setQueryTimeout(readsBounded ? seconds + 1 : seconds);
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            // Without a network timeout (an embedded database), cancel at the exact deadline instead.
            ScheduledFuture<?> cancel = readsBounded ? null : canceller.schedule(() -> {
                try {
                    ps.cancel();
                } catch (SQLException e) {
                    // finished meanwhile
                }
            }, lease.millisLeft(), TimeUnit.MILLISECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                Optional<Tombstone> answer = rs.next() ? toTombstone(route, params, rs) : Optional.empty();
                events().loaded();
                if (failing) {
                    failing = false;
                    LOG.log(Level.INFO, "Soft-delete queries succeed again (" + route.template + ")");
                }
                return answer;
            } finally {
                if (cancel != null) {
                    cancel.cancel(false);
                }
            }
        }
    }

    private Optional<Tombstone> toTombstone(Route route, Object[] params, ResultSet rs) throws SQLException {
        Object marker = rs.getObject(1);
        if (marker == null || Boolean.FALSE.equals(marker)) {
            return Optional.empty();
        }
        // One tombstone per row, whichever spelling of its path was asked for.
        Tombstone.Builder b = Tombstone.builder(new PathPattern.Exact(route.template.path(params))).restorable(true)
                .visibility(visibility).message(message).maxAge(maxAge);
        if (!(marker instanceof Boolean)) {
            try {
                OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
                b.deletedAt(at == null ? null : at.toInstant());
            } catch (SQLException | RuntimeException e) {
                // not a timestamp: the row is deleted, when is not known
            }
        }
        if (rs.getMetaData().getColumnCount() >= 2) {
            String reason = rs.getString(2);
            if (reason != null && Tombstone.isReasonCode(reason)) {
                b.reason(reason);
            }
        }
        return Optional.of(b.build());
    }

    private void failed(Route route, Exception e) {
        events().failed(e);
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "Soft-delete query for " + route.template + " failed; answering from the cache"
                    + " (unknown ids are not gone) until queries succeed again: " + e);
        }
    }

    /** Stops the background threads at once; it does not wait for queries or connections that hang. */
    @Override
    public void close() {
        loader.shutdownNow();
        connections.close();
        canceller.shutdownNow();
        inFlight.values().forEach(f -> f.complete(Optional.empty()));
    }

    private record Route(PathTemplate template, String sql) {
    }

    /** Configures a {@link SoftDeleteTableRegistry}; every setting but {@link #route} may be given once. */
    public static final class Builder {
        private final DataSource dataSource;
        private final List<Route> routes = new ArrayList<>();
        private Boolean caseSensitive;
        private Ticker ticker;
        private Integer positiveCacheSize;
        private Integer negativeCacheSize;
        private Integer missQueriesPerSecond;
        private Duration positiveTtl;
        private Duration negativeTtl;
        private Duration errorTtl;
        private Duration queryTimeout;
        private Duration missWait;
        private Integer loaderThreads;
        private Integer queueSize;
        private String message;
        private Visibility visibility;
        private Duration maxAge;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Maps paths matching {@code template} ({@code /api/documents/{id}}, {@code {id:long}}, {@code {id:uuid}})
         * to {@code query}, whose {@code ?} parameters take the template's variables in order and whose first
         * column marks the row deleted. Routes are tried in the order given. A {@code long} variable takes every
         * spelling the application would parse as that number (Spring's binding: sign, leading zeros, {@code 0x}
         * hex, whitespace), a {@code uuid} one every spelling of that UUID; all bind the one parsed value.
         */
        public Builder route(String template, String query) {
            Objects.requireNonNull(query, "query");
            PathTemplate t = new PathTemplate(template, caseSensitive == null || caseSensitive);
            long params = query.chars().filter(ch -> ch == '?').count();
            if (params != t.variables()) {
                throw new IllegalArgumentException("query for " + template + " has " + params + " '?' parameters but the"
                        + " template has " + t.variables() + " variables");
            }
            routes.add(new Route(t, query));
            return this;
        }

        /** Whether the templates' literal segments match case-sensitively; default true. Set before {@link #route}. */
        public Builder caseSensitive(boolean caseSensitive) {
            requireUnset(this.caseSensitive, "caseSensitive");
            if (!routes.isEmpty()) {
                throw new IllegalStateException("caseSensitive must be set before the first route");
            }
            this.caseSensitive = caseSensitive;
            return this;
        }

        /**
         * The time source for cache lifetimes and the rate limit: monotonic, like {@link Ticker#system()} (the
         * default), never the wall clock. Tests pass their own.
         */
        public Builder ticker(Ticker ticker) {
            requireUnset(this.ticker, "ticker");
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** How many "gone" answers to keep; default 10,000. Misses never push them out: they have their own bound. */
        public Builder positiveCacheSize(int entries) {
            requireUnset(this.positiveCacheSize, "positiveCacheSize");
            this.positiveCacheSize = atLeast(entries, 1, "positiveCacheSize");
            return this;
        }

        /** How many "not gone" answers to keep; default 10,000. */
        public Builder negativeCacheSize(int entries) {
            requireUnset(this.negativeCacheSize, "negativeCacheSize");
            this.negativeCacheSize = atLeast(entries, 1, "negativeCacheSize");
            return this;
        }

        /**
         * How many queries per second may ask about ids not in the cache (a token bucket that holds one
         * second's worth); beyond it, such lookups answer "not gone" without a query and count in
         * {@link SoftDeleteTableRegistry#shedQueries()}. Refreshing cached gone answers is not limited. Default 100.
         */
        public Builder missQueriesPerSecond(int queries) {
            requireUnset(this.missQueriesPerSecond, "missQueriesPerSecond");
            this.missQueriesPerSecond = atLeast(queries, 1, "missQueriesPerSecond");
            return this;
        }

        /** How long a "gone" answer is fresh; default 10 minutes (a restore is seen after at most this long). */
        public Builder positiveTtl(Duration ttl) {
            requireUnset(this.positiveTtl, "positiveTtl");
            this.positiveTtl = positive(ttl, "positiveTtl");
            return this;
        }

        /** How long a "not gone" answer is fresh; default 30 seconds (a deletion is seen after at most this long). */
        public Builder negativeTtl(Duration ttl) {
            requireUnset(this.negativeTtl, "negativeTtl");
            this.negativeTtl = positive(ttl, "negativeTtl");
            return this;
        }

        /** After a failed query, how long until that path is queried again; default 5 seconds. */
        public Builder errorTtl(Duration ttl) {
            requireUnset(this.errorTtl, "errorTtl");
            this.errorTtl = positive(ttl, "errorTtl");
            return this;
        }

        /**
         * The longest a query may take, getting its connection included, before it is abandoned: bounds
         * {@link DataSource#getConnection}, the connection's network timeout and the statement; default 500 ms.
         */
        public Builder queryTimeout(Duration timeout) {
            requireUnset(this.queryTimeout, "queryTimeout");
            this.queryTimeout = positive(timeout, "queryTimeout");
            return this;
        }

        /**
         * How long a request for an id not in the cache may wait for its query; default zero: never wait, the
         * first request passes and later ones get the answer. Keep it below the query timeout.
         */
        public Builder missWait(Duration wait) {
            requireUnset(this.missWait, "missWait");
            this.missWait = notNegative(wait, "missWait");
            return this;
        }

        /**
         * Threads running queries; default 2 (also the most connections taken from the data source). As many
         * threads again get connections, so that a data source that hangs holds none of these.
         */
        public Builder loaderThreads(int threads) {
            requireUnset(this.loaderThreads, "loaderThreads");
            this.loaderThreads = atLeast(threads, 1, "loaderThreads");
            return this;
        }

        /** Queries waiting for a thread; beyond this, lookups answer "not gone" without a query. Default 1,000. */
        public Builder queueSize(int size) {
            requireUnset(this.queueSize, "queueSize");
            this.queueSize = atLeast(size, 1, "queueSize");
            return this;
        }

        /** The public message of every tombstone from this table; default none (a generic text). */
        public Builder message(String message) {
            requireUnset(this.message, "message");
            this.message = message;
            return this;
        }

        /** The visibility of every tombstone from this table; default {@link Visibility#GONE}. */
        public Builder visibility(Visibility visibility) {
            requireUnset(this.visibility, "visibility");
            this.visibility = Objects.requireNonNull(visibility, "visibility");
            return this;
        }

        /** The max-age of every tombstone from this table; default the filter's. */
        public Builder maxAge(Duration maxAge) {
            requireUnset(this.maxAge, "maxAge");
            this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
            return this;
        }

        public SoftDeleteTableRegistry build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("a SoftDeleteTableRegistry needs at least one route(template, query)");
            }
            return new SoftDeleteTableRegistry(this);
        }

    }
}
