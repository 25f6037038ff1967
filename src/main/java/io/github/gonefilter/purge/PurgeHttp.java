package io.github.gonefilter.purge;

import java.io.IOException;
import java.net.URI;
import java.net.ConnectException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** What the built-in purgers share: one {@link HttpClient} each, bounded calls, and how a status is judged. */
final class PurgeHttp {

    /** Bounds connecting and each whole request, so a cache that stalls only delays its own queue. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** A host name or address, with an optional port; {@code [...]} for IPv6. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    private PurgeHttp() {
    }

    /** Never follows redirects: purges go to the configured endpoint and nowhere else. */
    static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends {@code request} and returns the body of a 2xx answer.
     *
     * @throws PurgeRejectedException for a 3xx or a 4xx other than 408 and 429: retrying would not help
     * @throws IOException            when unreachable, timed out, or for 408, 429 and 5xx: worth retrying
     */
    static String send(HttpClient client, HttpRequest request, String what)
            throws IOException, InterruptedException, PurgeRejectedException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException | ConnectException e) {
            throw e; // nobody answers: the queue's backoff deals with it
        } catch (IOException e) {
            // A kept-alive connection the cache closed while idle (Varnish's timeout_idle is 5 s, as is the default
            // repeat-after): the client does not retry PURGE or BAN itself. Once at once, on a fresh connection.
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String message = what + " answered " + status + excerpt(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            throw new IOException(message);
        }
        throw new PurgeRejectedException(message);
    }

    /** The start of a response body for a log line, on one line. */
    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?");
        return ": " + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine);
    }

    /**
     * An {@code http} or {@code https} URL with a host and nothing after its path; no user info (credentials belong in
     * headers, never in a URL that ends up in logs).
     *
     * @param what names the setting in the error, e.g. {@code purge endpoint}
     */
    static URI httpUrl(String value, String what) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a URL: " + e.getReason(), e);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(what + " must not carry user info (credentials) in the URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " '" + value + "' must be an http or https URL with a host,"
                    + " such as http://127.0.0.1:6081");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " '" + value + "' must not have a query or a fragment");
        }
        return uri;
    }

    /** {@link #httpUrl} with no path either: a scheme, a host and an optional port, such as {@code http://127.0.0.1:6081}. */
    static URI origin(String value, String what) {
        URI uri = httpUrl(Objects.requireNonNull(value, what), what);
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException(what + " '" + value + "' must be a scheme and host only (no path),"
                    + " such as " + uri.getScheme() + "://" + uri.getRawAuthority());
        }
        return uri;
    }

    /** An API's id for a service or zone: letters and digits only, as it goes into the request path. */
    static String id(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be alphanumeric but was '" + value + "'");
        }
        return value;
    }

    /** An API token: visible ASCII, as it goes into a header. Never echoed in the error. */
    static String token(String value, String what) {
        if (value == null || value.isBlank() || value.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException(what + " must be a non-blank token of visible ASCII characters");
        }
        return value;
    }

    /** {@code uri} without a trailing slash, for appending paths. */
    static String base(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    static Duration positive(Duration timeout, String what) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(what + " must be positive but was " + timeout);
        }
        return timeout;
    }

    /** Host names or addresses with an optional port ({@code www.example.com}, {@code 127.0.0.1:8080}); at least one. */
    static List<String> hosts(String... hosts) {
        List<String> checked = new ArrayList<>();
        for (String host : hosts) {
            String h = Objects.requireNonNull(host, "host").strip();
            if (!HOST.matcher(h).matches()) {
                throw new IllegalArgumentException("host '" + host + "' must be a host name or address with an"
                        + " optional port, such as www.example.com or 127.0.0.1:8080");
            }
            checked.add(h);
        }
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("hosts must name at least one host");
        }
        return List.copyOf(checked);
    }

    static void requireUnset(Object value, String what) {
        if (value != null) {
            throw new IllegalStateException(what + " was already set");
        }
    }
}
