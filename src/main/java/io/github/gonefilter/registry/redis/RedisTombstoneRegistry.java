package io.github.gonefilter.registry.redis;

import static io.github.gonefilter.internal.registry.Checks.positive;
import static io.github.gonefilter.internal.registry.Checks.requireUnset;

import io.github.gonefilter.registry.sync.SyncingTombstoneRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Tombstones shared by every node through Redis (with the Jedis client, an optional dependency). Each node
 * serves lookups from its own in-memory snapshot and never waits on Redis; {@link #bury} and
 * {@link #restore} write to Redis, and every node picks the change up through pub/sub within milliseconds,
 * or within the {@link Builder#syncInterval sync interval} if a message is lost. Outage behaviour and memory
 * use at scale are those of {@link SyncingTombstoneRegistry}. See {@code docs/shared-registries.md} for the
 * keys.
 *
 * <pre>{@code
 * RedisTombstoneRegistry registry = RedisTombstoneRegistry.builder("redis://127.0.0.1:6379")
 *         .snapshotFile(Path.of("/var/cache/myapp/tombstones.bin"))
 *         .build();
 * }</pre>
 */
public final class RedisTombstoneRegistry extends SyncingTombstoneRegistry {

    /** The default key prefix: keys are {@code {gone-filter}:tombstones} and so on. */
    public static final String DEFAULT_PREFIX = "gone-filter";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private RedisTombstoneRegistry(RedisTombstoneStore store, Builder builder) {
        super(store, builder);
    }

    @Override
    protected String kind() {
        return "redis";
    }

    /**
     * Starts a registry for {@code redis://[user:password@]host[:port][/database]} ({@code rediss://} for TLS).
     * User and password are percent-decoded as RFC 3986 says: {@code +} is a plus sign, and {@code %}, {@code @},
     * {@code /}, {@code ?} and {@code #} in them are written {@code %25}, {@code %40}, {@code %2F}, {@code %3F}
     * and {@code %23}. Error messages never repeat the credentials.
     */
    public static Builder builder(String url) {
        Objects.requireNonNull(url, "url");
        try {
            return new Builder(new URI(url));
        } catch (URISyntaxException e) {
            // Not e.getMessage(): it repeats the URL, password included.
            throw new IllegalArgumentException("url is not a valid URI: " + e.getReason() + " at index " + e.getIndex()
                    + ": '" + RedisConnections.redacted(url) + "' (" + RedisConnections.ENCODING_HINT + ")");
        }
    }

    public static Builder builder(URI url) {
        return new Builder(Objects.requireNonNull(url, "url"));
    }

    /** Configures a {@link RedisTombstoneRegistry}; every setting may be given once. */
    public static final class Builder extends SyncingTombstoneRegistry.Builder<Builder> {
        private final URI url;
        private String prefix;
        private Duration timeout;

        private Builder(URI url) {
            this.url = url;
        }

        /** The key prefix, so several sites can share one Redis; default {@value #DEFAULT_PREFIX}. */
        public Builder keyPrefix(String prefix) {
            requireUnset(this.prefix, "keyPrefix");
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("keyPrefix must match " + PREFIX.pattern() + " but was '"
                        + prefix + "'");
            }
            this.prefix = prefix;
            return this;
        }

        /** Connect and read timeout of each command; default 2 seconds. */
        public Builder timeout(Duration timeout) {
            requireUnset(this.timeout, "timeout");
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** Connects, loads the tombstones (or the snapshot file if Redis is unreachable) and starts syncing. */
        public RedisTombstoneRegistry build() {
            RedisConnections connections = new RedisConnections(url, timeout != null ? timeout : Duration.ofSeconds(2));
            return new RedisTombstoneRegistry(new RedisTombstoneStore(connections, prefix != null ? prefix : DEFAULT_PREFIX),
                    this);
        }
    }
}
