package io.github.gonefilter.path;

/** A request or tombstone path that cannot be canonicalized: bad percent-encoding, invalid UTF-8, a NUL. */
public final class InvalidPathException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPathException(String message) {
        super(message);
    }
}
