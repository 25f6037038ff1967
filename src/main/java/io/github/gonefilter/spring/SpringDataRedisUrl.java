package io.github.gonefilter.spring;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The {@code redis://} URL that Spring Boot's own {@code spring.data.redis.*} properties describe, so that the
 * Redis registry reaches the server the application already configured: {@code spring.data.redis.url} as it is,
 * else {@code host}, {@code port}, {@code username}, {@code password}, {@code database} and {@code ssl.enabled},
 * with Boot's defaults ({@code localhost:6379}, database 0). Read with Boot's binder, so environment variables
 * such as {@code SPRING_DATA_REDIS_HOST} count too. Spring Data Redis itself is not needed.
 */
final class SpringDataRedisUrl {

    private static final String PREFIX = "spring.data.redis.";

    private SpringDataRedisUrl() {
    }

    static String of(Environment environment) {
        Binder binder = Binder.get(environment);
        String url = binder.bind(PREFIX + "url", String.class).orElse("");
        if (!url.isBlank()) {
            return url.trim();
        }
        String host = binder.bind(PREFIX + "host", String.class).orElse("localhost");
        int port = binder.bind(PREFIX + "port", Integer.class).orElse(6379);
        String username = binder.bind(PREFIX + "username", String.class).orElse("");
        String password = binder.bind(PREFIX + "password", String.class).orElse("");
        int database = binder.bind(PREFIX + "database", Integer.class).orElse(0);
        boolean ssl = binder.bind(PREFIX + "ssl.enabled", Boolean.class).orElse(false);
        StringBuilder out = new StringBuilder(ssl ? "rediss://" : "redis://");
        if (!username.isEmpty() || !password.isEmpty()) {
            out.append(encode(username)).append(':').append(encode(password)).append('@');
        }
        out.append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host); // an IPv6 literal
        out.append(':').append(port).append('/').append(database);
        return out.toString();
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters, as the registry decodes user info. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
