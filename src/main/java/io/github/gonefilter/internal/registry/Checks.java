package io.github.gonefilter.internal.registry;

import java.time.Duration;
import java.util.Objects;

/** The checks every builder makes, so that each setting's error names it and the offending value the same way. */
public final class Checks {

    private Checks() {
    }

    /** @throws IllegalStateException if the setting {@code name} already has a {@code value}: each may be set once */
    public static void requireUnset(Object value, String name) {
        if (value != null) {
            throw new IllegalStateException(name + " was already set to " + value);
        }
    }

    /** @throws IllegalArgumentException unless {@code d} is longer than zero */
    public static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + d);
        }
        return d;
    }

    /** @throws IllegalArgumentException if {@code d} is negative */
    public static Duration notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative but was " + d);
        }
        return d;
    }

    /** @throws IllegalArgumentException if {@code value} is below {@code min} */
    public static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + (min == 0 ? " must not be negative" : " must be at least " + min)
                    + " but was " + value);
        }
        return value;
    }

    /**
     * @throws IllegalStateException naming the Maven coordinates if {@code className} cannot be loaded: an optional
     *                               dependency of gone-filter that {@code who} needs
     */
    public static void requireOptional(String className, String coordinates, String who, ClassLoader loader) {
        if (!present(className, loader)) {
            throw new IllegalStateException(who + ": add the dependency " + coordinates
                    + " to the application; gone-filter declares it optional");
        }
    }

    /** Whether an optional dependency's {@code className} can be loaded, without initializing it. */
    public static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
