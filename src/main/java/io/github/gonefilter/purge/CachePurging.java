package io.github.gonefilter.purge;

import io.github.gonefilter.tombstone.TombstoneRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@code GoneFilter} does for the caches in front of it: tags responses with surrogate keys, and has its
 * purgers purge every change of the registry through a {@link PurgeQueue}. Built with the filter, started when the
 * container initializes it (which tells the context path), stopped when it destroys it. For the filter; configure
 * it through {@code GoneFilter.builder()} or the init-params.
 */
public final class CachePurging {

    /**
     * How long after a change it is purged a second time: enough for every node of a cluster to see it (a shared
     * registry's default {@code syncInterval} is 2 s; notifications take milliseconds) and for a request that a node
     * answered from the old set just before to reach the cache.
     */
    public static final Duration DEFAULT_REPEAT_AFTER = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(CachePurging.class.getName());

    private final List<CachePurger> purgers;
    private final boolean surrogateKeys;
    private final Duration repeatAfter;
    private final boolean purgeSynced;
    private final PurgeStatistics statistics = new PurgeStatistics();
    private volatile Running running;

    private record Running(TombstoneRegistry registry, String contextPath, PurgeQueue queue) {
    }

    private CachePurging(List<CachePurger> purgers, boolean surrogateKeys, Duration repeatAfter, boolean purgeSynced) {
        this.purgers = List.copyOf(purgers);
        this.purgeSynced = purgeSynced;
        this.surrogateKeys = surrogateKeys;
        this.repeatAfter = Objects.requireNonNull(repeatAfter, "purgeRepeatAfter");
        if (repeatAfter.isNegative()) {
            throw new IllegalArgumentException("purgeRepeatAfter must not be negative but was " + repeatAfter);
        }
    }

    /**
     * @param purgers       the caches to purge, each with its own queue and thread
     * @param surrogateKeys whether to tag every response the filter passes or answers with surrogate keys
     * @param repeatAfter   when to purge each change a second time; {@link Duration#ZERO} never
     * @param purgeSynced   whether changes synced from shared storage are purged too (every node purges rows written
     *                      by hand or by other tools, and the changes of other nodes once more); false: only this
     *                      node's writes and reloads
     */
    public static CachePurging of(List<CachePurger> purgers, boolean surrogateKeys, Duration repeatAfter,
            boolean purgeSynced) {
        return new CachePurging(purgers, surrogateKeys, repeatAfter, purgeSynced);
    }

    /** Whether there is anything to do: purgers, or surrogate keys. */
    public boolean configured() {
        return !purgers.isEmpty() || surrogateKeys;
    }

    /** The counters, the same object for the filter's whole life. */
    public PurgeStatistics statistics() {
        return statistics;
    }

    /**
     * Starts listening to {@code registry} and purging. The changes it reports from now on are purged; a registry
     * that cannot report changes (see {@link TombstoneRegistry#addListener}) is never purged for.
     *
     * @param contextPath the application's context path, from its {@code ServletContext}
     * @throws IllegalStateException if already started
     */
    public synchronized void start(TombstoneRegistry registry, String contextPath) {
        if (running != null) {
            throw new IllegalStateException("cache purging was already started");
        }
        String context = contextPath == null ? "" : contextPath;
        PurgeQueue queue = new PurgeQueue(purgers, context, purgeSynced, repeatAfter, PurgeQueue.DEFAULT_CAPACITY,
                PurgeQueue.DEFAULT_FIRST_RETRY, PurgeQueue.DEFAULT_MAX_RETRY, statistics, System::nanoTime);
        queue.start();
        if (!purgers.isEmpty()) {
            registry.addListener(queue);
        }
        running = new Running(registry, context, queue);
        if (!purgers.isEmpty()) {
            LOG.log(Level.INFO, () -> "GoneFilter purges " + purgers.stream().map(CachePurger::description).toList()
                    + " on every change of " + registry.description()
                    + (purgeSynced ? " (synced ones included)" : "")
                    + (repeatAfter.isZero() ? "" : ", and again " + repeatAfter.toMillis() + " ms later")
                    + (surrogateKeys ? "; responses carry surrogate keys" : ""));
        }
    }

    /**
     * Adds the surrogate keys of the path the filter looked up to the response, before the application or the
     * filter writes it; nothing unless surrogate keys are on and purging has started.
     *
     * @param rawPath the request URI's own canonical spelling where it differs from {@code canonicalPath}, or null
     */
    public void tag(HttpServletResponse response, String canonicalPath, String rawPath) {
        if (!surrogateKeys) {
            return; // the common case: not even a volatile read
        }
        Running r = running;
        if (r == null) {
            return;
        }
        String keys = SurrogateKeys.headerValue(r.contextPath(), canonicalPath, rawPath);
        for (String header : SurrogateKeys.HEADERS) {
            response.addHeader(header, keys);
        }
    }

    /**
     * Stops listening, purges what is due for a moment longer, then drops the rest and logs what it dropped: a
     * WARNING if first purges are lost, an INFO if only second ones are.
     */
    public void stop() {
        for (DroppedPurges dropped : stopQuietly()) {
            LOG.log(dropped.firstPurgesLost() ? Level.WARNING : Level.INFO, dropped.message());
        }
    }

    /**
     * {@link #stop()}, but returns what was dropped instead of logging it, for a caller whose log outlives
     * {@code java.util.logging} at shutdown (Spring Boot). Nothing once stopped.
     */
    public synchronized List<DroppedPurges> stopQuietly() {
        Running r = running;
        if (r == null) {
            return List.of();
        }
        r.registry().removeListener(r.queue());
        List<DroppedPurges> dropped = r.queue().stop();
        running = null;
        return dropped;
    }
}
