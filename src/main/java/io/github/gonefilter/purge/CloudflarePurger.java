package io.github.gonefilter.purge;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Purges a Cloudflare zone through its cache purge API ({@code POST /zones/<zone id>/purge_cache}, authenticated
 * with an API token that has the Cache Purge permission, sent as {@code Authorization: Bearer}):
 *
 * <ul>
 *   <li>exact paths by URL: {@code {"files": ["https://www.example.com/articles/7", ...]}}, one URL per
 *       {@link Builder#sites site} (Cloudflare's cache key includes the scheme);</li>
 *   <li>globs and regexes by prefix: {@code {"prefixes": ["www.example.com/blog", ...]}}, the directory of their
 *       literal beginning ({@link PurgeScope#prefix()}), which may also purge neighbours: harmless.</li>
 * </ul>
 *
 * Each request carries at most {@link Builder#operationsPerRequest operationsPerRequest} URLs or prefixes (default
 * {@value #DEFAULT_OPERATIONS_PER_REQUEST}, which every plan accepts). An answer with {@code "success": false} is a
 * refusal. Cloudflare limits purge requests per minute by plan; a 429 is retried with backoff like any outage.
 */
public final class CloudflarePurger implements CachePurger {

    public static final int DEFAULT_OPERATIONS_PER_REQUEST = 30;
    public static final URI DEFAULT_API_BASE_URL = URI.create("https://api.cloudflare.com/client/v4");
    /** Cloudflare's limit of path separators in one prefix; deeper directories are purged by an ancestor. */
    static final int MAX_PREFIX_SEPARATORS = 31;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String zoneId;
    private final String apiToken;
    private final List<URI> sites;
    private final String endpoint;
    private final int operationsPerRequest;
    private final Duration timeout;
    private final HttpClient client;

    private CloudflarePurger(Builder b) {
        this.zoneId = b.zoneId;
        this.apiToken = b.apiToken;
        this.sites = b.sites;
        this.endpoint = PurgeHttp.base(b.apiBaseUrl != null ? b.apiBaseUrl : DEFAULT_API_BASE_URL)
                + "/zones/" + zoneId + "/purge_cache";
        this.operationsPerRequest = b.operationsPerRequest != null ? b.operationsPerRequest : DEFAULT_OPERATIONS_PER_REQUEST;
        this.timeout = b.timeout != null ? b.timeout : PurgeHttp.DEFAULT_TIMEOUT;
        this.client = PurgeHttp.client(timeout);
    }

    /**
     * @param zoneId   the zone's id
     * @param apiToken an API token with permission to purge the zone's cache; never logged
     */
    public static Builder builder(String zoneId, String apiToken) {
        return new Builder(zoneId, apiToken);
    }

    @Override
    public void purge(List<TombstoneChange> changes, String contextPath) throws Exception {
        Set<String> files = new LinkedHashSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        for (TombstoneChange change : changes) {
            PurgeScope scope = PurgeScope.of(change.tombstone().pattern(), contextPath);
            for (URI site : sites) {
                if (scope.url().isPresent()) {
                    files.add(PurgeHttp.base(site) + scope.url().get());
                } else {
                    prefixes.add(withinSeparatorLimit(site.getRawAuthority() + scope.prefix()));
                }
            }
        }
        send("files", files);
        send("prefixes", prefixes);
    }

    private void send(String member, Set<String> values) throws Exception {
        List<String> all = new ArrayList<>(values);
        for (int from = 0; from < all.size(); from += operationsPerRequest) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + operationsPerRequest));
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + apiToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(member, chunk))))
                    .build();
            String what = "Cloudflare purge of " + chunk.size() + " " + member + " in zone " + zoneId;
            JsonNode answer = JSON.readTree(PurgeHttp.send(client, request, what));
            if (answer == null || !answer.path("success").asBoolean(false)) {
                throw new PurgeRejectedException(what + " was refused: " + (answer == null ? "empty answer"
                        : answer.path("errors").toString()));
            }
        }
    }

    /** A prefix with at most {@link #MAX_PREFIX_SEPARATORS} slashes: cut at a segment boundary, it covers more. */
    private static String withinSeparatorLimit(String prefix) {
        int slashes = 0;
        for (int i = 0; i < prefix.length(); i++) {
            if (prefix.charAt(i) == '/' && ++slashes > MAX_PREFIX_SEPARATORS) {
                return prefix.substring(0, i);
            }
        }
        return prefix;
    }

    @Override
    public String description() {
        return "cloudflare zone " + zoneId;
    }

    @Override
    public String toString() {
        return description() + " for " + sites; // never the token
    }

    /** Configures a {@link CloudflarePurger}; every setter refuses a second call. */
    public static final class Builder {
        private final String zoneId;
        private final String apiToken;
        private List<URI> sites;
        private URI apiBaseUrl;
        private Integer operationsPerRequest;
        private Duration timeout;

        private Builder(String zoneId, String apiToken) {
            this.zoneId = PurgeHttp.id(zoneId, "Cloudflare zoneId");
            this.apiToken = PurgeHttp.token(apiToken, "Cloudflare apiToken");
        }

        /**
         * The sites the zone serves, scheme and host as clients use them: {@code https://www.example.com}; list
         * {@code http://} too if the cache holds both.
         */
        public Builder sites(String... sites) {
            PurgeHttp.requireUnset(this.sites, "sites");
            List<URI> checked = new ArrayList<>();
            for (String site : sites) {
                checked.add(PurgeHttp.origin(site, "Cloudflare site"));
            }
            if (checked.isEmpty()) {
                throw new IllegalArgumentException("sites must name at least one site");
            }
            this.sites = List.copyOf(checked);
            return this;
        }

        /** Where the API is; default {@code https://api.cloudflare.com/client/v4}. Tests point it at a local server. */
        public Builder apiBaseUrl(URI apiBaseUrl) {
            PurgeHttp.requireUnset(this.apiBaseUrl, "apiBaseUrl");
            this.apiBaseUrl = PurgeHttp.httpUrl(Objects.requireNonNull(apiBaseUrl, "apiBaseUrl").toString(), "apiBaseUrl");
            return this;
        }

        /** URLs or prefixes per API request, 1 to 500 (the Enterprise limit). Default 30, accepted on every plan. */
        public Builder operationsPerRequest(int operations) {
            PurgeHttp.requireUnset(this.operationsPerRequest, "operationsPerRequest");
            if (operations < 1 || operations > 500) {
                throw new IllegalArgumentException("operationsPerRequest must be 1 to 500 but was " + operations);
            }
            this.operationsPerRequest = operations;
            return this;
        }

        /** Bounds connecting and each API request. Default 5 s. */
        public Builder timeout(Duration timeout) {
            PurgeHttp.requireUnset(this.timeout, "timeout");
            this.timeout = PurgeHttp.positive(timeout, "timeout");
            return this;
        }

        /** @throws IllegalStateException without {@link #sites} */
        public CloudflarePurger build() {
            if (sites == null) {
                throw new IllegalStateException("a CloudflarePurger needs the sites its zone serves: sites(...)");
            }
            return new CloudflarePurger(this);
        }
    }
}
