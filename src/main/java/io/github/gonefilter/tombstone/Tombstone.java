package io.github.gonefilter.tombstone;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The record that a path, or a pattern of paths, was deliberately removed. Immutable; every field that
 * may be rendered is public by design: nothing private (who deleted, from where, internal notes) belongs
 * here.
 *
 * @param pattern     what the tombstone covers; required
 * @param deletedAt   when the resource was removed, or {@code null}; like {@code goneFrom} and {@code goneUntil}
 *                    kept at whole seconds (a finer instant is truncated), so every body renders it alike
 * @param reason      a short public code such as {@code user_request}, {@code sunset}, {@code gdpr}, or {@code null}
 * @param message     public text for the response body, or {@code null} for a generic one
 * @param alternative where the content lives now (rendered as a {@code Link} header), or {@code null}
 * @param maxAge      how long caches may keep the answer, or {@code null} for the configured default
 * @param goneFrom    the tombstone applies from this instant on (before it, requests pass), or {@code null}
 * @param goneUntil   the tombstone no longer applies from this instant on, or {@code null}
 * @param visibility  how the removal is presented; {@link Visibility#GONE} if {@code null} is given
 * @param restorable  whether the resource may be brought back without force
 * @param extensions  extra public members for the response body (strings, numbers, booleans, lists, maps)
 * @param mode        whether the tombstone answers before the application or only when it answers 404; {@code null}
 *                    for the filter's default ({@link TombstoneMode#SHORT_CIRCUIT} unless configured otherwise)
 */
public record Tombstone(
        PathPattern pattern,
        Instant deletedAt,
        String reason,
        String message,
        URI alternative,
        Duration maxAge,
        Instant goneFrom,
        Instant goneUntil,
        Visibility visibility,
        boolean restorable,
        Map<String, Object> extensions,
        TombstoneMode mode) {

    /** Members of the problem-details body that extensions may not replace. */
    public static final Set<String> RESERVED_MEMBERS = Set.of(
            "type", "title", "status", "detail", "instance", "deletedAt", "reason", "alternative", "error", "message");

    private static final Pattern REASON = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final int MAX_MESSAGE_LENGTH = 4000;

    public Tombstone {
        Objects.requireNonNull(pattern, "pattern");
        String where = " (tombstone " + pattern.key() + ")";
        if (reason != null && !isReasonCode(reason)) {
            throw new IllegalArgumentException("reason must be a short lower-case code matching " + REASON.pattern()
                    + " but was '" + reason + "'" + where);
        }
        if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message must be at most " + MAX_MESSAGE_LENGTH
                    + " characters but has " + message.length() + where);
        }
        if (alternative != null && !isSafeLink(alternative)) {
            throw new IllegalArgumentException("alternative must be an http(s) URI with a host or a path starting"
                    + " with a single '/' (not '//' or '/\\') but was '" + alternative + "'" + where);
        }
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative but was " + maxAge + where);
        }
        deletedAt = wholeSeconds(deletedAt);
        goneFrom = wholeSeconds(goneFrom);
        goneUntil = wholeSeconds(goneUntil);
        if (goneFrom != null && goneUntil != null && !goneFrom.isBefore(goneUntil)) {
            throw new IllegalArgumentException("goneFrom (" + goneFrom + ") must be before goneUntil ("
                    + goneUntil + ")" + where);
        }
        if (visibility == null) {
            visibility = Visibility.GONE;
        }
        extensions = copyExtensions(extensions, where);
    }

    /** A tombstone with the filter's default {@link #mode() mode}, as before modes existed. */
    public Tombstone(PathPattern pattern, Instant deletedAt, String reason, String message, URI alternative,
            Duration maxAge, Instant goneFrom, Instant goneUntil, Visibility visibility, boolean restorable,
            Map<String, Object> extensions) {
        this(pattern, deletedAt, reason, message, alternative, maxAge, goneFrom, goneUntil, visibility, restorable,
                extensions, null);
    }

    /**
     * This tombstone's {@link #mode() mode}; when it names none, {@code defaultMode} (the filter's {@code mode}) for a
     * {@link Visibility#GONE gone} tombstone, and short-circuit for a legal block or an erasure: a site-wide
     * fallback must not let the application serve what a court or an erasure request took down. Such a tombstone
     * yields to the application only when it says {@code "mode": "fallback"} itself.
     */
    public TombstoneMode modeOr(TombstoneMode defaultMode) {
        if (mode != null) {
            return mode;
        }
        return visibility == Visibility.GONE ? defaultMode : TombstoneMode.SHORT_CIRCUIT;
    }

    /**
     * Whether {@code text} is a valid {@link #reason() reason}: a short lower-case code such as {@code gdpr} or
     * {@code user_request}, matching {@code [a-z0-9][a-z0-9_.-]{0,63}}.
     */
    public static boolean isReasonCode(String text) {
        return text != null && REASON.matcher(text).matches();
    }

    /** A tombstone for a path or glob with every optional field left empty. */
    public static Tombstone of(String pathOrGlob) {
        return builder(pathOrGlob).build();
    }

    /** Starts a tombstone for an exact path or an Ant-style glob. */
    public static Builder builder(String pathOrGlob) {
        return new Builder(PathPattern.of(pathOrGlob));
    }

    /** Starts a tombstone for a regular expression matched against the whole canonical path. */
    public static Builder regexBuilder(String expression) {
        return new Builder(PathPattern.regex(expression));
    }

    public static Builder builder(PathPattern pattern) {
        return new Builder(pattern);
    }

    /** A builder holding every field of this tombstone, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(pattern);
        b.deletedAt = deletedAt;
        b.reason = reason;
        b.message = message;
        b.alternative = alternative;
        b.maxAge = maxAge;
        b.goneFrom = goneFrom;
        b.goneUntil = goneUntil;
        b.visibility = visibility;
        b.restorable = restorable;
        b.extensions = extensions;
        b.mode = mode;
        return b;
    }

    /** Whether the tombstone is in force at {@code now}: inside its [goneFrom, goneUntil) window. */
    public boolean isActiveAt(Instant now) {
        return !isScheduledAt(now) && !isExpiredAt(now);
    }

    /** Whether {@code now} is before {@code goneFrom}: the removal is announced but not yet in force. */
    public boolean isScheduledAt(Instant now) {
        return goneFrom != null && now.isBefore(goneFrom);
    }

    /** Whether {@code now} is at or after {@code goneUntil}: the tombstone no longer applies at all. */
    public boolean isExpiredAt(Instant now) {
        return goneUntil != null && !now.isBefore(goneUntil);
    }

    /** Seconds are what HTTP dates, {@code Deprecation} and readers use; nanoseconds from a clock are noise. */
    private static Instant wholeSeconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Only http(s) URIs with a host and path-absolute references: a {@code javascript:} link in the HTML page
     * would be an XSS hole, and a reference a browser reads as protocol-relative ({@code //host},
     * {@code /\host}, which WHATWG URL parsing treats alike for http(s)) would lead to another site.
     */
    private static boolean isSafeLink(URI uri) {
        String text = uri.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Browsers drop tabs and newlines anywhere and trim spaces and controls: none may hide a prefix.
            if (c <= 0x20 || c == 0x7f || Character.isISOControl(c) || Character.isWhitespace(c)
                    || Character.isSpaceChar(c)) {
                return false;
            }
        }
        if (uri.isAbsolute()) {
            String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        }
        return text.length() >= 1 && text.charAt(0) == '/'
                && (text.length() == 1 || (text.charAt(1) != '/' && text.charAt(1) != '\\'))
                && uri.getRawAuthority() == null && uri.getRawPath() != null && uri.getRawPath().startsWith("/");
    }

    private static Map<String, Object> copyExtensions(Map<String, Object> extensions, String where) {
        if (extensions == null || extensions.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : extensions.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("extension names must not be blank" + where);
            }
            if (RESERVED_MEMBERS.contains(name)) {
                throw new IllegalArgumentException("extension '" + name + "' would replace a standard member"
                        + where);
            }
            copy.put(name, immutableJsonValue(e.getValue(), "extensions." + name, where));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object immutableJsonValue(Object value, String field, String where) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(immutableJsonValue(list.get(i), field + "[" + i + "]", where));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                copy.put(key, immutableJsonValue(e.getValue(), field + "." + key, where));
            }
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException(field + " must be a string, number, boolean, list or map but was a "
                + value.getClass().getName() + where);
    }

    /** Builds a {@link Tombstone}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final PathPattern pattern;
        private Instant deletedAt;
        private String reason;
        private String message;
        private URI alternative;
        private Duration maxAge;
        private Instant goneFrom;
        private Instant goneUntil;
        private Visibility visibility = Visibility.GONE;
        private boolean restorable;
        private Map<String, Object> extensions = Map.of();
        private TombstoneMode mode;

        private Builder(PathPattern pattern) {
            this.pattern = Objects.requireNonNull(pattern, "pattern");
        }

        public Builder deletedAt(Instant deletedAt) {
            this.deletedAt = deletedAt;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder alternative(URI alternative) {
            this.alternative = alternative;
            return this;
        }

        /** @throws IllegalArgumentException naming the tombstone if {@code alternative} is not a URI */
        public Builder alternative(String alternative) {
            try {
                this.alternative = alternative == null ? null : new URI(alternative);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("alternative must be an http(s) URI or a path starting with a"
                        + " single '/' but was '" + alternative + "': " + e.getReason()
                        + " (tombstone " + pattern.key() + ")", e);
            }
            return this;
        }

        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        public Builder goneFrom(Instant goneFrom) {
            this.goneFrom = goneFrom;
            return this;
        }

        public Builder goneUntil(Instant goneUntil) {
            this.goneUntil = goneUntil;
            return this;
        }

        public Builder visibility(Visibility visibility) {
            this.visibility = visibility;
            return this;
        }

        public Builder restorable(boolean restorable) {
            this.restorable = restorable;
            return this;
        }

        public Builder extensions(Map<String, ?> extensions) {
            this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
            return this;
        }

        public Builder extension(String name, Object value) {
            Map<String, Object> copy = new LinkedHashMap<>(extensions);
            copy.put(name, value);
            this.extensions = copy;
            return this;
        }

        /** Whether the tombstone answers before the application or only after its 404; default the filter's. */
        public Builder mode(TombstoneMode mode) {
            this.mode = mode;
            return this;
        }

        public Tombstone build() {
            return new Tombstone(pattern, deletedAt, reason, message, alternative, maxAge, goneFrom, goneUntil,
                    visibility, restorable, extensions, mode);
        }
    }
}
