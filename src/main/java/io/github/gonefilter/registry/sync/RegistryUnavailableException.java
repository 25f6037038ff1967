package io.github.gonefilter.registry.sync;

/**
 * Thrown by a fail-closed registry's lookups when its snapshot is older than the configured maximum
 * staleness: the filter answers 503 (with {@code Retry-After}) rather than risk serving a removed resource.
 */
public final class RegistryUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message) {
        super(message);
    }
}
