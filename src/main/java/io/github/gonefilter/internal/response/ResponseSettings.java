package io.github.gonefilter.internal.response;

import io.github.gonefilter.response.CacheScope;
import io.github.gonefilter.response.HtmlTemplate;
import io.github.gonefilter.response.ResponseFormat;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How gone responses are rendered.
 *
 * @param format                 the JSON body format
 * @param html                   whether clients that prefer {@code text/html} get an HTML page (adds {@code Vary: Accept})
 * @param htmlTemplate           the page for browsers, or {@code null} for the built-in one
 * @param htmlErrorPage          a path in the application that browsers are forwarded to instead of the template,
 *                               or {@code null}; it is rendered with status and headers already set (and kept) and
 *                               the tombstone in the request attribute {@link GoneResponseWriter#TOMBSTONE_ATTRIBUTE}
 * @param htmlLang               the language of the HTML page ({@code lang} attribute, date format), a BCP 47 tag
 * @param problemType            the problem-details {@code type} member
 * @param blockedBy              for 451 responses, who implements the block (RFC 7725 {@code Link rel="blocked-by"}),
 *                               an http(s) URI, or {@code null}
 * @param defaultMaxAge          the cache lifetime for tombstones without {@code maxAge} whose reason has no default
 * @param maxAgeByReason         cache lifetimes by reason code, used when a tombstone has no {@code maxAge}
 * @param restorableMaxAge       the cache lifetime of restorable tombstones without {@code maxAge}, whatever their
 *                               reason: a restore cannot reach the caches that hold the answer
 * @param authenticatedResponses whether the answer to a request that carries {@code Authorization} (or that the
 *                               container reports as authenticated) is {@code public} or {@code private}
 */
public record ResponseSettings(
        ResponseFormat format,
        boolean html,
        HtmlTemplate htmlTemplate,
        String htmlErrorPage,
        String htmlLang,
        URI problemType,
        URI blockedBy,
        Duration defaultMaxAge,
        Map<String, Duration> maxAgeByReason,
        Duration restorableMaxAge,
        CacheScope authenticatedResponses) {

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

    /** One day, whatever the reason: a restorable tombstone may be restored, and caches would not notice. */
    public static final Duration DEFAULT_RESTORABLE_MAX_AGE = Duration.ofDays(1);

    /** {@code private}: a shared cache must not hand an authenticated request's answer to anyone else (RFC 9111, 3.5). */
    public static final CacheScope DEFAULT_AUTHENTICATED_RESPONSES = CacheScope.PRIVATE;

    public static final String DEFAULT_HTML_LANG = "en";

    public static final URI DEFAULT_PROBLEM_TYPE = URI.create("about:blank");

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    public ResponseSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(problemType, "problemType");
        Objects.requireNonNull(defaultMaxAge, "defaultMaxAge");
        Objects.requireNonNull(restorableMaxAge, "restorableMaxAge");
        Objects.requireNonNull(authenticatedResponses, "authenticatedResponses");
        Objects.requireNonNull(htmlLang, "htmlLang");
        if (htmlErrorPage != null && !htmlErrorPage.startsWith("/")) {
            throw new IllegalArgumentException("htmlErrorPage must be a path in the application starting with '/' but was '"
                    + htmlErrorPage + "'");
        }
        if (!LANGUAGE_TAG.matcher(htmlLang).matches()) {
            throw new IllegalArgumentException("htmlLang must be a BCP 47 language tag such as 'en' or 'de-CH' but was '"
                    + htmlLang + "'");
        }
        if (blockedBy != null && !isHttpUri(blockedBy)) {
            // It becomes a link on the HTML page: nothing but a web address may be clicked there.
            throw new IllegalArgumentException("blockedBy must be an http(s) URI with a host but was '" + blockedBy + "'");
        }
        requireNotNegative(defaultMaxAge, "defaultMaxAge");
        requireNotNegative(restorableMaxAge, "restorableMaxAge");
        Map<String, Duration> merged = new LinkedHashMap<>(DEFAULT_MAX_AGE_BY_REASON);
        if (maxAgeByReason != null) {
            maxAgeByReason.forEach((reason, age) -> {
                requireNotNegative(age, "maxAge for reason '" + reason + "'");
                merged.put(reason, age);
            });
        }
        maxAgeByReason = Map.copyOf(merged);
    }

    public static ResponseSettings defaults() {
        return new ResponseSettings(ResponseFormat.PROBLEM, true, null, null, DEFAULT_HTML_LANG, DEFAULT_PROBLEM_TYPE,
                null, DEFAULT_MAX_AGE, Map.of(), DEFAULT_RESTORABLE_MAX_AGE, DEFAULT_AUTHENTICATED_RESPONSES);
    }

    /** The locale of {@link #htmlLang}, for dates on the HTML page. */
    public Locale htmlLocale() {
        return Locale.forLanguageTag(htmlLang);
    }

    private static boolean isHttpUri(URI uri) {
        String scheme = uri.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                && uri.getHost() != null;
    }

    private static void requireNotNegative(Duration duration, String name) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative but was " + duration);
        }
    }
}
