package io.github.gonefilter.spring;

import io.github.gonefilter.response.CacheScope;
import io.github.gonefilter.tombstone.TombstoneMode;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code gone-filter.*} properties: one for every init-param of {@link io.github.gonefilter.GoneFilter} (but
 * {@code registry} and {@code listeners}, which are beans here), where the tombstones come from, and how the filter
 * is registered. A key under {@code gone-filter.} that no property has fails start-up, as an unknown init-param
 * fails {@code init()}. Settings left unset keep the library's defaults. Durations without a unit are seconds,
 * like the init-params ({@code 86400}, {@code 12h} and {@code P30D} all work).
 */
@ConfigurationProperties(prefix = GoneFilterProperties.PREFIX, ignoreUnknownFields = false)
public class GoneFilterProperties {

    /** The prefix of every property. */
    public static final String PREFIX = "gone-filter";

    /** Where shared tombstones are kept, when they are not in a file. */
    public enum Store {
        /** A table in the application's own database ({@code spring.datasource.*}). */
        JDBC,
        /** Redis, reached through {@code spring.data.redis.*} (needs Jedis on the class path). */
        REDIS
    }

    /** Whether the tables of the JDBC store are created at start-up when they are missing. */
    public enum InitializeSchema {
        /** Create them if missing; the statements are idempotent. */
        ALWAYS,
        /** Never: they come from the application's migrations. */
        NEVER
    }

    /**
     * Whether to register the filter and its registry. Off, nothing of gone-filter is configured; a filter
     * registered by hand keeps working.
     */
    private boolean enabled = true;

    /**
     * Location of the tombstone file, as for the init-param 'tombstones': a filesystem path, a 'file:' URL or a
     * 'classpath:' resource. CSV if the name ends in '.csv', JSON otherwise. Excludes 'gone-filter.store'.
     */
    private String tombstones;

    /**
     * Where tombstones shared by every node are kept instead of a file: 'jdbc' (the application's DataSource) or
     * 'redis' (spring.data.redis.*, with Jedis). Excludes 'gone-filter.tombstones'.
     */
    private Store store;

    /**
     * Order of the filter registration. -90 puts it after CORS and Spring Security's filter chain (both at -100),
     * so preflights are answered, 410s carry CORS headers and only authenticated users reach deleted protected
     * resources, and before ordinary filters (lowest precedence), which then never see requests for deleted
     * resources.
     */
    private int order = -90;

    /** URL patterns the filter is mapped to. */
    private List<String> urlPatterns = List.of("/*");

    /**
     * Dispatcher types the filter is mapped to and acts on; when not set, REQUEST only: error pages, forwards
     * and includes are the application's own.
     */
    private Set<DispatcherType> dispatcherTypes;

    /**
     * JSON body of gone responses: 'problem' (RFC 9457, the default; also 'problem+json' or 'rfc9457') or 'simple',
     * as for the init-param.
     */
    private String format;

    /** Whether clients whose Accept header prefers text/html get an HTML page (adds Vary: Accept). */
    private boolean html = true;

    /**
     * Location of an HTML template replacing the built-in page: a filesystem path, a 'file:' URL or a
     * 'classpath:' resource.
     */
    private String htmlTemplate;

    /**
     * Path in the application (such as /errors/gone) that browsers are forwarded to instead of the template; it
     * supplies the body, the filter keeps its status and cache headers.
     */
    private String htmlErrorPage;

    /** Language of the HTML page, a BCP 47 tag such as 'de-CH'; when not set, 'en'. */
    private String htmlLang;

    /** Problem-details 'type' member; when not set, 'about:blank'. */
    private URI problemType;

    /** For 451 answers: who implements the block, an http(s) URI sent as Link rel="blocked-by" (RFC 7725). */
    private URI blockedBy;

    /**
     * Cache lifetime when neither the tombstone nor its reason has one; when not set, one day. A number without
     * a unit is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration defaultMaxAge;

    /**
     * Cache lifetime by reason, for tombstones without their own maxAge: gone-filter.max-age.sunset=P90D (a reason
     * with a dot needs brackets: gone-filter.max-age[a.b]=1d). Adds to or replaces the built-in lifetimes (expired
     * and sunset 30 days, discontinued 365 days). Durations as for the other properties; a number without a unit
     * is seconds.
     */
    private Map<String, String> maxAge = new LinkedHashMap<>();

    /**
     * Cache lifetime of restorable tombstones without their own maxAge, whatever their reason; when not set, one
     * day. A number without a unit is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration restorableMaxAge;

    /**
     * Cache-Control scope of answers to requests that carry Authorization or that are authenticated (Spring
     * Security included): 'private' (the default) keeps them out of shared caches, 'public' allows them there.
     */
    private CacheScope authenticatedResponses;

    /**
     * Comma-separated list of the methods that get the tombstone's answer, or '*' for every method followed by
     * '!NAME' exemptions; when not set, '*, !OPTIONS'.
     */
    private List<String> methods;

    /** Whether tombstone paths match request paths case-sensitively. */
    private boolean caseSensitive = true;

    /**
     * How often the tombstone file (gone-filter.tombstones) is checked for changes; 0 never reloads. When not set,
     * 5 seconds. A number without a unit is seconds. A store is read every gone-filter.sync.interval instead.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration reloadInterval;

    /** Whether requests before a tombstone's goneFrom carry Deprecation and Sunset headers. */
    private boolean announceScheduled = true;

    /**
     * The mode of gone tombstones that do not name one: short-circuit (the filter answers, the application never sees
     * the request) or fallback (the application answers first; only its 404 becomes the tombstone's answer). When not
     * set, short-circuit. Legal blocks and erasures short-circuit unless they name fallback themselves.
     */
    private TombstoneMode mode;

    /**
     * In fallback mode, whether a restorable exact-path tombstone is restored when the application answers a GET or
     * HEAD of its path with a success, 2xx (a writable store); otherwise a WARNING and the listeners tell the operator.
     */
    private boolean autoRestore;

    /**
     * Whether the filter also looks up requests under the Actuator's base path (management.endpoints.web.base-path
     * on the application's port). Off, health probes and the tombstones endpoint answer even while a fail-closed
     * store cannot: the filter would answer them 503.
     */
    private boolean filterActuator;

    /** Syncing of a shared store (gone-filter.store). */
    private final Sync sync = new Sync();

    /** The JDBC store (gone-filter.store=jdbc). */
    private final Jdbc jdbc = new Jdbc();

    /** The Redis store (gone-filter.store=redis). */
    private final Redis redis = new Redis();

    /** Purging the caches in front of the application (Varnish) on every change of the tombstones. */
    private final Purge purge = new Purge();

    /** The 404 monitor: which missing paths the application is still asked for. */
    private final Monitor monitor = new Monitor();

    /**
     * The 404 monitor (init-params {@code monitor} and {@code monitor.*}); unset settings keep the library's
     * defaults.
     */
    public static class Monitor {

        /**
         * Whether the filter counts the requests it lets through that the application answers 404 for, per path, in
         * a bounded list (a NotFoundMonitor bean, and the Actuator endpoint gonemonitor).
         */
        private boolean enabled;

        /**
         * The most paths held; a new path replaces the least requested one if it was requested lately as often. When
         * not set, 1000.
         */
        private Integer maxEntries;

        /**
         * How long a path stays listed after its last 404. When not set, 7 days. A number without a unit is
         * seconds.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration retention;

        /**
         * Paths and globs never counted, replacing the built-in list of common probes (/wp-admin/**, PHP scripts,
         * /.env, /.git/**, ...), which the word 'defaults' among them keeps. When not set, the built-in list.
         */
        private List<String> exclude;

        /** Whether requests that differ only in their query string count as one path. When not set, true. */
        private Boolean ignoreQuery;

        /** Whether the hosts of the Referer headers are kept (host only), the top five per path. */
        private boolean referrers;

        /** Whether crawlers and scripts are counted apart from browsers, by their User-Agent (not kept). */
        private boolean userAgents;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Integer getMaxEntries() {
            return maxEntries;
        }

        public void setMaxEntries(Integer maxEntries) {
            this.maxEntries = maxEntries;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public List<String> getExclude() {
            return exclude;
        }

        public void setExclude(List<String> exclude) {
            this.exclude = exclude;
        }

        public Boolean getIgnoreQuery() {
            return ignoreQuery;
        }

        public void setIgnoreQuery(Boolean ignoreQuery) {
            this.ignoreQuery = ignoreQuery;
        }

        public boolean isReferrers() {
            return referrers;
        }

        public void setReferrers(boolean referrers) {
            this.referrers = referrers;
        }

        public boolean isUserAgents() {
            return userAgents;
        }

        public void setUserAgents(boolean userAgents) {
            this.userAgents = userAgents;
        }
    }

    /** Settings of a shared store's background sync; unset ones keep the library's defaults. */
    public static class Sync {

        /** How often changes are read from the store, besides its notifications; when not set, 2 seconds. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration interval;

        /** How often everything is reread, healing what an incremental sync missed; when not set, 1 hour. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration fullInterval;

        /**
         * Whether lookups keep answering from the last good snapshot during an outage, however long (the
         * default); when false, they fail once the snapshot is older than max-staleness.
         */
        private boolean failOpen = true;

        /** For fail-open=false: how old the snapshot may get; when not set, 1 minute. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration maxStaleness;

        /**
         * File that keeps a copy of the tombstones on local disk, so that a node started while the store is down
         * still enforces every tombstone it knew. One file per node; none when not set.
         */
        private Path snapshotFile;

        /**
         * Number of tombstones above which exact paths are held as fingerprints and their details loaded on
         * demand; when not set, 100000.
         */
        private Integer compactAbove;

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getFullInterval() {
            return fullInterval;
        }

        public void setFullInterval(Duration fullInterval) {
            this.fullInterval = fullInterval;
        }

        public boolean isFailOpen() {
            return failOpen;
        }

        public void setFailOpen(boolean failOpen) {
            this.failOpen = failOpen;
        }

        public Duration getMaxStaleness() {
            return maxStaleness;
        }

        public void setMaxStaleness(Duration maxStaleness) {
            this.maxStaleness = maxStaleness;
        }

        public Path getSnapshotFile() {
            return snapshotFile;
        }

        public void setSnapshotFile(Path snapshotFile) {
            this.snapshotFile = snapshotFile;
        }

        public Integer getCompactAbove() {
            return compactAbove;
        }

        public void setCompactAbove(Integer compactAbove) {
            this.compactAbove = compactAbove;
        }
    }

    /** The JDBC store: a table in the application's database. */
    public static class Jdbc {

        /** Table of the tombstones, optionally schema-qualified; its change counter is the table plus '_version'. */
        private String table;

        /** Whether the tables are created at start-up when missing ('always') or come from migrations ('never'). */
        private InitializeSchema initializeSchema = InitializeSchema.ALWAYS;

        /** How long any one database wait may last before it counts as an outage; when not set, 5 seconds. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration queryTimeout;

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public InitializeSchema getInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(InitializeSchema initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public Duration getQueryTimeout() {
            return queryTimeout;
        }

        public void setQueryTimeout(Duration queryTimeout) {
            this.queryTimeout = queryTimeout;
        }
    }

    /** The Redis store; the connection comes from spring.data.redis.*. */
    public static class Redis {

        /** Prefix of the keys, so that several sites can share one Redis; when not set, 'gone-filter'. */
        private String keyPrefix;

        /** Connect and read timeout of each command; when not set, 2 seconds. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration timeout;

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /**
     * Purging of the caches in front, as the init-params purge, purgeHosts, surrogateKeys and purgeRepeatAfter; a
     * CachePurger bean of the application (Fastly, Cloudflare, your own) is purged besides.
     */
    public static class Purge {

        /**
         * Varnish endpoints purged on every change of the tombstones (bury, restore, a reload of the edited file),
         * such as http://127.0.0.1:6081, each with examples/varnish/default.vcl or a VCL that accepts the same
         * PURGE and BAN requests. None when not set.
         */
        private List<String> endpoints = new ArrayList<>();

        /**
         * Host names (with an optional port) that clients use to reach the Varnish endpoints, each purged, because
         * Varnish keys its cache by host. When not set, the endpoint's own address. Needs
         * gone-filter.purge.endpoints.
         */
        private List<String> hosts = new ArrayList<>();

        /**
         * Whether every response the filter passes or answers carries surrogate keys of its canonical path (xkey,
         * Surrogate-Key), so that one purge reaches every spelling and variant of a path.
         */
        private boolean surrogateKeys;

        /**
         * How long after a change it is purged a second time, once every node has seen it, so that a node that
         * still answered from the old tombstones cannot leave a stale entry in the cache; 0 never. When not set, 5
         * seconds. A number without a unit is seconds.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration repeatAfter;

        /**
         * Whether changes a shared store (gone-filter.store) syncs are purged too, by every node: rows written by
         * hand or by another tool are purged only with this on. Off, each change is purged by the node that made it.
         */
        private boolean syncedChanges;

        public List<String> getEndpoints() {
            return endpoints;
        }

        public void setEndpoints(List<String> endpoints) {
            this.endpoints = endpoints;
        }

        public List<String> getHosts() {
            return hosts;
        }

        public void setHosts(List<String> hosts) {
            this.hosts = hosts;
        }

        public boolean isSurrogateKeys() {
            return surrogateKeys;
        }

        public void setSurrogateKeys(boolean surrogateKeys) {
            this.surrogateKeys = surrogateKeys;
        }

        public Duration getRepeatAfter() {
            return repeatAfter;
        }

        public void setRepeatAfter(Duration repeatAfter) {
            this.repeatAfter = repeatAfter;
        }

        public boolean isSyncedChanges() {
            return syncedChanges;
        }

        public void setSyncedChanges(boolean syncedChanges) {
            this.syncedChanges = syncedChanges;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getTombstones() {
        return tombstones;
    }

    public void setTombstones(String tombstones) {
        this.tombstones = tombstones;
    }

    public Store getStore() {
        return store;
    }

    public void setStore(Store store) {
        this.store = store;
    }

    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

    public List<String> getUrlPatterns() {
        return urlPatterns;
    }

    public void setUrlPatterns(List<String> urlPatterns) {
        this.urlPatterns = urlPatterns;
    }

    public Set<DispatcherType> getDispatcherTypes() {
        return dispatcherTypes;
    }

    public void setDispatcherTypes(Set<DispatcherType> dispatcherTypes) {
        this.dispatcherTypes = dispatcherTypes;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public boolean isHtml() {
        return html;
    }

    public void setHtml(boolean html) {
        this.html = html;
    }

    public String getHtmlTemplate() {
        return htmlTemplate;
    }

    public void setHtmlTemplate(String htmlTemplate) {
        this.htmlTemplate = htmlTemplate;
    }

    public String getHtmlErrorPage() {
        return htmlErrorPage;
    }

    public void setHtmlErrorPage(String htmlErrorPage) {
        this.htmlErrorPage = htmlErrorPage;
    }

    public String getHtmlLang() {
        return htmlLang;
    }

    public void setHtmlLang(String htmlLang) {
        this.htmlLang = htmlLang;
    }

    public URI getProblemType() {
        return problemType;
    }

    public void setProblemType(URI problemType) {
        this.problemType = problemType;
    }

    public URI getBlockedBy() {
        return blockedBy;
    }

    public void setBlockedBy(URI blockedBy) {
        this.blockedBy = blockedBy;
    }

    public Duration getDefaultMaxAge() {
        return defaultMaxAge;
    }

    public void setDefaultMaxAge(Duration defaultMaxAge) {
        this.defaultMaxAge = defaultMaxAge;
    }

    public Map<String, String> getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Map<String, String> maxAge) {
        this.maxAge = maxAge;
    }

    public Duration getRestorableMaxAge() {
        return restorableMaxAge;
    }

    public void setRestorableMaxAge(Duration restorableMaxAge) {
        this.restorableMaxAge = restorableMaxAge;
    }

    public CacheScope getAuthenticatedResponses() {
        return authenticatedResponses;
    }

    public void setAuthenticatedResponses(CacheScope authenticatedResponses) {
        this.authenticatedResponses = authenticatedResponses;
    }

    public List<String> getMethods() {
        return methods;
    }

    public void setMethods(List<String> methods) {
        this.methods = methods;
    }

    public boolean isCaseSensitive() {
        return caseSensitive;
    }

    public void setCaseSensitive(boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
    }

    public Duration getReloadInterval() {
        return reloadInterval;
    }

    public void setReloadInterval(Duration reloadInterval) {
        this.reloadInterval = reloadInterval;
    }

    public boolean isAnnounceScheduled() {
        return announceScheduled;
    }

    public void setAnnounceScheduled(boolean announceScheduled) {
        this.announceScheduled = announceScheduled;
    }

    public TombstoneMode getMode() {
        return mode;
    }

    public void setMode(TombstoneMode mode) {
        this.mode = mode;
    }

    public boolean isAutoRestore() {
        return autoRestore;
    }

    public void setAutoRestore(boolean autoRestore) {
        this.autoRestore = autoRestore;
    }

    public boolean isFilterActuator() {
        return filterActuator;
    }

    public void setFilterActuator(boolean filterActuator) {
        this.filterActuator = filterActuator;
    }

    public Sync getSync() {
        return sync;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Redis getRedis() {
        return redis;
    }

    public Purge getPurge() {
        return purge;
    }

    public Monitor getMonitor() {
        return monitor;
    }
}
