package io.github.gonefilter.internal.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.internal.cache.SlotCache;
import io.github.gonefilter.internal.text.TextValues;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.response.CacheScope;
import io.github.gonefilter.response.HtmlTemplate;
import io.github.gonefilter.response.ResponseFormat;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the filter's own responses: 410 and 451 with a problem-details (or simple) JSON body or an HTML
 * page, the plain 404 of {@link Visibility#NOT_FOUND}, the 400 for unreadable paths, and the warning
 * headers of scheduled removals. Responses are written directly, never through {@code sendError}, so the
 * container's error pages and conditional or range handling cannot turn them into something else; an
 * application's HTML error page only supplies the body ({@link ErrorPageForward}).
 *
 * <p>A path {@code alternative} is a path in the application, like the tombstone's own path: it is rendered
 * with the context path in {@code Link}, the JSON body and the HTML page.
 */
public final class GoneResponseWriter {

    /** Request attribute holding the {@link Tombstone} when forwarding to an HTML error page. */
    public static final String TOMBSTONE_ATTRIBUTE = "io.github.gonefilter.tombstone";

    private static final System.Logger LOG = System.getLogger(GoneResponseWriter.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RENDERED_BODIES = 256;
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON_TYPE = "application/json";
    static final String HTML_TYPE = "text/html;charset=UTF-8";
    private static final String DEFAULT_DETAIL = "This resource has been permanently removed.";
    private static final String DEFAULT_LEGAL_DETAIL = "This resource is unavailable for legal reasons.";
    private static final String HEADING = "This page has been removed";
    private static final String LEGAL_HEADING = "Unavailable for legal reasons";
    private static final byte[] BAD_REQUEST_BODY = ("{\"type\":\"about:blank\",\"title\":\"Bad Request\","
            + "\"status\":400,\"detail\":\"The request path is not valid.\"}").getBytes(StandardCharsets.UTF_8);

    private static final byte[] UNAVAILABLE_BODY = ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
            + "\"status\":503,\"detail\":\"The request cannot be served right now; try again later.\"}")
            .getBytes(StandardCharsets.UTF_8);
    /** When to try again after a 503: a shared store's sync interval is seconds; a probe or client need not wait longer. */
    static final String RETRY_AFTER_SECONDS = "10";

    private final ResponseSettings settings;
    private final HtmlTemplate htmlTemplate;
    /**
     * Recently rendered JSON bodies, by tombstone instance and {@code instance} path: registries hand out
     * the same tombstone for a popular path, so its body is rendered once.
     */
    private final SlotCache<RenderedBody> renderedBodies = new SlotCache<>(RENDERED_BODIES);
    private final DateTimeFormatter readableDate;
    /** The last context path seen and its URI form: a filter serves one application, so this rarely changes. */
    private volatile ContextPath contextPath = new ContextPath("", "");

    public GoneResponseWriter(ResponseSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.htmlTemplate = settings.htmlTemplate() != null ? settings.htmlTemplate() : HtmlTemplate.builtIn();
        this.readableDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(settings.htmlLocale()).withZone(ZoneOffset.UTC);
    }

    public ResponseSettings settings() {
        return settings;
    }

    /**
     * Answers for a tombstone in force and returns the status written.
     *
     * @param canonicalPath the canonical path within the application that matched
     */
    public int writeGone(HttpServletRequest request, HttpServletResponse response, Tombstone tombstone,
            String canonicalPath, Instant now) throws IOException, ServletException {
        return writeGone(request, response, tombstone, canonicalPath, now, false);
    }

    /**
     * Answers for a tombstone in force and returns the status written.
     *
     * @param canonicalPath the canonical path within the application that matched
     * @param mayComeBack   the tombstone yields to live content (fallback mode), so caches keep the answer only as
     *                      long as a restorable one's
     */
    public int writeGone(HttpServletRequest request, HttpServletResponse response, Tombstone tombstone,
            String canonicalPath, Instant now, boolean mayComeBack) throws IOException, ServletException {
        if (tombstone.visibility() == Visibility.NOT_FOUND) {
            // Exactly what the application says for a path it never had: the container's own 404.
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return HttpServletResponse.SC_NOT_FOUND;
        }
        int status = tombstone.visibility().status();
        String context = contextUri(request);
        response.resetBuffer();
        response.setStatus(status);
        long maxAge = maxAgeSeconds(tombstone, now, mayComeBack);
        String cacheControl = scope(request).directive() + ", max-age=" + maxAge;
        if (settings.htmlErrorPage() != null && request.getRequestedSessionId() != null
                && settings.html() && AcceptHeader.prefersHtml(request.getHeader("Accept"))) {
            // The application's page may render this visitor's session: never for a shared cache.
            cacheControl = "private, max-age=" + maxAge;
        }
        response.setHeader("Cache-Control", cacheControl);
        if (tombstone.alternative() != null) {
            response.setHeader("Link", link(tombstone, context));
        }
        if (status == 451 && settings.blockedBy() != null) {
            response.addHeader("Link", "<" + settings.blockedBy().toASCIIString() + ">; rel=\"blocked-by\"");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        String instance = context + PathCanonicalizer.toUriPath(canonicalPath);
        byte[] body;
        if (settings.html()) {
            response.addHeader("Vary", "Accept");
        }
        boolean html = settings.html() && AcceptHeader.prefersHtml(request.getHeader("Accept"));
        boolean head = "HEAD".equals(request.getMethod());
        if (html && settings.htmlErrorPage() != null) {
            // The application's own page in the site's layout; it supplies the body, the filter keeps the rest.
            request.setAttribute(TOMBSTONE_ATTRIBUTE, tombstone);
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
            ErrorPageForward.KeptResponse kept = ErrorPageForward.response(response, head,
                    () -> renderHtml(tombstone, status, instance, context).getBytes(StandardCharsets.UTF_8));
            try {
                request.getRequestDispatcher(settings.htmlErrorPage()).forward(ErrorPageForward.request(request), kept);
            } catch (ServletException | IOException | RuntimeException e) {
                // A page that fails must not turn the 410 into a 500: the built-in page, same status and headers.
                LOG.log(System.Logger.Level.WARNING, "htmlErrorPage " + settings.htmlErrorPage() + " failed for "
                        + request.getRequestURI() + "; sent the built-in page instead", e);
                if (!response.isCommitted()) {
                    response.setStatus(status);
                    kept.sendFallback();
                }
            }
            if (!response.isCommitted()) {
                reassertAfterPage(response, cacheControl);
            }
            return status;
        }
        if (html) {
            response.setContentType(HTML_TYPE);
            body = renderHtml(tombstone, status, instance, context).getBytes(StandardCharsets.UTF_8);
        } else if (settings.format() == ResponseFormat.SIMPLE) {
            response.setContentType(JSON_TYPE);
            body = jsonBody(tombstone, status, instance, context, true);
        } else {
            response.setContentType(PROBLEM_JSON);
            body = jsonBody(tombstone, status, instance, context, false);
        }
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
        response.flushBuffer();
        return status;
    }

    /**
     * After the application's page: what the container may have added below the wrapper (Jetty's session
     * {@code Expires}, a session cookie) goes, and the filter's own headers stand as it set them.
     */
    private static void reassertAfterPage(HttpServletResponse response, String cacheControl) {
        for (String name : ErrorPageForward.KeptResponse.FILTERS_ALONE) {
            if (response.containsHeader(name) && !name.equals("cache-control") && !name.equals("x-content-type-options")) {
                response.setHeader(name, null); // Servlet 6.1: a null value removes the header
            }
        }
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /** A 400 for a request path that cannot be canonicalized; it reveals nothing about tombstones. */
    public void writeBadRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        writeProblem(request, response, HttpServletResponse.SC_BAD_REQUEST, BAD_REQUEST_BODY);
    }

    /**
     * A 503 when the registry cannot decide (a fail-closed store past its maximum staleness), with
     * {@code Retry-After}; it reveals neither the store nor its error, which the health check and the log report.
     */
    public void writeUnavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        writeProblem(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, UNAVAILABLE_BODY);
    }

    private static void writeProblem(HttpServletRequest request, HttpServletResponse response, int status, byte[] body)
            throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(PROBLEM_JSON);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
        response.flushBuffer();
    }

    /**
     * Adds {@code Sunset} (RFC 8594) and {@code Deprecation} (RFC 9745) to a response that passes through
     * before a scheduled removal, plus the {@code Link} to the alternative.
     */
    public void announce(HttpServletRequest request, HttpServletResponse response, Tombstone tombstone) {
        if (tombstone.goneFrom() == null || tombstone.visibility() == Visibility.NOT_FOUND) {
            return;
        }
        Instant deprecation = tombstone.deletedAt() != null && tombstone.deletedAt().isBefore(tombstone.goneFrom())
                ? tombstone.deletedAt() : tombstone.goneFrom();
        response.setHeader("Deprecation", "@" + deprecation.getEpochSecond());
        response.setHeader("Sunset", TextValues.httpDate(tombstone.goneFrom()));
        if (tombstone.alternative() != null) {
            response.addHeader("Link", link(tombstone, contextUri(request)));
        }
    }

    /**
     * The tombstone's {@code maxAge}; else, for a restorable tombstone, {@code restorableMaxAge}, since caches
     * would not notice a restore; else its reason's, else the default. Never beyond {@code goneUntil}, so no
     * cache keeps a 410 after the tombstone stops applying.
     */
    public long maxAgeSeconds(Tombstone tombstone, Instant now) {
        return maxAgeSeconds(tombstone, now, false);
    }

    /**
     * As {@link #maxAgeSeconds(Tombstone, Instant)}; a tombstone that {@code mayComeBack} (fallback mode: its path
     * may be served again at any time, and no purge reaches browser caches) counts as restorable.
     */
    public long maxAgeSeconds(Tombstone tombstone, Instant now, boolean mayComeBack) {
        Duration maxAge = tombstone.maxAge();
        if (maxAge == null && (tombstone.restorable() || mayComeBack)) {
            maxAge = settings.restorableMaxAge();
        }
        if (maxAge == null && tombstone.reason() != null) {
            maxAge = settings.maxAgeByReason().get(tombstone.reason());
        }
        if (maxAge == null) {
            maxAge = settings.defaultMaxAge();
        }
        long seconds = maxAge.getSeconds();
        if (tombstone.goneUntil() != null) {
            long left = Duration.between(now, tombstone.goneUntil()).getSeconds();
            seconds = Math.min(seconds, Math.max(0, left));
        }
        return seconds;
    }

    /**
     * {@code private} for a request made with credentials, unless configured otherwise: a shared cache may
     * store such an answer only when it says {@code public} (RFC 9111, section 3.5), and then hands it to
     * clients that would have been refused.
     */
    private CacheScope scope(HttpServletRequest request) {
        boolean authenticated = request.getHeader("Authorization") != null || request.getUserPrincipal() != null;
        return authenticated ? settings.authenticatedResponses() : CacheScope.PUBLIC;
    }

    /**
     * The application's context path as a URI path ({@code ""} at the root). Taken from the servlet context,
     * not from the request, whose spelling of it is the client's ({@code //shop} would make a path alternative
     * protocol-relative).
     */
    private String contextUri(HttpServletRequest request) {
        ServletContext servletContext = request.getServletContext();
        String raw = servletContext != null ? servletContext.getContextPath() : request.getContextPath();
        if (raw == null) {
            raw = "";
        }
        ContextPath known = contextPath;
        if (known.raw.equals(raw)) {
            return known.uri;
        }
        String uri = raw.isEmpty() || raw.equals("/") ? "" : PathCanonicalizer.toUriPath(contextPathDecoded(raw));
        contextPath = new ContextPath(raw, uri);
        return uri;
    }

    /** Containers give the servlet context's path decoded or not; decode once either way. */
    private static String contextPathDecoded(String raw) {
        try {
            String canonical = PathCanonicalizer.canonicalizeEncoded(raw);
            return canonical.equals("/") ? "" : canonical;
        } catch (RuntimeException e) {
            return raw; // a name that does not decode (a literal '%'): encoded as it is
        }
    }

    private record ContextPath(String raw, String uri) {
    }

    /** The alternative as a reference: an absolute URI as written, a path under the application's context path. */
    private static String alternative(Tombstone tombstone, String context, boolean ascii) {
        URI alternative = tombstone.alternative();
        String text = ascii ? alternative.toASCIIString() : alternative.toString();
        return alternative.isAbsolute() ? text : context + text;
    }

    private static String link(Tombstone tombstone, String context) {
        String rel = "sunset".equals(tombstone.reason()) ? "successor-version" : "alternate";
        return "<" + alternative(tombstone, context, true) + ">; rel=\"" + rel + "\"";
    }

    /** {@code instance} starts with {@code context}, so it keys the rendered alternative too. */
    private byte[] jsonBody(Tombstone t, int status, String instance, String context, boolean simple) {
        int slot = System.identityHashCode(t) * 31 + instance.hashCode();
        RenderedBody cached = renderedBodies.get(slot);
        if (cached != null && cached.tombstone == t && cached.simple == simple && cached.instance.equals(instance)) {
            return cached.bytes;
        }
        byte[] bytes = simple ? renderSimple(t, status, context) : renderProblem(t, status, instance, context);
        renderedBodies.put(slot, new RenderedBody(t, instance, simple, bytes));
        return bytes;
    }

    /** A JSON body as written for {@code tombstone} at {@code instance}; {@code bytes} is never modified. */
    private record RenderedBody(Tombstone tombstone, String instance, boolean simple, byte[] bytes) {
    }

    private byte[] renderProblem(Tombstone t, int status, String instance, String context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", settings.problemType().toString());
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail(t, status));
        body.put("instance", instance);
        putPublicDetails(t, context, body);
        body.putAll(t.extensions());
        return toJson(body);
    }

    private static byte[] renderSimple(Tombstone t, int status, String context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", title(status));
        body.put("message", detail(t, status));
        putPublicDetails(t, context, body);
        body.putAll(t.extensions());
        return toJson(body);
    }

    private static void putPublicDetails(Tombstone t, String context, Map<String, Object> body) {
        if (t.deletedAt() != null) {
            body.put("deletedAt", t.deletedAt().toString());
        }
        if (t.reason() != null) {
            body.put("reason", t.reason());
        }
        if (t.alternative() != null) {
            body.put("alternative", alternative(t, context, false));
        }
    }

    private String renderHtml(Tombstone t, int status, String instance, String context) {
        Map<String, String> values = new HashMap<>();
        values.put("status", Integer.toString(status));
        values.put("title", title(status));
        values.put("heading", status == 451 ? LEGAL_HEADING : HEADING);
        values.put("message", detail(t, status));
        values.put("alternative", t.alternative() == null ? null : alternative(t, context, false));
        values.put("deletedAt", t.deletedAt() == null ? null : t.deletedAt().toString());
        values.put("deletedDate", t.deletedAt() == null ? null : readableDate.format(t.deletedAt()));
        values.put("reason", t.reason());
        values.put("path", instance);
        values.put("lang", settings.htmlLang());
        values.put("blockedBy", status == 451 && settings.blockedBy() != null ? settings.blockedBy().toString() : null);
        return htmlTemplate.render(values);
    }

    private static String title(int status) {
        return status == 451 ? "Unavailable For Legal Reasons" : "Gone";
    }

    private static String detail(Tombstone t, int status) {
        if (t.message() != null) {
            return t.message();
        }
        return status == 451 ? DEFAULT_LEGAL_DETAIL : DEFAULT_DETAIL;
    }

    private static byte[] toJson(Map<String, Object> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // cannot happen: values are strings, numbers, lists and maps
        }
    }
}
