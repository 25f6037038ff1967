package io.github.gonefilter.spring;

import io.github.gonefilter.GoneFilter;

/**
 * Adjusts the {@link GoneFilter.Builder} of the auto-configured filter after the {@code gone-filter.*} properties
 * were applied, for what properties cannot say (a {@link java.time.Clock} for tests, a setting of a newer
 * library version). Declare it as a bean; every one is applied, in {@link org.springframework.core.Ordered order}.
 * The builder refuses a setting made twice, so a customizer sets only what the properties leave unset.
 */
@FunctionalInterface
public interface GoneFilterBuilderCustomizer {

    void customize(GoneFilter.Builder builder);
}
