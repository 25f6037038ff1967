package io.github.gonefilter.purge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.tombstone.TombstoneChange;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Purges a Fastly service through Fastly's purge API, authenticated by an API token with {@code purge_select}
 * scope ({@code Fastly-Key} header):
 *
 * <ul>
 *   <li>an exact path: {@code POST /purge/<host><context path + encoded path>} for each {@link Builder#hosts host}
 *       (Fastly keys its cache by host and URL, not scheme);</li>
 *   <li>every change: {@code POST /service/<service id>/purge} with {@code {"surrogate_keys": [...]}}, at most
 *       {@value #MAX_KEYS_PER_REQUEST} keys per request, for the keys the filter tags responses with when
 *       {@code surrogateKeys} is on ({@code Surrogate-Key} header, which Fastly strips from its answers). Fastly has
 *       no prefix or pattern purge: globs and regexes are purged by key only, so turn {@code surrogateKeys} on.</li>
 * </ul>
 *
 * Purges are hard (never {@code Fastly-Soft-Purge}): a soft-purged page may still be served stale.
 */
public final class FastlyPurger implements CachePurger {

    /** Fastly's limit for one bulk surrogate-key purge. */
    public static final int MAX_KEYS_PER_REQUEST = 256;
    public static final URI DEFAULT_API_BASE_URL = URI.create("https://api.fastly.com");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String serviceId;
    private final String apiToken;
    private final List<String> hosts;
    private final String base;
    private final Duration timeout;
    private final HttpClient client;

    private FastlyPurger(Builder b) {
        this.serviceId = b.serviceId;
        this.apiToken = b.apiToken;
        this.hosts = b.hosts;
        this.base = PurgeHttp.base(b.apiBaseUrl != null ? b.apiBaseUrl : DEFAULT_API_BASE_URL);
        this.timeout = b.timeout != null ? b.timeout : PurgeHttp.DEFAULT_TIMEOUT;
        this.client = PurgeHttp.client(timeout);
    }

    /**
     * @param serviceId the service's alphanumeric id
     * @param apiToken  an API token allowed to purge it; never logged
     */
    public static Builder builder(String serviceId, String apiToken) {
        return new Builder(serviceId, apiToken);
    }

    @Override
    public void purge(List<TombstoneChange> changes, String contextPath) throws Exception {
        Set<String> keys = new LinkedHashSet<>();
        for (TombstoneChange change : changes) {
            PurgeScope scope = PurgeScope.of(change.tombstone().pattern(), contextPath);
            if (scope.url().isPresent()) {
                for (String host : hosts) {
                    send(request("/purge/" + host + scope.url().get()).POST(HttpRequest.BodyPublishers.noBody()),
                            "Fastly URL purge of " + host + scope.url().get());
                }
            }
            keys.addAll(scope.surrogateKeys());
        }
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += MAX_KEYS_PER_REQUEST) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_KEYS_PER_REQUEST));
            String body = JSON.writeValueAsString(Map.of("surrogate_keys", chunk));
            send(request("/service/" + serviceId + "/purge").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), "Fastly key purge of " + chunk.size() + " keys");
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Fastly-Key", apiToken)
                .header("Accept", "application/json");
    }

    private void send(HttpRequest.Builder request, String what) throws Exception {
        PurgeHttp.send(client, request.build(), what);
    }

    @Override
    public String description() {
        return "fastly service " + serviceId;
    }

    @Override
    public String toString() {
        return description() + " for " + String.join(", ", hosts); // never the token
    }

    /** Configures a {@link FastlyPurger}; every setter refuses a second call. */
    public static final class Builder {
        private final String serviceId;
        private final String apiToken;
        private List<String> hosts;
        private URI apiBaseUrl;
        private Duration timeout;

        private Builder(String serviceId, String apiToken) {
            this.serviceId = PurgeHttp.id(serviceId, "Fastly serviceId");
            this.apiToken = PurgeHttp.token(apiToken, "Fastly apiToken");
        }

        /** The host names the service serves ({@code www.example.com}), whose URLs exact paths are purged for. */
        public Builder hosts(String... hosts) {
            PurgeHttp.requireUnset(this.hosts, "hosts");
            this.hosts = PurgeHttp.hosts(hosts);
            return this;
        }

        /** Where the API is; default {@code https://api.fastly.com}. Tests point it at a local server. */
        public Builder apiBaseUrl(URI apiBaseUrl) {
            PurgeHttp.requireUnset(this.apiBaseUrl, "apiBaseUrl");
            this.apiBaseUrl = PurgeHttp.httpUrl(Objects.requireNonNull(apiBaseUrl, "apiBaseUrl").toString(), "apiBaseUrl");
            return this;
        }

        /** Bounds connecting and each API request. Default 5 s. */
        public Builder timeout(Duration timeout) {
            PurgeHttp.requireUnset(this.timeout, "timeout");
            this.timeout = PurgeHttp.positive(timeout, "timeout");
            return this;
        }

        /** @throws IllegalStateException without {@link #hosts} */
        public FastlyPurger build() {
            if (hosts == null) {
                throw new IllegalStateException("a FastlyPurger needs the hosts its service serves: hosts(...)");
            }
            return new FastlyPurger(this);
        }
    }
}
