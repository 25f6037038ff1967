package io.github.gonefilter.spring;

import java.util.Locale;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** Where the {@code gone-filter.*} properties say the tombstones come from. */
enum TombstoneSource {
    /** Neither {@code gone-filter.tombstones} nor {@code gone-filter.store}: nothing to enforce. */
    NONE,
    /** {@code gone-filter.tombstones}: a file. */
    FILE,
    /** {@code gone-filter.store=jdbc}. */
    JDBC,
    /** {@code gone-filter.store=redis}. */
    REDIS;

    /**
     * What {@code environment} names. A blank {@code gone-filter.tombstones} counts as unset, so that a profile can
     * switch from a file to a store; naming both is reported when the registry is made.
     */
    static TombstoneSource of(Environment environment) {
        if (named(environment)) {
            return FILE;
        }
        String store = Binder.get(environment).bind(GoneFilterProperties.PREFIX + ".store", String.class)
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("");
        return switch (store) {
            case "jdbc" -> JDBC;
            case "redis" -> REDIS;
            default -> NONE; // an invalid value fails when GoneFilterProperties is bound, naming the key
        };
    }

    /** Whether {@code gone-filter.tombstones} is set to something. */
    static boolean named(Environment environment) {
        return Binder.get(environment).bind(GoneFilterProperties.PREFIX + ".tombstones", String.class)
                .map(s -> !s.isBlank()).orElse(false);
    }
}
