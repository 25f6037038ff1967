package io.github.gonefilter.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.matching.PathCanonicalizer;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the filter's own responses: 410 and 451 with a problem-details (or simple) JSON body or an HTML
 * page, the plain 404 of {@link Visibility#NOT_FOUND}, the 400 for unreadable paths, and the warning
 * headers of scheduled removals. Responses are written directly, never through {@code sendError}, so the
 * container's error pages and conditional or range handling cannot turn them into something else.
 */
public final class GoneResponseWriter {

    /** Request attribute holding the {@link Tombstone} when forwarding to an HTML error page. */
    public static final String TOMBSTONE_ATTRIBUTE = "io.github.gonefilter.tombstone";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RENDERED_BODIES = 256;
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON_TYPE = "application/json";
    private static final String HTML_TYPE = "text/html;charset=UTF-8";
    private static final String DEFAULT_DETAIL = "This resource has been permanently removed.";
    private static final String DEFAULT_LEGAL_DETAIL = "This resource is unavailable for legal reasons.";
    private static final byte[] BAD_REQUEST_BODY = ("{\"type\":\"about:blank\",\"title\":\"Bad Request\","
            + "\"status\":400,\"detail\":\"The request path is not valid.\"}").getBytes(StandardCharsets.UTF_8);

    private final ResponseSettings settings;
    private final HtmlTemplate htmlTemplate;
    /**
     * Recently rendered JSON bodies, by tombstone instance and {@code instance} path: registries hand out
     * the same tombstone for a popular path, so its body is rendered once. Entries are immutable and
     * replaced whole; a race only costs a rendering.
     */
    private final RenderedBody[] renderedBodies = new RenderedBody[RENDERED_BODIES];

    public GoneResponseWriter(ResponseSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.htmlTemplate = settings.htmlTemplate() != null ? settings.htmlTemplate() : HtmlTemplate.builtIn();
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
        if (tombstone.visibility() == Visibility.NOT_FOUND) {
            // Exactly what the application says for a path it never had: the container's own 404.
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return HttpServletResponse.SC_NOT_FOUND;
        }
        int status = tombstone.visibility().status();
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Cache-Control", "public, max-age=" + maxAgeSeconds(tombstone, now));
        if (tombstone.alternative() != null) {
            response.setHeader("Link", link(tombstone));
        }
        if (status == 451 && settings.blockedBy() != null) {
            response.addHeader("Link", "<" + settings.blockedBy().toASCIIString() + ">; rel=\"blocked-by\"");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        String instance = request.getContextPath() + PathCanonicalizer.toUriPath(canonicalPath);
        byte[] body;
        if (settings.html()) {
            response.addHeader("Vary", "Accept");
        }
        boolean html = settings.html() && AcceptHeader.prefersHtml(request.getHeader("Accept"));
        if (html && settings.htmlErrorPage() != null) {
            // The application's own page in the site's layout; status and headers are already set.
            request.setAttribute(TOMBSTONE_ATTRIBUTE, tombstone);
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
            request.getRequestDispatcher(settings.htmlErrorPage()).forward(request, response);
            return status;
        }
        if (html) {
            response.setContentType(HTML_TYPE);
            body = renderHtml(tombstone, status, instance).getBytes(StandardCharsets.UTF_8);
        } else if (settings.format() == ResponseFormat.SIMPLE) {
            response.setContentType(JSON_TYPE);
            body = jsonBody(tombstone, status, instance, true);
        } else {
            response.setContentType(PROBLEM_JSON);
            body = jsonBody(tombstone, status, instance, false);
        }
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
        response.flushBuffer();
        return status;
    }

    /** A 400 for a request path that cannot be canonicalized; it reveals nothing about tombstones. */
    public void writeBadRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(PROBLEM_JSON);
        response.setContentLength(BAD_REQUEST_BODY.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(BAD_REQUEST_BODY);
        }
        response.flushBuffer();
    }

    /**
     * Adds {@code Sunset} (RFC 8594) and {@code Deprecation} (RFC 9745) to a response that passes through
     * before a scheduled removal, plus the {@code Link} to the alternative.
     */
    public void announce(HttpServletResponse response, Tombstone tombstone) {
        if (tombstone.goneFrom() == null || tombstone.visibility() == Visibility.NOT_FOUND) {
            return;
        }
        Instant deprecation = tombstone.deletedAt() != null && tombstone.deletedAt().isBefore(tombstone.goneFrom())
                ? tombstone.deletedAt() : tombstone.goneFrom();
        response.setHeader("Deprecation", "@" + deprecation.getEpochSecond());
        response.setHeader("Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                tombstone.goneFrom().atOffset(ZoneOffset.UTC)));
        if (tombstone.alternative() != null) {
            response.addHeader("Link", link(tombstone));
        }
    }

    /**
     * The tombstone's {@code maxAge}, else its reason's, else the default; never beyond {@code goneUntil},
     * so no cache keeps a 410 after the tombstone stops applying.
     */
    public long maxAgeSeconds(Tombstone tombstone, Instant now) {
        Duration maxAge = tombstone.maxAge();
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

    private static String link(Tombstone tombstone) {
        String rel = "sunset".equals(tombstone.reason()) ? "successor-version" : "alternate";
        return "<" + tombstone.alternative().toASCIIString() + ">; rel=\"" + rel + "\"";
    }

    private byte[] jsonBody(Tombstone t, int status, String instance, boolean simple) {
        int slot = (System.identityHashCode(t) * 31 + instance.hashCode()) & (RENDERED_BODIES - 1);
        RenderedBody cached = renderedBodies[slot];
        if (cached != null && cached.tombstone == t && cached.simple == simple && cached.instance.equals(instance)) {
            return cached.bytes;
        }
        byte[] bytes = simple ? renderSimple(t, status) : renderProblem(t, status, instance);
        renderedBodies[slot] = new RenderedBody(t, instance, simple, bytes);
        return bytes;
    }

    /** A JSON body as written for {@code tombstone} at {@code instance}; {@code bytes} is never modified. */
    private record RenderedBody(Tombstone tombstone, String instance, boolean simple, byte[] bytes) {
    }

    private byte[] renderProblem(Tombstone t, int status, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", settings.problemType().toString());
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail(t, status));
        body.put("instance", instance);
        putPublicDetails(t, body);
        body.putAll(t.extensions());
        return toJson(body);
    }

    private static byte[] renderSimple(Tombstone t, int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", title(status));
        body.put("message", detail(t, status));
        putPublicDetails(t, body);
        body.putAll(t.extensions());
        return toJson(body);
    }

    private static void putPublicDetails(Tombstone t, Map<String, Object> body) {
        if (t.deletedAt() != null) {
            body.put("deletedAt", t.deletedAt().toString());
        }
        if (t.reason() != null) {
            body.put("reason", t.reason());
        }
        if (t.alternative() != null) {
            body.put("alternative", t.alternative().toString());
        }
    }

    private String renderHtml(Tombstone t, int status, String instance) {
        Map<String, String> values = new HashMap<>();
        values.put("status", Integer.toString(status));
        values.put("title", title(status));
        values.put("message", detail(t, status));
        values.put("alternative", t.alternative() == null ? null : t.alternative().toString());
        values.put("deletedAt", t.deletedAt() == null ? null : t.deletedAt().toString());
        values.put("reason", t.reason());
        values.put("path", instance);
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
