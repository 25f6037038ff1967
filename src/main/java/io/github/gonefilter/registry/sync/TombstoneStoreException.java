package io.github.gonefilter.registry.sync;

/** A write to a shared tombstone store failed, e.g. because the database is unreachable. */
public final class TombstoneStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TombstoneStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
