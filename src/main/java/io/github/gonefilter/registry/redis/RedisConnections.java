package io.github.gonefilter.registry.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/** Connections to one Redis server from a {@code redis://[user:password@]host[:port][/database]} URL. */
final class RedisConnections {

    private final HostAndPort address;
    private final JedisClientConfig commands;
    private final JedisClientConfig subscriber;

    RedisConnections(URI uri, Duration timeout) {
        String scheme = uri.getScheme();
        if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("url must be redis://host:port or rediss://host:port but was '" + uri + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("url has no host: '" + uri + "'");
        }
        this.address = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.commands = config(uri).connectionTimeoutMillis(millis).socketTimeoutMillis(millis).build();
        // A subscribed connection is silent for long stretches: no read timeout.
        this.subscriber = config(uri).connectionTimeoutMillis(millis).socketTimeoutMillis(0).build();
    }

    private static DefaultJedisClientConfig.Builder config(URI uri) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .ssl("rediss".equalsIgnoreCase(uri.getScheme())).clientName("gone-filter");
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? null : decode(userInfo.substring(0, colon));
            String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
            if (user != null && !user.isEmpty()) {
                b.user(user);
            }
            b.password(password);
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                b.database(Integer.parseInt(path.substring(1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("url path must be a database number but was '" + path + "'");
            }
        }
        return b;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    String address() {
        return address.toString();
    }

    JedisPooled pooled() {
        return new JedisPooled(address, commands);
    }

    Jedis subscriber() {
        return new Jedis(address, subscriber);
    }
}
