package io.github.gonefilter;

import io.github.gonefilter.internal.response.GoneResponseWriter;
import io.github.gonefilter.internal.response.ResponseSettings;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.response.CacheScope;
import io.github.gonefilter.response.HtmlTemplate;
import io.github.gonefilter.response.ResponseFormat;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.Visibility;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
            Builder builder = GoneFilterInitParams.parse(filterConfig);
            try {
                settings = builder.buildSettings();
            } catch (io.github.gonefilter.registry.file.TombstoneFileException e) {
                throw new ServletException("GoneFilter init-param '" + PARAM_TOMBSTONES + "': " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new ServletException("GoneFilter configuration: " + e.getMessage(), e);
            }
        }
        LOG.log(Level.INFO, () -> startLine(filterConfig == null ? null : filterConfig.getFilterName(), settings));
    }

    /** One line that says the filter is active, and with what: an operator's first question. */
    private static String startLine(String filterName, Settings s) {
        int count = s.registry.size();
        List<String> types = s.dispatcherTypes.stream().map(Enum::name).sorted().toList();
        return "GoneFilter" + (filterName == null ? "" : " '" + filterName + "'") + " active: " + count
                + (count == 1 ? " tombstone" : " tombstones") + " from " + s.registry.description()
                + "; methods " + s.methods + "; dispatcher types " + String.join(", ", types);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        Settings s = settings;
        if (s == null) {
            throw new ServletException("GoneFilter was not initialized");
        }
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !s.dispatcherTypes.contains(request.getDispatcherType())
                || !s.methods.applies(request.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        String path;
        String rawPath;
        try {
            path = containerPath(request);
            rawPath = rawPath(request, path);
        } catch (RuntimeException e) {
            // The container calls the path ambiguous or it is not valid UTF-8: refuse, never guess.
            s.writer.writeBadRequest(request, response);
            notifyListeners(s, new GoneEvent(request.getMethod(), request.getRequestURI(), 400, null, s.clock.instant()));
            return;
        }
        if (!s.registry.mayMatch(path) && (rawPath == null || !s.registry.mayMatch(rawPath))) {
            chain.doFilter(request, response); // the common case: nothing could match, not even later
            return;
        }
        Instant now = s.clock.instant();
        Optional<Tombstone> found = s.registry.find(path, now);
        if (rawPath != null && (found.isEmpty() || !found.get().isActiveAt(now))) {
            Optional<Tombstone> viaRaw = s.registry.find(rawPath, now);
            if (viaRaw.isPresent() && (found.isEmpty() || viaRaw.get().isActiveAt(now))) {
                found = viaRaw;
                path = rawPath;
            }
        }
        if (found.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Tombstone tombstone = found.get();
        if (tombstone.isActiveAt(now)) {
            if (leftToTheApplication(tombstone, request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            int status = s.writer.writeGone(request, response, tombstone, path, now);
            notifyListeners(s, new GoneEvent(request.getMethod(), path, status, tombstone, now));
            return;
        }
        if (s.announceScheduled) {
            s.writer.announce(request, response, tombstone);
        }
        chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
        Settings s = settings;
        if (s != null && s.ownsRegistry) {
            s.registry.close();
        }
    }

    /** The registry this filter consults. */
    public TombstoneRegistry registry() {
        Settings s = settings;
        if (s == null) {
            throw new IllegalStateException("GoneFilter was not initialized");
        }
        return s.registry;
    }

    /**
     * A {@code not_found} erasure answers GET and HEAD with the container's own 404, even if a stale copy is
     * still around. Every other method goes to the application, whose data is already erased: its answer for a
     * missing resource (405, 501, its own 404, an {@code Allow} header) is what a never-existing path gets, and
     * a 404 from the filter would tell the two apart.
     */
    private static boolean leftToTheApplication(Tombstone tombstone, String method) {
        return tombstone.visibility() == Visibility.NOT_FOUND && !"GET".equals(method) && !"HEAD".equals(method);
    }

    /** The path the container routes on: servlet path plus path info, already decoded, canonicalized. */
    static String containerPath(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null ? servletPath : servletPath + pathInfo;
        return PathCanonicalizer.canonicalizeDecoded(path == null || path.isEmpty() ? "/" : path);
    }

    /**
     * The path as spelled in the request URI, canonicalized independently of the container, or
     * {@code null} when it is the same as {@code containerPath} (the common case, checked without
     * allocating). Frameworks such as Spring MVC route on the request URI, so a spelling that the container
     * and the framework read differently is checked both ways.
     */
    static String rawPath(HttpServletRequest request, String containerPath) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri.length() == context.length() + containerPath.length() && uri.startsWith(context)
                && uri.startsWith(containerPath, context.length())
                && uri.indexOf('%') < 0 && uri.indexOf(';') < 0) {
            return null; // spelled exactly as the container routed it, and nothing in it decodes differently
        }
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            int slash = uri.indexOf('/', uri.indexOf("//") + 2);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        String canonicalUri = PathCanonicalizer.canonicalizeEncoded(uri.isEmpty() ? "/" : uri);
        String canonicalContext = context.isEmpty() ? "" : PathCanonicalizer.canonicalizeEncoded(context);
        String candidate;
        if (canonicalContext.isEmpty() || canonicalContext.equals("/")) {
            candidate = canonicalUri;
        } else if (canonicalUri.equals(canonicalContext)) {
            candidate = "/";
        } else if (canonicalUri.startsWith(canonicalContext + "/")) {
            candidate = canonicalUri.substring(canonicalContext.length());
        } else {
            return null; // spelled in a way we cannot relate to the context; the container's view stands
        }
        return candidate.equals(containerPath) ? null : candidate;
    }

    private static void notifyListeners(Settings s, GoneEvent event) {
        for (GoneListener listener : s.listeners) {
            try {
                listener.onResponse(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "GoneListener " + listener.getClass().getName() + " failed", e);
            }
        }
    }

    /** Which request methods get the tombstone's answer. Method names are case-sensitive (RFC 9110). */
    private record MethodRule(boolean all, Set<String> listed) {

        boolean applies(String method) {
            return all != listed.contains(method); // with '*', the listed methods are the exemptions
        }

        static MethodRule parse(List<String> entries) {
            boolean all = false;
            Set<String> included = new java.util.HashSet<>();
            Set<String> excluded = new java.util.HashSet<>();
            for (String entry : entries) {
                String e = entry.trim();
                if (e.equals("*")) {
                    all = true;
                } else if (e.startsWith("!")) {
                    excluded.add(token(e.substring(1).trim(), entry));
                } else {
                    included.add(token(e, entry));
                }
            }
            if (all && !included.isEmpty()) {
                throw new IllegalArgumentException("methods: '*' already includes " + included
                        + "; list exemptions as !NAME");
            }
            if (!all && !excluded.isEmpty()) {
                throw new IllegalArgumentException("methods: exemptions " + excluded + " need '*' before them");
            }
            if (!all && included.isEmpty()) {
                throw new IllegalArgumentException("methods must name at least one method, or '*'");
            }
            return new MethodRule(all, Set.copyOf(all ? excluded : included));
        }

        /** As configured: {@code *, !OPTIONS} or {@code GET, HEAD}. */
        @Override
        public String toString() {
            List<String> names = listed.stream().sorted().map(m -> all ? "!" + m : m).toList();
            List<String> parts = new ArrayList<>();
            if (all) {
                parts.add("*");
            }
            parts.addAll(names);
            return String.join(", ", parts);
        }

        private static String token(String method, String entry) {
            String upper = method.toUpperCase(Locale.ROOT);
            if (upper.isEmpty() || !upper.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not an HTTP method");
            }
            return upper;
        }
    }

    /** Everything the filter needs, fixed at construction. */
    private record Settings(
            TombstoneRegistry registry,
            boolean ownsRegistry,
            GoneResponseWriter writer,
            MethodRule methods,
            Set<DispatcherType> dispatcherTypes,
            boolean announceScheduled,
            List<GoneListener> listeners,
            Clock clock) {
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

        private Builder() {
        }

        /** The registry to consult. The filter does not close it on destroy: its owner does. */
        public Builder registry(TombstoneRegistry registry) {
            requireUnset(this.registry, "registry");
            requireUnset(this.tombstones, "tombstones (a registry and a tombstone file exclude each other)");
            this.registry = Objects.requireNonNull(registry, "registry");
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
         * Builds the filter, loading the tombstone file if one was given.
         *
         * @throws IllegalStateException if neither a registry nor a tombstone file was given
         * @throws io.github.gonefilter.registry.file.TombstoneFileException if the file is missing or broken
         */
        public GoneFilter build() {
            return new GoneFilter(buildSettings());
        }

        Settings buildSettings() {
            if (registry == null && tombstones == null) {
                throw new IllegalStateException("a GoneFilter needs a registry or a tombstone file");
            }
            if (registry != null && (caseSensitive != null || reloadInterval != null)) {
                throw new IllegalStateException("caseSensitive and reloadInterval apply to a tombstone file;"
                        + " configure them on the registry instead");
            }
            ResponseSettings response = new ResponseSettings(
                    format != null ? format : ResponseFormat.PROBLEM,
                    html == null || html,
                    htmlTemplate,
                    htmlErrorPage,
                    htmlLang != null ? htmlLang : ResponseSettings.DEFAULT_HTML_LANG,
                    problemType != null ? problemType : ResponseSettings.DEFAULT_PROBLEM_TYPE,
                    blockedBy,
                    defaultMaxAge != null ? defaultMaxAge : ResponseSettings.DEFAULT_MAX_AGE,
                    maxAgeByReason,
                    restorableMaxAge != null ? restorableMaxAge : ResponseSettings.DEFAULT_RESTORABLE_MAX_AGE,
                    authenticatedResponses != null ? authenticatedResponses
                            : ResponseSettings.DEFAULT_AUTHENTICATED_RESPONSES);
            TombstoneRegistry resolved = registry;
            boolean owns = ownsRegistry;
            if (resolved == null) {
                FileTombstoneRegistry.Builder file = FileTombstoneRegistry.builder(tombstones);
                if (caseSensitive != null) {
                    file.caseSensitive(caseSensitive);
                }
                if (reloadInterval != null) {
                    file.reloadInterval(reloadInterval);
                }
                resolved = file.build();
                owns = true;
            }
            return new Settings(resolved, owns, new GoneResponseWriter(response),
                    methods != null ? methods : MethodRule.parse(List.of(DEFAULT_METHODS.split(","))),
                    dispatcherTypes != null ? dispatcherTypes : DEFAULT_DISPATCHER_TYPES,
                    announceScheduled == null || announceScheduled,
                    List.copyOf(listeners),
                    clock != null ? clock : Clock.systemUTC());
        }

        /** A registry the filter created from an init-param, and so closes on destroy. */
        Builder ownedRegistry(TombstoneRegistry registry) {
            registry(registry);
            this.ownsRegistry = true;
            return this;
        }

        private static void requireUnset(Object value, String what) {
            if (value != null) {
                throw new IllegalStateException(what + " was already set");
            }
        }
    }
}
