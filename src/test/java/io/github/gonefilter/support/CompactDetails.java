package io.github.gonefilter.support;

import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Checks of compact mode's details shared by the PostgreSQL and Redis tests. */
public final class CompactDetails {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private CompactDetails() {
    }

    /**
     * Requests every path once, as a burst of distinct gone paths would, then waits until each answers with
     * its details (a message).
     *
     * @return the paths still without details after {@code within}; empty when all arrived
     */
    public static List<String> withoutDetailsAfterOneBurst(TombstoneRegistry registry, Collection<String> paths,
            Duration within) throws InterruptedException {
        for (String path : paths) {
            if (registry.find(path, NOW).isEmpty()) {
                throw new AssertionError(path + " is not gone");
            }
        }
        List<String> missing = new ArrayList<>(paths);
        long deadline = System.nanoTime() + within.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            missing.removeIf(path -> registry.find(path, NOW).map(Tombstone::message).isPresent());
        }
        return missing;
    }

    /** Requests {@code path} until it answers with its details; fails after 10 seconds. */
    public static Tombstone awaitDetails(TombstoneRegistry registry, String path) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Tombstone t = registry.find(path, NOW).orElseThrow(() -> new AssertionError(path + " is not gone"));
            if (t.message() != null) {
                return t;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("details of " + path + " never arrived");
    }
}
