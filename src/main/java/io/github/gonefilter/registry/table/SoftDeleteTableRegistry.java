package io.github.gonefilter.registry.table;

import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Answers from the application's own soft-delete table, with no bookkeeping of its own: a path template
 * such as {@code /api/documents/{id}} is mapped to a query such as
 * {@code SELECT deleted_at, deletion_reason FROM documents WHERE id = ?}, and a path is gone when the row's
 * first column marks it deleted (a non-null timestamp, or {@code true}). The optional second column is the
 * public reason code. No row, or a row not marked deleted, is not gone.
 *
 * <p><b>Lookups never wait on the database by default.</b> Answers, positive and negative, are kept in a
 * bounded cache. A path outside every template never touches the database. An unknown path matching a
 * template is answered "not gone" at once while a background query (with a strict timeout) fills the cache,
 * so the first request for a freshly deleted id may reach the application, which soft-deleted the row and
 * usually answers 404 itself; every later request gets the 410. An expired answer is served while it is
 * refreshed in the background. Applications that prefer the 410 on the very first request can allow a
 * bounded wait with {@link Builder#missWait}; a request then waits at most that long, and only for ids not
 * in the cache. Call {@link #invalidate} after deleting or restoring a row to skip the cache lifetime.
 *
 * <p>If the database fails, cached answers are kept (fail-open), unknown ids are not gone, the failure is
 * logged once until a query succeeds again, and failed lookups are retried after {@link Builder#errorTtl}.
 */
public final class SoftDeleteTableRegistry implements TombstoneRegistry {

    private static final System.Logger LOG = System.getLogger(SoftDeleteTableRegistry.class.getName());
    private static final Pattern REASON = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private final DataSource dataSource;
    private final List<Route> routes;
    private final Clock clock;
    private final int cacheSize;
    private final long positiveTtlMillis;
    private final long negativeTtlMillis;
    private final long errorTtlMillis;
    private final Duration queryTimeout;
    private final Duration missWait;
    private final String message;
    private final Visibility visibility;
    private final Duration maxAge;

    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> insertionOrder = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, CompletableFuture<Optional<Tombstone>>> inFlight = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor loader;
    private final ScheduledExecutorService timer;
    private final AtomicInteger queries = new AtomicInteger();
    private volatile boolean failing;

    private SoftDeleteTableRegistry(Builder b) {
        this.dataSource = b.dataSource;
        this.routes = List.copyOf(b.routes);
        this.clock = b.clock != null ? b.clock : Clock.systemUTC();
        this.cacheSize = b.cacheSize != null ? b.cacheSize : 10_000;
        this.positiveTtlMillis = (b.positiveTtl != null ? b.positiveTtl : Duration.ofMinutes(10)).toMillis();
        this.negativeTtlMillis = (b.negativeTtl != null ? b.negativeTtl : Duration.ofSeconds(30)).toMillis();
        this.errorTtlMillis = (b.errorTtl != null ? b.errorTtl : Duration.ofSeconds(5)).toMillis();
        this.queryTimeout = b.queryTimeout != null ? b.queryTimeout : Duration.ofMillis(500);
        this.missWait = b.missWait != null ? b.missWait : Duration.ZERO;
        this.message = b.message;
        this.visibility = b.visibility != null ? b.visibility : Visibility.GONE;
        this.maxAge = b.maxAge;
        int threads = b.loaderThreads != null ? b.loaderThreads : 2;
        AtomicInteger n = new AtomicInteger();
        this.loader = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(b.queueSize != null ? b.queueSize : 1000),
                r -> daemon(r, "gone-filter-table-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "gone-filter-table-timeout"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        // Threads may start during a request: keep the web application's class loader out of them.
        t.setContextClassLoader(SoftDeleteTableRegistry.class.getClassLoader());
        return t;
    }

    public static Builder builder(DataSource dataSource) {
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
            String key = i + " " + canonicalPath;
            Entry e = cache.get(key);
            if (e != null && e.expiresAtMillis > clock.millis()) {
                return e.answer;
            }
            CompletableFuture<Optional<Tombstone>> pending = load(key, route, canonicalPath, params);
            if (e != null) {
                return e.answer; // stale while it is refreshed
            }
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

    /** The tombstones in the cache: the deleted rows requested lately. */
    @Override
    public List<Tombstone> list() {
        List<Tombstone> out = new ArrayList<>();
        for (Entry e : cache.values()) {
            e.answer.ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** Forgets the cached answer for {@code canonicalPath}, e.g. right after the application deleted the row. */
    public void invalidate(String canonicalPath) {
        for (int i = 0; i < routes.size(); i++) {
            String key = i + " " + canonicalPath;
            if (cache.remove(key) != null) {
                insertionOrder.remove(key); // rare: keeps the eviction queue as small as the cache
            }
        }
    }

    /** How many answers are cached (at most the configured cache size). */
    public int cachedAnswers() {
        return cache.size();
    }

    /** How many queries this registry has run, for monitoring and tests. */
    public int queries() {
        return queries.get();
    }

    /** Starts a background query unless one is running; null if the queue is full. */
    private CompletableFuture<Optional<Tombstone>> load(String key, Route route, String path, Object[] params) {
        CompletableFuture<Optional<Tombstone>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Tombstone>> existing = inFlight.putIfAbsent(key, mine);
        if (existing != null) {
            return existing;
        }
        try {
            loader.execute(() -> {
                try {
                    Optional<Tombstone> answer = query(route, path, params);
                    put(key, new Entry(answer, clock.millis() + (answer.isPresent() ? positiveTtlMillis : negativeTtlMillis)));
                    mine.complete(answer);
                } catch (SQLException | RuntimeException e) {
                    failed(route, e);
                    Entry old = cache.get(key);
                    Optional<Tombstone> answer = old != null ? old.answer : Optional.empty();
                    put(key, new Entry(answer, clock.millis() + errorTtlMillis));
                    mine.complete(answer);
                } finally {
                    inFlight.remove(key, mine);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(key, mine);
            return null; // overloaded: answer "not gone" now, try again on a later request
        }
        return mine;
    }

    private Optional<Tombstone> query(Route route, String path, Object[] params) throws SQLException {
        queries.incrementAndGet();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(route.sql)) {
            ps.setQueryTimeout((int) Math.max(1, (queryTimeout.toMillis() + 999) / 1000));
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            // JDBC timeouts count whole seconds; cancel at the exact deadline.
            ScheduledFuture<?> cancel = timer.schedule(() -> {
                try {
                    ps.cancel();
                } catch (SQLException e) {
                    // finished meanwhile
                }
            }, queryTimeout.toMillis(), TimeUnit.MILLISECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                Optional<Tombstone> answer = rs.next() ? toTombstone(route, path, rs) : Optional.empty();
                if (failing) {
                    failing = false;
                    LOG.log(Level.INFO, "Soft-delete queries succeed again (" + route.template + ")");
                }
                return answer;
            } finally {
                cancel.cancel(false);
            }
        }
    }

    private Optional<Tombstone> toTombstone(Route route, String path, ResultSet rs) throws SQLException {
        Object marker = rs.getObject(1);
        if (marker == null || Boolean.FALSE.equals(marker)) {
            return Optional.empty();
        }
        Tombstone.Builder b = Tombstone.builder(new PathPattern.Exact(path)).restorable(true).visibility(visibility)
                .message(message).maxAge(maxAge);
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
            if (reason != null && REASON.matcher(reason).matches()) {
                b.reason(reason);
            }
        }
        return Optional.of(b.build());
    }

    private void failed(Route route, Exception e) {
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "Soft-delete query for " + route.template + " failed; answering from the cache"
                    + " (unknown ids are not gone) until queries succeed again: " + e);
        }
    }

    private void put(String key, Entry entry) {
        if (cache.put(key, entry) == null) {
            insertionOrder.add(key);
            while (cache.size() > cacheSize) {
                String eldest = insertionOrder.poll();
                if (eldest == null) {
                    break;
                }
                cache.remove(eldest);
            }
        }
    }

    @Override
    public void close() {
        loader.shutdownNow();
        timer.shutdownNow();
    }

    private record Entry(Optional<Tombstone> answer, long expiresAtMillis) {
    }

    private record Route(PathTemplate template, String sql) {
    }

    /** Configures a {@link SoftDeleteTableRegistry}; every setting but {@link #route} may be given once. */
    public static final class Builder {
        private final DataSource dataSource;
        private final List<Route> routes = new ArrayList<>();
        private Boolean caseSensitive;
        private Clock clock;
        private Integer cacheSize;
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
         * column marks the row deleted. Routes are tried in the order given.
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

        public Builder clock(Clock clock) {
            requireUnset(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How many answers (gone and not gone) to keep; default 10,000. Oldest first out. */
        public Builder cacheSize(int entries) {
            requireUnset(this.cacheSize, "cacheSize");
            if (entries < 1) {
                throw new IllegalArgumentException("cacheSize must be at least 1 but was " + entries);
            }
            this.cacheSize = entries;
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

        /** The longest a query may run before it is cancelled; default 500 ms. */
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
            Objects.requireNonNull(wait, "missWait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("missWait must not be negative but was " + wait);
            }
            this.missWait = wait;
            return this;
        }

        /** Threads running queries; default 2 (also the most connections taken from the data source). */
        public Builder loaderThreads(int threads) {
            requireUnset(this.loaderThreads, "loaderThreads");
            if (threads < 1) {
                throw new IllegalArgumentException("loaderThreads must be at least 1 but was " + threads);
            }
            this.loaderThreads = threads;
            return this;
        }

        /** Queries waiting for a thread; beyond this, lookups answer "not gone" without a query. Default 1,000. */
        public Builder queueSize(int size) {
            requireUnset(this.queueSize, "queueSize");
            if (size < 1) {
                throw new IllegalArgumentException("queueSize must be at least 1 but was " + size);
            }
            this.queueSize = size;
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

        private static void requireUnset(Object value, String name) {
            if (value != null) {
                throw new IllegalStateException(name + " was already set to " + value);
            }
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive but was " + d);
            }
            return d;
        }
    }
}
