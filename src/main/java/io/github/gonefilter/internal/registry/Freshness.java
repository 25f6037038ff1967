package io.github.gonefilter.internal.registry;

/**
 * Whether a fail-closed registry's snapshot may still answer lookups, judged on a monotonic ticker, never the
 * wall clock. A fail-open registry has none: it answers from its snapshot however old.
 */
public interface Freshness {

    /** Whether lookups may be answered from the snapshot now. */
    boolean fresh();

    /** @throws RuntimeException saying why lookups cannot be answered, unless {@link #fresh()} */
    void check();
}
