package io.github.gonefilter.tombstone;

import java.util.Locale;

/** How a tombstoned resource is presented to clients. */
public enum Visibility {
    /** 410 Gone with the public details of the tombstone. */
    GONE(410),
    /**
     * A plain 404 that reveals nothing: no tombstone metadata in status, headers or body. For erasures
     * where even admitting that the resource existed is a privacy risk.
     */
    NOT_FOUND(404),
    /** 451 Unavailable For Legal Reasons (RFC 7725), for legal takedowns. */
    LEGAL(451);

    private final int status;

    Visibility(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The spelling used in files and configuration: {@code gone}, {@code not_found}, {@code legal}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #code()}, case-insensitively; {@code 410}, {@code 404} and {@code 451} are accepted too. */
    public static Visibility fromCode(String code) {
        String normalized = code.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Visibility v : values()) {
            if (v.code().equals(normalized) || Integer.toString(v.status).equals(normalized)) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                "visibility must be one of gone, not_found, legal but was '" + code + "'");
    }
}
