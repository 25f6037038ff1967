package io.github.gonefilter.response;

import java.util.Locale;

/** The JSON body of a gone response. */
public enum ResponseFormat {
    /** RFC 9457 problem details, {@code application/problem+json}. */
    PROBLEM,
    /** {@code {"error":"Gone","message":...,"deletedAt":...,"reason":...}} as {@code application/json}. */
    SIMPLE;

    public static ResponseFormat fromCode(String code) {
        String normalized = code.trim().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "problem", "problem+json", "rfc9457" -> PROBLEM;
            case "simple" -> SIMPLE;
            default -> throw new IllegalArgumentException("must be 'problem' or 'simple' but was '" + code + "'");
        };
    }
}
