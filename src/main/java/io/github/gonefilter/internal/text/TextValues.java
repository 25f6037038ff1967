package io.github.gonefilter.internal.text;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How configuration and tombstone files spell values, parsed one way for the init-params, tombstone files and
 * stored tombstones alike. Every error names the field and the offending value.
 */
public final class TextValues {

    /**
     * An IMF-fixdate (RFC 9110, 5.6.7), the only HTTP-date a sender may write: two-digit day and {@code GMT}
     * ({@code Wed, 01 Jan 2031 00:00:00 GMT}). {@code RFC_1123_DATE_TIME} writes {@code 1 Jan}.
     */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private TextValues() {
    }

    /** An instant as an HTTP date header value (IMF-fixdate). */
    public static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    /**
     * An instant: ISO-8601 with {@code Z} or an offset ({@code 2025-03-01T12:00:00Z},
     * {@code 2025-03-01T12:00:00+01:00}) or a date alone, meaning its start in UTC. The usual spelling is parsed
     * without a {@code DateTimeFormatter}, which costs about a microsecond: a million-line file has a million.
     *
     * @return {@code null} for {@code null}
     */
    public static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        Instant fast = usualInstant(value);
        if (fast != null) {
            return fast;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2025-03-01T12:00:00Z"
                    + " but was '" + value + "'");
        }
    }

    /** A duration given as whole seconds ({@code 86400}) or ISO-8601 ({@code P30D}, {@code PT12H}), never negative. */
    public static Duration duration(String field, String value) {
        String v = value.trim();
        try {
            if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
                return seconds(field, Long.parseLong(v));
            }
            Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
            if (d.isNegative()) {
                throw new IllegalArgumentException(field + " must not be negative but was '" + value + "'");
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be whole seconds or an ISO-8601 duration such as P30D"
                    + " but was '" + value + "'");
        }
    }

    /** Whole seconds as a duration, never negative. */
    public static Duration seconds(String field, long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException(field + " must not be negative but was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** {@code true} or {@code false}, in any case. */
    public static boolean bool(String field, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(field + " must be true or false but was '" + value + "'");
    }

    /**
     * The usual spelling of an instant, {@code 2025-03-01T12:00:00Z}, parsed by hand; {@code null} for anything
     * else, including invalid dates, which then take the ISO-8601 parser and its error message.
     */
    static Instant usualInstant(String s) {
        if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
