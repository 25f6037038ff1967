package io.github.gonefilter.registry;

/**
 * A monotonic time source in nanoseconds, for elapsed time only (staleness, sync intervals, outage
 * durations): unlike the wall clock it never steps back or forward when the system time is corrected.
 * Injectable so that tests control elapsed time without sleeping.
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds from an arbitrary origin; only differences between two readings mean anything. */
    long nanos();

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
