package io.github.gonefilter.response;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How gone responses are rendered.
 *
 * @param format          the JSON body format
 * @param html            whether clients that prefer {@code text/html} get an HTML page (adds {@code Vary: Accept})
 * @param htmlTemplate    the page for browsers, or {@code null} for the built-in one
 * @param htmlErrorPage   a path in the application that browsers are forwarded to instead of the template, or
 *                        {@code null}; it is rendered with status and headers already set and the tombstone in
 *                        the request attribute {@link GoneResponseWriter#TOMBSTONE_ATTRIBUTE}
 * @param problemType     the problem-details {@code type} member
 * @param blockedBy       for 451 responses, who implements the block (RFC 7725 {@code Link rel="blocked-by"}), or
 *                        {@code null}
 * @param defaultMaxAge   the cache lifetime for tombstones without {@code maxAge} whose reason has no default
 * @param maxAgeByReason  cache lifetimes by reason code, used when a tombstone has no {@code maxAge}
 */
public record ResponseSettings(
        ResponseFormat format,
        boolean html,
        HtmlTemplate htmlTemplate,
        String htmlErrorPage,
        URI problemType,
        URI blockedBy,
        Duration defaultMaxAge,
        Map<String, Duration> maxAgeByReason) {

    /** One day: long enough to spare the origin, short enough to undo a mistaken deletion. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);

    /**
     * Built-in lifetimes for reasons whose removal is rarely undone. Anything else (a user's own deletion,
     * legal takedowns that a counter-notice may reverse) keeps the one-day default.
     */
    public static final Map<String, Duration> DEFAULT_MAX_AGE_BY_REASON = Map.of(
            "expired", Duration.ofDays(30),
            "sunset", Duration.ofDays(30),
            "discontinued", Duration.ofDays(365));

    public static final URI DEFAULT_PROBLEM_TYPE = URI.create("about:blank");

    public ResponseSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(problemType, "problemType");
        Objects.requireNonNull(defaultMaxAge, "defaultMaxAge");
        if (htmlErrorPage != null && !htmlErrorPage.startsWith("/")) {
            throw new IllegalArgumentException("htmlErrorPage must be a path in the application starting with '/' but was '"
                    + htmlErrorPage + "'");
        }
        if (defaultMaxAge.isNegative()) {
            throw new IllegalArgumentException("defaultMaxAge must not be negative but was " + defaultMaxAge);
        }
        Map<String, Duration> merged = new LinkedHashMap<>(DEFAULT_MAX_AGE_BY_REASON);
        if (maxAgeByReason != null) {
            maxAgeByReason.forEach((reason, age) -> {
                if (age.isNegative()) {
                    throw new IllegalArgumentException("maxAge for reason '" + reason + "' must not be negative");
                }
                merged.put(reason, age);
            });
        }
        maxAgeByReason = Map.copyOf(merged);
    }

    public static ResponseSettings defaults() {
        return new ResponseSettings(ResponseFormat.PROBLEM, true, null, null, DEFAULT_PROBLEM_TYPE, null, DEFAULT_MAX_AGE, Map.of());
    }
}
