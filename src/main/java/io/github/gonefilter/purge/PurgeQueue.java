package io.github.gonefilter.purge;

import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.TombstoneRegistryListener;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Between a registry and the purgers: hears every change of the tombstone set on the registry's thread, queues
 * it in memory, and has each purger purge it on a thread of its own, so that neither a request nor the caller of
 * {@code bury} ever waits for a cache.
 *
 * <p>Per purger (one cache endpoint), in order:
 * <ul>
 *   <li>changes this node made ({@link TombstoneChange.Cause#WRITE}) or read from its own source
 *       ({@link TombstoneChange.Cause#RELOAD}) are purged; changes synced from shared storage
 *       ({@link TombstoneChange.Cause#SYNC}) are another node's to purge, unless {@code purgeSynced} (rows written
 *       by hand or by a tool, which no node purges otherwise);</li>
 *   <li>each is purged at once and again {@code repeatAfter} later, when every node has seen the change, so a node
 *       that still answered from the old set cannot leave a stale entry in the cache;</li>
 *   <li>at most {@code capacity} changes wait; beyond that the oldest is dropped (a WARNING at the first drop,
 *       an INFO with the count when the queue is empty again);</li>
 *   <li>a failed batch is retried after {@code firstRetry}, doubling up to {@code maxRetry}, while later changes
 *       wait behind it; one WARNING when an endpoint starts failing, one INFO when it works again, FINE between;</li>
 *   <li>a {@link PurgeRejectedException} costs only the change the cache refuses: a refused batch of several is
 *       tried again change by change at once, and each change refused on its own is dropped (with its second
 *       purge), counted as failed and logged at WARNING with the reason. Refusals and outages are told apart: a
 *       refusal neither starts nor ends an outage, so an outage after a refusal still gets its WARNING.</li>
 * </ul>
 */
final class PurgeQueue implements TombstoneRegistryListener {

    static final int DEFAULT_CAPACITY = 10_000;
    /** Changes handed to a purger in one call (the CDN purgers split them further by their APIs' limits). */
    static final int MAX_BATCH = 100;
    static final Duration DEFAULT_FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration DEFAULT_MAX_RETRY = Duration.ofMinutes(1);
    /** How long stopping waits for changes already due to be purged. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(PurgeQueue.class.getName());

    private final String contextPath;
    private final boolean purgeSynced;
    private final long repeatAfterNanos;
    private final int capacity;
    private final long firstRetryNanos;
    private final long maxRetryNanos;
    private final PurgeStatistics statistics;
    private final LongSupplier ticker;
    private final List<Lane> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param ticker monotonic nanoseconds ({@code System::nanoTime}); tests pass their own and call {@link #runDue}
     *               instead of {@link #start}
     */
    PurgeQueue(List<CachePurger> purgers, String contextPath, boolean purgeSynced, Duration repeatAfter, int capacity,
            Duration firstRetry, Duration maxRetry, PurgeStatistics statistics, LongSupplier ticker) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 but was " + capacity);
        }
        this.contextPath = contextPath;
        this.purgeSynced = purgeSynced;
        this.repeatAfterNanos = repeatAfter.toNanos();
        this.capacity = capacity;
        this.firstRetryNanos = firstRetry.toNanos();
        this.maxRetryNanos = maxRetry.toNanos();
        this.statistics = statistics;
        this.ticker = ticker;
        for (CachePurger purger : purgers) {
            lanes.add(new Lane(purger));
        }
    }

    /** Starts one daemon thread per purger. */
    void start() {
        int n = 0;
        for (Lane lane : lanes) {
            Thread t = new Thread(lane::work, "gone-filter-purge-" + (++n));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    @Override
    public void changed(List<TombstoneChange> changes) {
        List<TombstoneChange> own = new ArrayList<>(changes.size());
        for (TombstoneChange change : changes) {
            if (purgeSynced || change.cause() != TombstoneChange.Cause.SYNC) {
                own.add(change);
            }
        }
        if (own.isEmpty()) {
            return;
        }
        long now = ticker.getAsLong();
        for (Lane lane : lanes) {
            lane.offer(own, now);
        }
    }

    /**
     * Stops the threads: changes already due are still purged for up to {@link #SHUTDOWN_GRACE} (while the cache
     * answers), the rest are dropped and returned, for the caller to log where its log still reaches.
     */
    List<DroppedPurges> stop() {
        long deadline = ticker.getAsLong() + SHUTDOWN_GRACE.toNanos();
        for (Lane lane : lanes) {
            lane.close(deadline);
        }
        for (Thread t : threads) {
            try {
                t.join(SHUTDOWN_GRACE.toMillis() + 1000);
                if (t.isAlive()) {
                    t.interrupt(); // a purge still waiting for its cache: give up on it
                    t.join(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<DroppedPurges> dropped = new ArrayList<>();
        for (Lane lane : lanes) {
            synchronized (lane) {
                lane.abandon(); // nothing left if its thread did it; without threads (tests), here
                if (lane.abandoned != null) {
                    dropped.add(lane.abandoned);
                }
            }
        }
        return dropped;
    }

    /** For tests without threads: purges, on the calling thread, everything due at the ticker's current time. */
    void runDue() {
        for (Lane lane : lanes) {
            List<TombstoneChange> batch;
            while ((batch = lane.takeDue(ticker.getAsLong())) != null) {
                lane.attempt(batch);
            }
        }
    }

    /** One change waiting for one purger, due at {@code due} (ticker nanoseconds); {@code second}: the repeat. */
    private record Item(TombstoneChange change, long due, boolean second) {
    }

    /** The changes waiting for one purger, and how that purger fares. */
    private final class Lane {
        private final CachePurger purger;
        private final ArrayDeque<Item> ready = new ArrayDeque<>();
        /** Second purges, in due order (every one is due the same time after its change). */
        private final ArrayDeque<Item> delayed = new ArrayDeque<>();
        private List<Item> inFlight = List.of();
        private boolean backingOff;
        private long retryAt;
        private int failedAttempts;
        /** An outage was logged at WARNING: further failures go to FINE until a purge succeeds. */
        private boolean failing;
        /** How many of the changes at the front of {@code ready} go to the purger one by one, after a refused batch. */
        private int singles;
        private boolean inFlightSingle;
        private long dropped;
        private boolean closing;
        private long closeDeadline;
        /** What {@link #abandon} dropped when the filter stopped. */
        private DroppedPurges abandoned;

        Lane(CachePurger purger) {
            this.purger = purger;
        }

        synchronized void offer(List<TombstoneChange> changes, long now) {
            if (closing) {
                return;
            }
            for (TombstoneChange change : changes) {
                add(ready, new Item(change, now, false));
                if (repeatAfterNanos > 0) {
                    add(delayed, new Item(change, now + repeatAfterNanos, true));
                }
            }
            notifyAll();
        }

        private void add(ArrayDeque<Item> queue, Item item) {
            if (ready.size() + delayed.size() + inFlight.size() >= capacity) {
                Item oldest = !ready.isEmpty() ? ready.pollFirst() : delayed.pollFirst();
                if (oldest == null) {
                    dropped(item); // everything waiting is being purged right now: the newcomer has no room
                    return;
                }
                statistics.pendingChanged(-1);
                dropped(oldest);
            }
            queue.addLast(item);
            statistics.pendingChanged(1);
        }

        private void dropped(Item item) {
            statistics.record(PurgeStatistics.Outcome.DROPPED, 1);
            if (dropped++ == 0) {
                LOG.log(Level.WARNING, "The purge queue for " + purger.description() + " is full (" + capacity
                        + " changes wait): dropping the oldest, " + item.change().tombstone().pattern()
                        + "; further drops are counted, and logged once the queue is empty again");
            }
        }

        /** The next batch due at {@code now}, or null; moves second purges that are due to the ready queue. */
        synchronized List<TombstoneChange> takeDue(long now) {
            while (!delayed.isEmpty() && delayed.peekFirst().due() - now <= 0) {
                ready.addLast(delayed.pollFirst());
            }
            if (ready.isEmpty() || (backingOff && retryAt - now > 0)) {
                return null;
            }
            int limit = singles > 0 ? 1 : MAX_BATCH;
            inFlightSingle = singles > 0;
            if (inFlightSingle) {
                singles--;
            }
            List<Item> batch = new ArrayList<>(Math.min(limit, ready.size()));
            while (batch.size() < limit && !ready.isEmpty()) {
                batch.add(ready.pollFirst());
            }
            inFlight = batch;
            return batch.stream().map(Item::change).toList();
        }

        /** Nanoseconds until {@link #takeDue} may return a batch; {@code Long.MAX_VALUE} if nothing waits. */
        private long nanosUntilDue(long now) {
            long next = Long.MAX_VALUE;
            if (!ready.isEmpty()) {
                next = backingOff ? Math.max(0, retryAt - now) : 0;
            }
            if (!delayed.isEmpty()) {
                next = Math.min(next, Math.max(0, delayed.peekFirst().due() - now));
            }
            return next;
        }

        /** Calls the purger, outside the lock, and records the outcome. */
        void attempt(List<TombstoneChange> batch) {
            try {
                purger.purge(batch, contextPath);
                succeeded();
            } catch (PurgeRejectedException e) {
                rejected(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                requeue(); // stopping: the batch is dropped with the rest
            } catch (Exception e) {
                failed(e);
            }
        }

        private synchronized void succeeded() {
            statistics.record(PurgeStatistics.Outcome.SUCCEEDED, inFlight.size());
            statistics.pendingChanged(-inFlight.size());
            inFlight = List.of();
            if (failing) {
                LOG.log(Level.INFO, "Purging caches through " + purger.description() + " works again"
                        + (failedAttempts > 0 ? " after " + failedAttempts + " failed attempts" : ""));
            }
            failing = false;
            failedAttempts = 0;
            backingOff = false;
            caughtUp();
        }

        /**
         * A refused batch of several: which change the cache refuses is not known, so each is tried again on its
         * own, at once (purges are idempotent). A refused single change is dropped, with its second purge, which
         * would be refused the same way.
         */
        private synchronized void rejected(PurgeRejectedException e) {
            backingOff = false;
            if (inFlight.size() > 1) {
                singles += inFlight.size();
                requeue();
                return;
            }
            Item item = inFlight.get(0);
            inFlight = List.of();
            int n = 1;
            if (!item.second() && delayed.removeIf(other -> other.change() == item.change())) {
                n = 2;
            }
            statistics.record(PurgeStatistics.Outcome.FAILED, n);
            statistics.pendingChanged(-n);
            LOG.log(Level.WARNING, () -> purger.description() + " refused to purge " + item.change().tombstone().pattern()
                    + " (" + item.change().kind().name().toLowerCase(java.util.Locale.ROOT) + "), which is dropped: "
                    + e.getMessage());
            caughtUp();
        }

        private synchronized void failed(Exception e) {
            statistics.record(PurgeStatistics.Outcome.RETRIED, inFlight.size());
            failedAttempts++;
            long delay = backoff(failedAttempts);
            retryAt = ticker.getAsLong() + delay;
            backingOff = true;
            requeue();
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, () -> "Purging caches through " + purger.description() + " failed ("
                        + describe(e) + "); retrying in " + Duration.ofNanos(delay).toMillis()
                        + " ms, then at growing intervals up to " + Duration.ofNanos(maxRetryNanos).toSeconds()
                        + " s. Changes wait in the queue; further failures are logged at FINE until it works again");
            } else {
                LOG.log(Level.DEBUG, () -> "Purging caches through " + purger.description() + " failed again (attempt "
                        + failedAttempts + "): " + describe(e));
            }
        }

        /** Puts the batch back at the front, in its order; a single change taken after a refusal stays single. */
        private synchronized void requeue() {
            if (inFlightSingle) {
                singles++;
                inFlightSingle = false;
            }
            for (int i = inFlight.size() - 1; i >= 0; i--) {
                ready.addFirst(inFlight.get(i));
            }
            inFlight = List.of();
        }

        private long backoff(int attempts) {
            long delay = firstRetryNanos;
            for (int i = 1; i < attempts && delay < maxRetryNanos; i++) {
                delay *= 2;
            }
            return Math.min(delay, maxRetryNanos);
        }

        /** After an outcome: if nothing waits any more, reports what a full queue dropped. */
        private void caughtUp() {
            if (dropped > 0 && ready.isEmpty() && delayed.isEmpty()) {
                LOG.log(Level.INFO, "The purge queue for " + purger.description() + " is empty again; "
                        + dropped + (dropped == 1 ? " change was" : " changes were") + " dropped while it was full");
                dropped = 0;
            }
        }

        synchronized void close(long deadline) {
            closing = true;
            closeDeadline = deadline;
            notifyAll();
        }

        /** The thread's loop: waits for due work, purges it, until closed. */
        void work() {
            try {
                while (true) {
                    List<TombstoneChange> batch;
                    synchronized (this) {
                        while (true) {
                            long now = ticker.getAsLong();
                            if (closing && (ready.isEmpty() || backingOff || now - closeDeadline >= 0)) {
                                abandon();
                                return;
                            }
                            batch = takeDue(now);
                            if (batch != null) {
                                break;
                            }
                            long wait = nanosUntilDue(now);
                            if (closing) {
                                wait = Math.min(wait, Math.max(1, closeDeadline - now));
                            }
                            if (wait == Long.MAX_VALUE) {
                                wait();
                            } else {
                                TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, wait));
                            }
                        }
                    }
                    attempt(batch);
                    if (Thread.currentThread().isInterrupted()) {
                        synchronized (this) {
                            abandon();
                        }
                        return;
                    }
                }
            } catch (InterruptedException e) {
                synchronized (this) {
                    abandon();
                }
            }
        }

        /** Drops what still waits when the filter stops, and remembers how much for {@link PurgeQueue#stop}. */
        private void abandon() {
            List<Item> left = new ArrayList<>(ready);
            left.addAll(delayed);
            left.addAll(inFlight);
            if (left.isEmpty()) {
                return;
            }
            statistics.record(PurgeStatistics.Outcome.DROPPED, left.size());
            statistics.pendingChanged(-left.size());
            ready.clear();
            delayed.clear();
            inFlight = List.of();
            long first = left.stream().filter(item -> !item.second()).count();
            long second = left.size() - first;
            abandoned = abandoned == null ? new DroppedPurges(purger.description(), first, second)
                    : new DroppedPurges(purger.description(), abandoned.firstPurges() + first,
                            abandoned.secondPurges() + second);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + message;
    }
}
