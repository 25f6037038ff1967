package io.github.gonefilter.registry.redis;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/** Connections to one Redis server from a {@code redis://[user:password@]host[:port][/database]} URL. */
final class RedisConnections {

    static final String ENCODING_HINT = "write @, #, /, ? and % in a user or password as %40, %23, %2F, %3F and %25";

    private final HostAndPort address;
    private final JedisClientConfig commands;
    private final JedisClientConfig subscriber;

    RedisConnections(URI uri, Duration timeout) {
        if (atOutsideAuthority(uri)) {
            // A '#', '/' or '?' in the password ended the authority early: the rest would be read as path,
            // query or fragment, password included.
            throw new IllegalArgumentException("url has an '@' after the end of its user part: '" + redacted(uri)
                    + "' (" + ENCODING_HINT + ")");
        }
        String scheme = uri.getScheme();
        if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("url must be redis://host:port or rediss://host:port but was '"
                    + redacted(uri) + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("url has no host: '" + redacted(uri) + "' (" + ENCODING_HINT + ")");
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
            String user = colon < 0 ? null : decode(userInfo.substring(0, colon), "user");
            String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1), "password");
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

    /**
     * RFC 3986 percent-decoding of a userinfo part, as UTF-8: {@code %2B} is {@code +} and a plain {@code +}
     * stays {@code +} (URLDecoder is HTML form decoding, which turns it into a space). The error names the
     * part, never its value: it is a credential.
     */
    static String decode(String raw, String part) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) != '%') {
                int next = raw.indexOf('%', i);
                int end = next < 0 ? raw.length() : next;
                out.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8)); // whole runs: pairs stay whole
                i = end - 1;
                continue;
            }
            int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (lo < 0) {
                throw new IllegalArgumentException("url " + part + " has an invalid percent-encoding at index " + i
                        + " (write % as %25)");
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("url " + part + " is not percent-encoded UTF-8");
        }
    }

    /**
     * The URL without its credentials, for messages: everything between {@code //} and the last {@code @} is
     * hidden, whatever {@link URI} took for the authority (a {@code #}, {@code /} or {@code ?} in a password
     * ends it early).
     */
    static String redacted(URI uri) {
        return redacted(uri.toString());
    }

    static String redacted(String url) {
        int slashes = url.indexOf("//");
        int start = slashes >= 0 ? slashes + 2 : url.indexOf(':') + 1;
        int at = url.lastIndexOf('@');
        return at < start ? url : url.substring(0, start) + "***" + url.substring(at);
    }

    private static boolean atOutsideAuthority(URI uri) {
        String authority = uri.getRawAuthority();
        int inAuthority = authority == null ? 0 : (int) authority.chars().filter(c -> c == '@').count();
        return uri.toString().chars().filter(c -> c == '@').count() > inAuthority;
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
