package io.github.gonefilter.purge;

import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.TombstoneChange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/**
 * Purges one Varnish (or any cache that speaks the same requests, such as the VCL in
 * {@code examples/varnish/default.vcl}) over HTTP:
 *
 * <ul>
 *   <li>an exact path: {@code PURGE <context path + encoded path>}, which removes every {@code Vary} variant of
 *       that URL;</li>
 *   <li>a glob or regex: {@code BAN /} with {@code X-Ban-Url: <regex>} ({@link PurgeScope#urlRegex()}), which
 *       the VCL turns into a ban on the cached URL ({@code obj.http.x-url}) for that host;</li>
 *   <li>either way, {@code xkey-purge: <keys>} ({@link PurgeScope#surrogateKeys()}), which the VCL hands to the
 *       xkey module: with {@code surrogateKeys} on, this removes every spelling of the paths too.</li>
 * </ul>
 *
 * Varnish keys its cache by URL and {@code Host}; the {@link Builder#hosts hosts} to purge for are sent as
 * {@code X-Purge-Host}, which the VCL copies into {@code Host}. Without hosts, the request's own {@code Host} (the
 * endpoint's address) is used. Requests carry paths, patterns and keys only: never a message, reason or
 * alternative.
 */
public final class VarnishPurger implements CachePurger {

    private static final System.Logger LOG = System.getLogger(VarnishPurger.class.getName());

    private final URI endpoint;
    private final String base;
    private final List<String> hosts;
    private final Duration timeout;
    private final HttpClient client;

    private VarnishPurger(Builder b) {
        this.endpoint = b.endpoint;
        this.base = PurgeHttp.base(b.endpoint);
        this.hosts = b.hosts != null ? b.hosts : List.of();
        this.timeout = b.timeout != null ? b.timeout : PurgeHttp.DEFAULT_TIMEOUT;
        this.client = PurgeHttp.client(timeout);
    }

    /** A purger for the Varnish listening at {@code endpoint}, e.g. {@code http://127.0.0.1:6081}. */
    public static Builder builder(String endpoint) {
        // No path: purges go to the cached URLs' own paths.
        return new Builder(PurgeHttp.origin(endpoint, "Varnish endpoint"));
    }

    /** The hosts this purger purges for; empty: the endpoint's own address. */
    public List<String> hosts() {
        return hosts;
    }

    @Override
    public void purge(List<TombstoneChange> changes, String contextPath) throws Exception {
        for (TombstoneChange change : changes) {
            PurgeScope scope = PurgeScope.of(change.tombstone().pattern(), contextPath);
            String keys = String.join(" ", scope.surrogateKeys());
            if (!scope.urlRegexExact()) {
                LOG.log(System.Logger.Level.INFO, () -> "Banning every URL under " + scope.prefix() + " at " + endpoint
                        + " for " + scope + ": Varnish's PCRE would read the regex differently (Java-only syntax, or"
                        + " anchors inside it), so the ban is broader rather than narrower");
            }
            List<String> targets = hosts.isEmpty() ? java.util.Collections.singletonList(null) : hosts;
            for (int i = 0; i < targets.size(); i++) {
                send(scope, targets.get(i), i == 0 ? keys : null); // keys are the same for every host
            }
        }
    }

    private void send(PurgeScope scope, String host, String keys)
            throws IOException, InterruptedException, PurgeRejectedException {
        boolean exact = scope.pattern() instanceof PathPattern.Exact;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + (exact ? scope.url().orElseThrow() : "/")))
                .timeout(timeout)
                .method(exact ? "PURGE" : "BAN", HttpRequest.BodyPublishers.noBody());
        if (!exact) {
            request.header("X-Ban-Url", scope.urlRegex());
        }
        if (host != null) {
            request.header("X-Purge-Host", host);
        }
        if (keys != null) {
            request.header("xkey-purge", keys);
        }
        PurgeHttp.send(client, request.build(), (exact ? "PURGE " : "BAN ") + scope + " at " + endpoint);
    }

    @Override
    public String description() {
        return "varnish " + endpoint;
    }

    @Override
    public String toString() {
        return description() + (hosts.isEmpty() ? "" : " for " + String.join(", ", hosts));
    }

    /** Configures a {@link VarnishPurger}; every setter refuses a second call. */
    public static final class Builder {
        private final URI endpoint;
        private List<String> hosts;
        private Duration timeout;

        private Builder(URI endpoint) {
            this.endpoint = endpoint;
        }

        /**
         * The {@code Host} names clients use ({@code www.example.com}, {@code example.com:8443}), each purged
         * separately because Varnish keys its cache by host. Default: the endpoint's own address.
         */
        public Builder hosts(String... hosts) {
            PurgeHttp.requireUnset(this.hosts, "hosts");
            this.hosts = PurgeHttp.hosts(hosts);
            return this;
        }

        /** Bounds connecting and each purge request. Default 5 s. */
        public Builder timeout(Duration timeout) {
            PurgeHttp.requireUnset(this.timeout, "timeout");
            this.timeout = PurgeHttp.positive(timeout, "timeout");
            return this;
        }

        public VarnishPurger build() {
            return new VarnishPurger(this);
        }
    }
}
