package io.github.gonefilter;

import static io.github.gonefilter.internal.registry.Checks.requireUnset;

import io.github.gonefilter.internal.response.GoneResponseWriter;
import io.github.gonefilter.internal.response.ResponseSettings;
import io.github.gonefilter.monitor.NotFoundMonitor;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.purge.CachePurger;
import io.github.gonefilter.purge.CachePurging;
import io.github.gonefilter.purge.DroppedPurges;
import io.github.gonefilter.purge.PurgeStatistics;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.response.CacheScope;
import io.github.gonefilter.response.HtmlTemplate;
import io.github.gonefilter.response.ResponseFormat;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Answers 410 Gone (or 451, or a plain 404) for requests whose path a {@link TombstoneRegistry} says was
 * removed, and lets everything else through untouched.
 *
 * <p>The filter only delegates: it canonicalizes the request path ({@link PathCanonicalizer}), looks it up
 * in the registry, and has its response writer answer. Build it with {@link #builder()} or declare it
 * in {@code web.xml}; the init-params ({@code PARAM_*}) configure exactly what the builder does.
 */
public final class GoneFilter implements Filter {

    /** Location of the tombstone file: a path, a {@code file:} URL, a {@code classpath:} resource, or a path in the web application such as {@code /WEB-INF/tombstones.json}. */
    public static final String PARAM_TOMBSTONES = "tombstones";
    /**
     * Class name of a custom {@link TombstoneRegistry}, with a public constructor taking
     * {@code Map<String,String>} (the {@link #PARAM_REGISTRY_PREFIX registry.*} init-params) or none.
     */
    public static final String PARAM_REGISTRY = "registry";
    /** Prefix of init-params handed to the {@link #PARAM_REGISTRY registry} class, prefix removed: {@code registry.url} arrives as {@code url}. */
    public static final String PARAM_REGISTRY_PREFIX = "registry.";
    /** {@code problem} (RFC 9457, the default) or {@code simple}. */
    public static final String PARAM_FORMAT = "format";
    /** Whether browsers get an HTML page; default {@code true}. */
    public static final String PARAM_HTML = "html";
    /** Location of an HTML template replacing the built-in page (same forms as {@link #PARAM_TOMBSTONES}). */
    public static final String PARAM_HTML_TEMPLATE = "htmlTemplate";
    /**
     * A path in the application that browsers are forwarded to instead of the HTML template; it supplies the body,
     * the filter keeps its status and cache headers.
     */
    public static final String PARAM_HTML_ERROR_PAGE = "htmlErrorPage";
    /** The language of the HTML page, a BCP 47 tag ({@code lang} attribute, date format); default {@code en}. */
    public static final String PARAM_HTML_LANG = "htmlLang";
    /** The problem-details {@code type} URI; default {@code about:blank}. */
    public static final String PARAM_PROBLEM_TYPE = "problemType";
    /** For 451 responses: a URI identifying who implements the block, sent as {@code Link: <uri>; rel="blocked-by"} (RFC 7725). */
    public static final String PARAM_BLOCKED_BY = "blockedBy";
    /** Cache lifetime when neither the tombstone nor its reason has one: seconds or ISO-8601; default {@code P1D}. */
    public static final String PARAM_DEFAULT_MAX_AGE = "defaultMaxAge";
    /** Prefix of per-reason cache lifetimes, e.g. {@code maxAge.sunset} = {@code P90D}. */
    public static final String PARAM_MAX_AGE_PREFIX = "maxAge.";
    /** Cache lifetime of restorable tombstones without their own {@code maxAge}, whatever their reason; default {@code P1D}. */
    public static final String PARAM_RESTORABLE_MAX_AGE = "restorableMaxAge";
    /**
     * {@code private} (the default) or {@code public}: the {@code Cache-Control} of answers to requests that carry
     * {@code Authorization} or that the container reports as authenticated.
     */
    public static final String PARAM_AUTHENTICATED_RESPONSES = "authenticatedResponses";
    /**
     * Which methods get the tombstone's answer: a comma-separated list such as {@code GET, HEAD}, or {@code *}
     * for every method with {@code !NAME} entries exempting some; default {@value #DEFAULT_METHODS}.
     */
    public static final String PARAM_METHODS = "methods";
    /** Whether paths match case-sensitively (for the tombstone file); default {@code true}. */
    public static final String PARAM_CASE_SENSITIVE = "caseSensitive";
    /** How often the tombstone file is checked for changes: seconds or ISO-8601, {@code 0} never; default {@code PT5S}. */
    public static final String PARAM_RELOAD_INTERVAL = "reloadInterval";
    /** Whether requests before a tombstone's {@code goneFrom} carry {@code Deprecation} and {@code Sunset}; default {@code true}. */
    public static final String PARAM_ANNOUNCE_SCHEDULED = "announceScheduled";
    /** Comma-separated dispatcher types the filter acts on; default {@code REQUEST}. */
    public static final String PARAM_DISPATCHER_TYPES = "dispatcherTypes";
    /** Comma-separated class names of {@link GoneListener}s with public no-argument constructors. */
    public static final String PARAM_LISTENERS = "listeners";
    /**
     * Comma-separated Varnish endpoints such as {@code http://127.0.0.1:6081}, purged on every change of the
     * tombstones ({@link io.github.gonefilter.purge.VarnishPurger}, {@code examples/varnish/default.vcl}).
     */
    public static final String PARAM_PURGE = "purge";
    /** For {@link #PARAM_PURGE}: comma-separated {@code Host} names to purge for; default the endpoint's address. */
    public static final String PARAM_PURGE_HOSTS = "purgeHosts";
    /** Whether every response the filter passes or answers carries surrogate keys ({@code xkey}, {@code Surrogate-Key}); default {@code false}. */
    public static final String PARAM_SURROGATE_KEYS = "surrogateKeys";
    /** How long after a change it is purged a second time: seconds or ISO-8601, {@code 0} never; default {@code PT5S}. */
    public static final String PARAM_PURGE_REPEAT_AFTER = "purgeRepeatAfter";
    /**
     * Whether changes a shared registry syncs from its storage are purged too, by every node: needed for rows written
     * by hand or by other tools, which no node purges otherwise; default {@code false}.
     */
    public static final String PARAM_PURGE_SYNCED_CHANGES = "purgeSyncedChanges";
    /**
     * Whether a {@link NotFoundMonitor} counts the requests the filter lets through that the application answers 404
     * for; default {@code false}. The {@code monitor.*} init-params configure it; the monitor is in the servlet
     * context attribute {@link NotFoundMonitor#CONTEXT_ATTRIBUTE}.
     */
    public static final String PARAM_MONITOR = "monitor";
    /** For {@link #PARAM_MONITOR}: the most paths held; default {@value NotFoundMonitor#DEFAULT_MAX_ENTRIES}. */
    public static final String PARAM_MONITOR_MAX_ENTRIES = "monitor.maxEntries";
    /** For {@link #PARAM_MONITOR}: how long a path stays listed after its last 404, seconds or ISO-8601; default {@code P7D}. */
    public static final String PARAM_MONITOR_RETENTION = "monitor.retention";
    /**
     * For {@link #PARAM_MONITOR}: comma-separated paths and globs never counted, replacing the defaults
     * ({@link NotFoundMonitor#DEFAULT_EXCLUDE}), which the word {@code defaults} in the list keeps; empty for none.
     */
    public static final String PARAM_MONITOR_EXCLUDE = "monitor.exclude";
    /** For {@link #PARAM_MONITOR}: whether requests differing only in their query count as one path; default {@code true}. */
    public static final String PARAM_MONITOR_IGNORE_QUERY = "monitor.ignoreQuery";
    /** For {@link #PARAM_MONITOR}: whether the hosts of {@code Referer} headers are kept; default {@code false}. */
    public static final String PARAM_MONITOR_REFERRERS = "monitor.referrers";
    /** For {@link #PARAM_MONITOR}: whether crawlers are counted apart from browsers; default {@code false}. */
    public static final String PARAM_MONITOR_USER_AGENTS = "monitor.userAgents";
    /**
     * The mode of {@code gone} tombstones that do not name one: {@code short-circuit} (the default: the filter
     * answers, the application never sees the request) or {@code fallback} (the application answers first; only its
     * 404 becomes the tombstone's answer). Legal blocks and erasures short-circuit unless they name fallback.
     */
    public static final String PARAM_MODE = "mode";
    /**
     * In fallback mode, whether a restorable exact-path tombstone is restored when the application answers a GET or
     * HEAD of its path with a success (2xx; a redirect does not count); default {@code false} (a WARNING and {@link GoneListener#onLiveContent} only).
     */
    public static final String PARAM_AUTO_RESTORE = "autoRestore";

    /**
     * Every method, GET, HEAD, POST, PUT, PATCH, DELETE and WebDAV's or unknown ones alike, must not reach a
     * deleted resource (a deleted ID must not be silently reused); OPTIONS passes so CORS preflights still work.
     */
    public static final String DEFAULT_METHODS = "*, !OPTIONS";
    public static final Set<DispatcherType> DEFAULT_DISPATCHER_TYPES = Set.of(DispatcherType.REQUEST);
    /** One day: long enough to spare the origin, short enough to undo a mistaken deletion. */
    public static final Duration DEFAULT_MAX_AGE = ResponseSettings.DEFAULT_MAX_AGE;
    /**
     * Built-in lifetimes for reasons whose removal is rarely undone ({@code expired}, {@code sunset} 30 days,
     * {@code discontinued} 365 days); {@link Builder#maxAge(String, Duration)} adds to or replaces them.
     */
    public static final Map<String, Duration> DEFAULT_MAX_AGE_BY_REASON = ResponseSettings.DEFAULT_MAX_AGE_BY_REASON;
    /** One day, whatever the reason: a restorable tombstone may be restored, and caches would not notice. */
    public static final Duration DEFAULT_RESTORABLE_MAX_AGE = ResponseSettings.DEFAULT_RESTORABLE_MAX_AGE;
    /** {@code private}: a shared cache must not hand an authenticated request's answer to anyone else. */
    public static final CacheScope DEFAULT_AUTHENTICATED_RESPONSES = ResponseSettings.DEFAULT_AUTHENTICATED_RESPONSES;
    public static final String DEFAULT_HTML_LANG = ResponseSettings.DEFAULT_HTML_LANG;
    public static final URI DEFAULT_PROBLEM_TYPE = ResponseSettings.DEFAULT_PROBLEM_TYPE;
    /** Request attribute holding the {@link Tombstone} when the filter forwards to an {@link #PARAM_HTML_ERROR_PAGE HTML error page}. */
    public static final String TOMBSTONE_ATTRIBUTE = GoneResponseWriter.TOMBSTONE_ATTRIBUTE;

    private static final System.Logger LOG = System.getLogger(GoneFilter.class.getName());

    private volatile Settings settings;

    /** For {@code web.xml}: the filter is configured by its init-params in {@link #init}. */
    public GoneFilter() {
    }

    private GoneFilter(Settings settings) {
        this.settings = settings;
    }

    /** Starts building a filter for programmatic use, e.g. in a Spring {@code FilterRegistrationBean}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the init-params, unless the filter was made by {@link #builder()}, whose configuration stands.
     *
     * @throws ServletException naming the init-param that is missing or invalid
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (settings == null) {
            settings = GoneFilterInitParams.filter(filterConfig).settings;
        }
        LOG.log(Level.INFO, () -> startLine(filterConfig == null ? null : filterConfig.getFilterName(), settings));
        if (settings.monitor != null && filterConfig != null && filterConfig.getServletContext() != null) {
            filterConfig.getServletContext().setAttribute(NotFoundMonitor.CONTEXT_ATTRIBUTE, settings.monitor);
        }
        if (settings.purging.configured()) {
            settings.purging.start(settings.registry, filterConfig == null || filterConfig.getServletContext() == null
                    ? "" : filterConfig.getServletContext().getContextPath());
        }
    }

    /** One line that says the filter is active, and with what: an operator's first question. */
    private static String startLine(String filterName, Settings s) {
        int count = s.registry.size();
        List<String> types = s.resolver.dispatcherTypes().stream().map(Enum::name).sorted().toList();
        return "GoneFilter" + (filterName == null ? "" : " '" + filterName + "'") + " active: " + count
                + (count == 1 ? " tombstone" : " tombstones") + " from " + s.registry.description()
                + "; methods " + s.resolver.methods() + "; dispatcher types " + String.join(", ", types)
                + (s.mode == TombstoneMode.FALLBACK ? "; mode fallback" : "");
    }

    /**
     * Resolves the request to a decision in one call, then answers it or lets it through.
     *
     * @throws ServletException if the filter was not initialized: a request must not pass unchecked
     */
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        Settings s = settings;
        if (s == null) {
            throw new ServletException("GoneFilter was not initialized");
        }
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
            Decision decision = s.resolver.resolve(request, response);
            if (decision instanceof Decision.Gone gone && gone.tombstone().modeOr(s.mode) == TombstoneMode.FALLBACK) {
                s.fallback.doFilter(request, response, chain, gone);
                return;
            }
            if (answered(s, decision, request, response)) {
                return;
            }
        }
        chain.doFilter(req, res);
        if (s.monitor != null && req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
            s.monitor.afterChain(request, response); // reads the status the application set; alters nothing
        }
    }

    /** Writes what {@code decision} asks for; whether that was the whole answer (no need to continue the chain). */
    private static boolean answered(Settings s, Decision decision, HttpServletRequest request,
            HttpServletResponse response) throws IOException, ServletException {
        if (decision instanceof Decision.Gone gone) {
            if (gone.announced() != null) {
                s.writer.announce(request, response, gone.announced()); // as a never-existing path beside it gets
            }
            int status = s.writer.writeGone(request, response, gone.tombstone(), gone.path(), gone.now());
            notifyListeners(s.listeners, new GoneEvent(request.getMethod(), gone.path(), status, gone.tombstone(),
                    gone.now()));
            return true;
        }
        if (decision instanceof Decision.BadRequest bad) {
            s.writer.writeBadRequest(request, response);
            notifyListeners(s.listeners, new GoneEvent(request.getMethod(), request.getRequestURI(), 400, null,
                    bad.now()));
            return true;
        }
        if (decision instanceof Decision.Unavailable unavailable) {
            s.writer.writeUnavailable(request, response);
            notifyListeners(s.listeners, new GoneEvent(request.getMethod(), request.getRequestURI(), 503, null,
                    unavailable.now()));
            return true;
        }
        if (decision instanceof Decision.Announce announce) {
            s.writer.announce(request, response, announce.tombstone());
        }
        return false;
    }

    @Override
    public void destroy() {
        Settings s = settings;
        if (s != null) {
            s.purging.stop();
        }
        if (s != null && s.ownsRegistry) {
            s.registry.close();
        }
    }

    /**
     * Stops purging the caches in front now, ahead of {@link #destroy()}, and returns what was left unsent instead
     * of logging it: for a framework whose own logging outlives {@code java.util.logging} at shutdown (Spring Boot
     * stops it from a lifecycle callback before the server stops). Requests are still answered; nothing is purged
     * any more.
     */
    public List<DroppedPurges> stopPurging() {
        Settings s = settings;
        return s == null ? List.of() : s.purging.stopQuietly();
    }

    /** The registry this filter consults. */
    public TombstoneRegistry registry() {
        return settings().registry;
    }

    private Settings settings() {
        Settings s = settings;
        if (s == null) {
            throw new IllegalStateException("GoneFilter was not initialized");
        }
        return s;
    }

    /** The monitor of the application's 404s, if the filter has one. */
    public Optional<NotFoundMonitor> monitor() {
        return Optional.ofNullable(settings().monitor);
    }

    /** How purging the caches in front fares: the same object for the filter's life, all zero if not configured. */
    public PurgeStatistics purgeStatistics() {
        return settings().purging.statistics();
    }

    static void notifyListeners(List<GoneListener> listeners, GoneEvent event) {
        notifyEach(listeners, listener -> listener.onResponse(event));
    }

    /** Calls each listener; one that throws is logged and the others still hear. */
    static void notifyEach(List<GoneListener> listeners, java.util.function.Consumer<GoneListener> call) {
        for (GoneListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "GoneListener " + listener.getClass().getName() + " failed", e);
            }
        }
    }

    /** Everything the filter needs, fixed at construction. */
    private record Settings(
            TombstoneRegistry registry,
            boolean ownsRegistry,
            RequestResolver resolver,
            GoneResponseWriter writer,
            List<GoneListener> listeners,
            CachePurging purging,
            NotFoundMonitor monitor,
            TombstoneMode mode,
            Fallback fallback) {
    }

    /**
     * Configures a {@link GoneFilter}. Give either a {@link #registry registry} or a {@link #tombstones
     * tombstone file}. Every setter refuses to be called twice, so a configuration cannot silently override
     * itself.
     */
    public static final class Builder {
        private TombstoneRegistry registry;
        private String tombstones;
        private Boolean caseSensitive;
        private Duration reloadInterval;
        private ResponseFormat format;
        private Boolean html;
        private HtmlTemplate htmlTemplate;
        private String htmlErrorPage;
        private String htmlLang;
        private URI problemType;
        private URI blockedBy;
        private Duration defaultMaxAge;
        private final Map<String, Duration> maxAgeByReason = new LinkedHashMap<>();
        private Duration restorableMaxAge;
        private CacheScope authenticatedResponses;
        private MethodRule methods;
        private Set<DispatcherType> dispatcherTypes;
        private Boolean announceScheduled;
        private final List<GoneListener> listeners = new ArrayList<>();
        private Clock clock;
        private boolean ownsRegistry;
        private final List<CachePurger> purgers = new ArrayList<>();
        private Boolean surrogateKeys;
        private Duration purgeRepeatAfter;
        private NotFoundMonitor monitor;
        private TombstoneMode mode;
        private Boolean autoRestore;
        private Boolean purgeSyncedChanges;
        private List<String> excludedPaths;

        private Builder() {
        }

        /** The registry to consult. The filter does not close it on destroy: its owner does. */
        public Builder registry(TombstoneRegistry registry) {
            requireUnset(this.registry, "registry");
            requireUnset(this.tombstones, "tombstones (a registry and a tombstone file exclude each other)");
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The registry to consult, handed over to the filter, which closes it in {@link GoneFilter#destroy()}: for a
         * registry made for this filter alone, as the {@link #PARAM_REGISTRY registry} init-param makes one. Like
         * {@link #registry}, it excludes a tombstone file.
         */
        public Builder ownedRegistry(TombstoneRegistry registry) {
            registry(registry);
            this.ownsRegistry = true;
            return this;
        }

        /** Loads tombstones from a file ({@link FileTombstoneRegistry}), which the filter closes on destroy. */
        public Builder tombstones(String location) {
            requireUnset(this.tombstones, "tombstones");
            requireUnset(this.registry, "registry (a registry and a tombstone file exclude each other)");
            this.tombstones = Objects.requireNonNull(location, "location");
            return this;
        }

        /** For {@link #tombstones}: whether paths match case-sensitively. Default true. */
        public Builder caseSensitive(boolean caseSensitive) {
            requireUnset(this.caseSensitive, "caseSensitive");
            this.caseSensitive = caseSensitive;
            return this;
        }

        /** For {@link #tombstones}: how often to check the file; {@link Duration#ZERO} never. Default 5 s. */
        public Builder reloadInterval(Duration reloadInterval) {
            requireUnset(this.reloadInterval, "reloadInterval");
            this.reloadInterval = Objects.requireNonNull(reloadInterval, "reloadInterval");
            return this;
        }

        /** The JSON body format. Default {@link ResponseFormat#PROBLEM}. */
        public Builder format(ResponseFormat format) {
            requireUnset(this.format, "format");
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Whether clients preferring {@code text/html} get an HTML page. Default true. */
        public Builder html(boolean html) {
            requireUnset(this.html, "html");
            this.html = html;
            return this;
        }

        /** The page for browsers instead of the built-in one. */
        public Builder htmlTemplate(HtmlTemplate template) {
            requireUnset(this.htmlTemplate, "htmlTemplate");
            this.htmlTemplate = Objects.requireNonNull(template, "htmlTemplate");
            return this;
        }

        /**
         * A path in the application (e.g. {@code /errors/gone}) that browsers are forwarded to instead of the
         * template, with the tombstone in the request attribute {@link GoneFilter#TOMBSTONE_ATTRIBUTE}.
         * The page supplies the body only: it sees a plain GET (no conditional or range headers), and the
         * status and cache headers stay the filter's.
         */
        public Builder htmlErrorPage(String path) {
            requireUnset(this.htmlErrorPage, "htmlErrorPage");
            this.htmlErrorPage = Objects.requireNonNull(path, "htmlErrorPage");
            return this;
        }

        /**
         * The language of the HTML page as a BCP 47 tag: its {@code lang} attribute and the format of its date.
         * The built-in page's own words are English; write your messages in this language. Default {@code en}.
         */
        public Builder htmlLang(String languageTag) {
            requireUnset(this.htmlLang, "htmlLang");
            this.htmlLang = Objects.requireNonNull(languageTag, "htmlLang");
            return this;
        }

        /** The problem-details {@code type}. Default {@code about:blank}. */
        public Builder problemType(URI problemType) {
            requireUnset(this.problemType, "problemType");
            this.problemType = Objects.requireNonNull(problemType, "problemType");
            return this;
        }

        /**
         * For 451 responses, who implements the block (usually the site operator), sent as
         * {@code Link: <uri>; rel="blocked-by"} as RFC 7725 asks. Default none.
         */
        public Builder blockedBy(URI blockedBy) {
            requireUnset(this.blockedBy, "blockedBy");
            this.blockedBy = Objects.requireNonNull(blockedBy, "blockedBy");
            return this;
        }

        /** Cache lifetime when neither the tombstone nor its reason has one. Default one day. */
        public Builder defaultMaxAge(Duration maxAge) {
            requireUnset(this.defaultMaxAge, "defaultMaxAge");
            this.defaultMaxAge = Objects.requireNonNull(maxAge, "defaultMaxAge");
            return this;
        }

        /** Cache lifetime for tombstones with {@code reason} and no {@code maxAge} of their own. */
        public Builder maxAge(String reason, Duration maxAge) {
            Objects.requireNonNull(reason, "reason");
            requireUnset(maxAgeByReason.get(reason), "maxAge for reason '" + reason + "'");
            maxAgeByReason.put(reason, Objects.requireNonNull(maxAge, "maxAge"));
            return this;
        }

        /**
         * Cache lifetime of restorable tombstones without a {@code maxAge} of their own, whatever their reason:
         * a restore cannot reach the caches that keep the answer. Default one day.
         */
        public Builder restorableMaxAge(Duration maxAge) {
            requireUnset(this.restorableMaxAge, "restorableMaxAge");
            this.restorableMaxAge = Objects.requireNonNull(maxAge, "restorableMaxAge");
            return this;
        }

        /**
         * Whether answers to requests that carry {@code Authorization} (or that the container reports as
         * authenticated) are {@code private}, the default, or {@code public}, which lets shared caches hand them
         * to anyone (RFC 9111, section 3.5).
         */
        public Builder authenticatedResponses(CacheScope scope) {
            requireUnset(this.authenticatedResponses, "authenticatedResponses");
            this.authenticatedResponses = Objects.requireNonNull(scope, "authenticatedResponses");
            return this;
        }

        /**
         * The methods that get the tombstone's answer, e.g. {@code "GET", "HEAD"}, or {@code "*"} for every
         * method followed by {@code "!NAME"} exemptions. Default {@value GoneFilter#DEFAULT_METHODS}.
         */
        public Builder methods(String... methods) {
            requireUnset(this.methods, "methods");
            this.methods = MethodRule.parse(List.of(methods));
            return this;
        }

        /** The dispatcher types the filter acts on. Default REQUEST only. */
        public Builder dispatcherTypes(DispatcherType... types) {
            requireUnset(this.dispatcherTypes, "dispatcherTypes");
            if (types.length == 0) {
                throw new IllegalArgumentException("dispatcherTypes must name at least one type");
            }
            this.dispatcherTypes = Set.copyOf(EnumSet.copyOf(List.of(types)));
            return this;
        }

        /** Whether to add {@code Deprecation} and {@code Sunset} before a scheduled removal. Default true. */
        public Builder announceScheduled(boolean announce) {
            requireUnset(this.announceScheduled, "announceScheduled");
            this.announceScheduled = announce;
            return this;
        }

        /** Adds a listener called for every response the filter produces. */
        public Builder listener(GoneListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The clock for time windows and cache lifetimes. Default the system UTC clock. */
        public Builder clock(Clock clock) {
            requireUnset(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Adds a cache to purge on every change of the registry's tombstones (burials, restores, reloads of an edited
         * file; changes synced from other nodes are theirs to purge). Purges run on a thread of their own, never on
         * a request or on the caller of {@code bury}; they start when the container initializes the filter.
         */
        public Builder purger(CachePurger purger) {
            purgers.add(Objects.requireNonNull(purger, "purger"));
            return this;
        }

        /**
         * Whether every response the filter passes or answers carries surrogate keys derived from the canonical path
         * ({@code xkey} for Varnish, {@code Surrogate-Key} for Fastly), so that a purge reaches every spelling and
         * variant of a path. Default false.
         */
        public Builder surrogateKeys(boolean surrogateKeys) {
            requireUnset(this.surrogateKeys, "surrogateKeys");
            this.surrogateKeys = surrogateKeys;
            return this;
        }

        /**
         * How long after a change it is purged a second time, so that a node that still answered from the old
         * tombstones cannot leave a stale entry in the cache; {@link Duration#ZERO} never. Default 5 s.
         */
        public Builder purgeRepeatAfter(Duration delay) {
            requireUnset(this.purgeRepeatAfter, "purgeRepeatAfter");
            this.purgeRepeatAfter = Objects.requireNonNull(delay, "purgeRepeatAfter");
            return this;
        }

        /**
         * Whether changes a shared registry syncs from its storage are purged too, on every node. Off (the default),
         * a change is purged by the node that made it, and rows written into the store by hand or by another tool
         * are never purged; on, every node purges them (and other nodes' changes once more, which is harmless).
         */
        public Builder purgeSyncedChanges(boolean purgeSyncedChanges) {
            requireUnset(this.purgeSyncedChanges, "purgeSyncedChanges");
            this.purgeSyncedChanges = purgeSyncedChanges;
            return this;
        }

        /**
         * Counts the requests the filter lets through that the application answers 404 for: which missing paths are
         * still asked for, to declare them gone. The status is read after the chain returns; the response is never
         * altered or buffered. Default none.
         */
        public Builder monitor(NotFoundMonitor monitor) {
            requireUnset(this.monitor, "monitor");
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        /**
         * The mode of {@code gone} tombstones that do not name one. Default {@link TombstoneMode#SHORT_CIRCUIT}: the
         * filter answers and the application never sees the request. {@link TombstoneMode#FALLBACK} lets the
         * application answer first and turns only its 404 into the tombstone's answer. Legal blocks and erasures
         * short-circuit unless they name fallback themselves ({@link Tombstone#modeOr}).
         */
        public Builder mode(TombstoneMode mode) {
            requireUnset(this.mode, "mode");
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * In fallback mode, whether a restorable exact-path tombstone is restored when the application answers a GET
         * or HEAD of its path with a success, 2xx (through a {@link io.github.gonefilter.tombstone.WritableTombstoneRegistry}).
         * Default false: a WARNING per path and {@link GoneListener#onLiveContent} tell the operator instead.
         */
        public Builder autoRestore(boolean autoRestore) {
            requireUnset(this.autoRestore, "autoRestore");
            this.autoRestore = autoRestore;
            return this;
        }

        /**
         * Paths the filter never looks up, such as {@code /actuator}: a request passes untouched when its path, in
         * every spelling the filter reads, is the prefix or lies under it. For an application's own operational
         * endpoints (health probes must answer even when a fail-closed registry cannot). No tombstone applies
         * there, so exclude nothing that could ever be removed. Each prefix starts with {@code /} and is not just
         * {@code /}.
         */
        public Builder excludedPaths(String... prefixes) {
            requireUnset(this.excludedPaths, "excludedPaths");
            List<String> checked = new ArrayList<>();
            for (String prefix : prefixes) {
                String p = Objects.requireNonNull(prefix, "excludedPaths").strip();
                while (p.length() > 1 && p.endsWith("/")) {
                    p = p.substring(0, p.length() - 1);
                }
                if (!p.startsWith("/") || p.equals("/") || !p.equals(PathCanonicalizer.canonicalizeDecoded(p))) {
                    throw new IllegalArgumentException("excludedPaths: '" + prefix + "' must be a canonical path"
                            + " such as /actuator (starting with /, not / alone)");
                }
                checked.add(p);
            }
            this.excludedPaths = List.copyOf(checked);
            return this;
        }

        /**
         * Builds the filter, loading the tombstone file if one was given.
         *
         * @throws IllegalStateException if neither a registry nor a tombstone file was given
         * @throws io.github.gonefilter.registry.file.TombstoneFileException if the file is missing or broken
         */
        public GoneFilter build() {
            if (registry == null && tombstones == null) {
                throw new IllegalStateException("a GoneFilter needs a registry or a tombstone file");
            }
            if (registry != null && (caseSensitive != null || reloadInterval != null)) {
                throw new IllegalStateException("caseSensitive and reloadInterval apply to a tombstone file;"
                        + " configure them on the registry instead");
            }
            CachePurging purging = CachePurging.of(purgers, surrogateKeys != null && surrogateKeys,
                    purgeRepeatAfter != null ? purgeRepeatAfter : CachePurging.DEFAULT_REPEAT_AFTER,
                    purgeSyncedChanges != null && purgeSyncedChanges);
            ResponseSettings response = new ResponseSettings(
                    format != null ? format : ResponseFormat.PROBLEM,
                    html == null || html,
                    htmlTemplate,
                    htmlErrorPage,
                    htmlLang != null ? htmlLang : DEFAULT_HTML_LANG,
                    problemType != null ? problemType : DEFAULT_PROBLEM_TYPE,
                    blockedBy,
                    defaultMaxAge != null ? defaultMaxAge : DEFAULT_MAX_AGE,
                    maxAgeByReason,
                    restorableMaxAge != null ? restorableMaxAge : DEFAULT_RESTORABLE_MAX_AGE,
                    authenticatedResponses != null ? authenticatedResponses : DEFAULT_AUTHENTICATED_RESPONSES);
            GoneResponseWriter writer = new GoneResponseWriter(response); // checks the settings before a file loads
            TombstoneRegistry resolved = registry != null ? registry : fileRegistry();
            RequestResolver resolver = new RequestResolver(resolved,
                    methods != null ? methods : MethodRule.parse(List.of(DEFAULT_METHODS.split(","))),
                    dispatcherTypes != null ? dispatcherTypes : DEFAULT_DISPATCHER_TYPES,
                    announceScheduled == null || announceScheduled,
                    clock != null ? clock : Clock.systemUTC(),
                    purging, excludedPaths != null ? excludedPaths : List.of());
            List<GoneListener> listening = List.copyOf(listeners);
            return new GoneFilter(new Settings(resolved, registry == null || ownsRegistry, resolver, writer,
                    listening, purging, monitor, mode != null ? mode : TombstoneMode.SHORT_CIRCUIT,
                    new Fallback(resolved, writer, listening, autoRestore != null && autoRestore)));
        }

        private FileTombstoneRegistry fileRegistry() {
            FileTombstoneRegistry.Builder file = FileTombstoneRegistry.builder(tombstones);
            if (caseSensitive != null) {
                file.caseSensitive(caseSensitive);
            }
            if (reloadInterval != null) {
                file.reloadInterval(reloadInterval);
            }
            return file.build();
        }
    }
}
