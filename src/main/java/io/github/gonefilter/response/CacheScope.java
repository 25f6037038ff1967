package io.github.gonefilter.response;

import java.util.Locale;

/** Which caches may store a gone response: the {@code Cache-Control} directive it carries. */
public enum CacheScope {
    /** {@code public}: shared caches (CDNs, proxies) may store it and hand it to anyone. */
    PUBLIC("public"),
    /** {@code private}: only the client's own cache may store it (RFC 9111, section 5.2.2.7). */
    PRIVATE("private");

    private final String directive;

    CacheScope(String directive) {
        this.directive = directive;
    }

    /** The {@code Cache-Control} directive: {@code public} or {@code private}. */
    public String directive() {
        return directive;
    }

    /** @throws IllegalArgumentException naming the value unless it is {@code public} or {@code private} */
    public static CacheScope fromCode(String code) {
        return switch (code.trim().toLowerCase(Locale.ROOT)) {
            case "public" -> PUBLIC;
            case "private" -> PRIVATE;
            default -> throw new IllegalArgumentException("must be 'private' or 'public' but was '" + code + "'");
        };
    }
}
