package io.github.gonefilter.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The heavy hitters among the 404 paths, at most {@code capacity} of them: the space-saving algorithm (Metwally,
 * Agrawal and El Abbadi, 2005). A path not yet held, when the structure is full, replaces the entry with the smallest
 * count and inherits that count as its error, so that {@code count - error} is exactly the requests since the entry
 * was made and {@code count} bounds them from above. Alone, the algorithm holds every path requested more often than
 * the smallest count, but a flood of distinct paths would churn the bottom entries and lend each newcomer an ever
 * higher count, until they pushed out every path requested fewer times than the flood divided by {@code capacity}.
 * So a {@link FrequencySketch} of the recent requests stands in front, as Caffeine's W-TinyLFU does: a path not held
 * replaces the least entry only when it was requested lately at least as often as that entry's count; otherwise the
 * request is counted in the sketch alone and {@link Outcome#REJECTED rejected}. Paths requested once each then
 * cannot displace a path with a real, repeated history, and memory stays at {@code capacity} entries and the sketch.
 *
 * <p>The entries sit in a hash table by key and in a min-heap by (count, last seen), so a request costs one lookup
 * and O(log capacity) moves, and the entry replaced is the least requested, least recently seen one. Not thread-safe:
 * {@link NotFoundMonitor} holds its lock around every call.
 */
final class SpaceSaving {

    /** What the request's user agent was, when the monitor tells them apart. */
    static final int AGENT_UNKNOWN = 0;
    static final int AGENT_HUMAN = 1;
    static final int AGENT_BOT = 2;

    /** Referrer hosts kept per entry, with the same algorithm. */
    static final int REFERRER_HOSTS = 5;

    private static final Comparator<Slot> EVICTION_ORDER =
            Comparator.<Slot>comparingLong(s -> s.count).thenComparing(s -> s.lastSeen);

    /** Listings: the most requests certainly seen first, then the highest count, the most recent, the key. */
    private static final Comparator<Slot> LISTING_ORDER = Comparator.<Slot>comparingLong(s -> s.count - s.error)
            .thenComparingLong(s -> s.count).thenComparing(s -> s.lastSeen).reversed()
            .thenComparing(s -> s.key);

    private final int capacity;
    private final Map<Key, Slot> byKey;
    private final Slot[] heap;
    private final FrequencySketch sketch;
    private int size;

    SpaceSaving(int capacity, RandomGenerator random) {
        this.capacity = capacity;
        this.byKey = new HashMap<>(capacity * 4 / 3 + 1);
        this.heap = new Slot[capacity];
        this.sketch = new FrequencySketch(capacity, random);
    }

    /** What {@link #record} did with a request. */
    enum Outcome {
        /** Counted in the entry the path already had. */
        COUNTED,
        /** A new entry, in free room. */
        ADDED,
        /** A new entry in the place of the least requested one. */
        REPLACED,
        /** Not held, nor requested often enough lately to replace the least entry: counted in the sketch only. */
        REJECTED
    }

    /**
     * An entry's identity: the path and, when kept, the query, apart, since a decoded path may hold a {@code ?}.
     * Comparable, so that the hash map stays fast even for keys whose hash codes a client made collide.
     */
    record Key(String path, String query) implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::path)
                .thenComparing(Key::query, Comparator.nullsFirst(Comparator.naturalOrder()));

        Key {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /** One monitored path (and query, when kept). */
    static final class Slot {
        final Key key;
        final String path;
        final String query;
        final long error;
        final Instant firstSeen;
        long count;
        Instant lastSeen;
        long bots;
        long humans;
        /** Referrer hosts and their counts, the first {@code hostCount} in use; null until one is seen. */
        String[] hosts;
        long[] hostCounts;
        int hostCount;
        int index;

        Slot(Key key, long count, long error, Instant now) {
            this.key = key;
            this.path = key.path();
            this.query = key.query();
            this.count = count;
            this.error = error;
            this.firstSeen = now;
            this.lastSeen = now;
        }

        void agent(int agent) {
            if (agent == AGENT_BOT) {
                bots++;
            } else if (agent == AGENT_HUMAN) {
                humans++;
            }
        }

        /** Space-saving again, over {@value #REFERRER_HOSTS} hosts. */
        void referrer(String host) {
            if (host == null) {
                return;
            }
            if (hosts == null) {
                hosts = new String[REFERRER_HOSTS];
                hostCounts = new long[REFERRER_HOSTS];
            }
            int min = 0;
            for (int i = 0; i < hostCount; i++) {
                if (hosts[i].equals(host)) {
                    hostCounts[i]++;
                    return;
                }
                if (hostCounts[i] < hostCounts[min]) {
                    min = i;
                }
            }
            if (hostCount < REFERRER_HOSTS) {
                hosts[hostCount] = host;
                hostCounts[hostCount++] = 1;
            } else {
                hosts[min] = host;
                hostCounts[min]++;
            }
        }

        NotFoundEntry entry() {
            List<NotFoundEntry.Referrer> referrers = new ArrayList<>(hostCount);
            for (int i = 0; i < hostCount; i++) {
                referrers.add(new NotFoundEntry.Referrer(hosts[i], hostCounts[i]));
            }
            referrers.sort(Comparator.comparingLong(NotFoundEntry.Referrer::count).reversed()
                    .thenComparing(NotFoundEntry.Referrer::host));
            return new NotFoundEntry(path, query, count, error, firstSeen, lastSeen, referrers, bots, humans);
        }
    }

    int size() {
        return size;
    }

    /** The sketch's hash of {@code key}: thread-safe, so that callers may compute it outside their lock. */
    long hash(Key key) {
        return sketch.hash(key.path(), key.query());
    }

    /** Counts one request for {@code key} at {@code now}. */
    Outcome record(Key key, Instant now, String referrerHost, int agent) {
        return record(key, hash(key), now, referrerHost, agent);
    }

    /**
     * Counts one request for {@code key} at {@code now}.
     *
     * @param hash         {@link #hash(Key)} of the key
     * @param referrerHost the referring host, or null
     * @param agent        {@link #AGENT_UNKNOWN}, {@link #AGENT_HUMAN} or {@link #AGENT_BOT}
     */
    Outcome record(Key key, long hash, Instant now, String referrerHost, int agent) {
        sketch.increment(hash);
        Slot slot = byKey.get(key);
        Outcome outcome;
        if (slot != null) {
            slot.count++;
            if (now.isAfter(slot.lastSeen)) {
                slot.lastSeen = now;
            }
            siftDown(slot.index);
            outcome = Outcome.COUNTED;
        } else if (size < capacity) {
            slot = new Slot(key, 1, 0, now);
            byKey.put(key, slot);
            slot.index = size;
            heap[size++] = slot;
            siftUp(slot.index);
            outcome = Outcome.ADDED;
        } else {
            Slot least = heap[0];
            if (sketch.frequency(hash) < Math.min(least.count, sketch.ceiling())) {
                return Outcome.REJECTED; // a one-off, as far as the sketch knows: the least entry has more history
            }
            byKey.remove(least.key);
            slot = new Slot(key, least.count + 1, least.count, now);
            byKey.put(key, slot);
            slot.index = 0;
            heap[0] = slot;
            siftDown(0);
            outcome = Outcome.REPLACED;
        }
        slot.agent(agent);
        slot.referrer(referrerHost);
        return outcome;
    }

    /** Removes every entry {@code which} accepts; how many there were. */
    int removeIf(Predicate<Slot> which) {
        List<Slot> doomed = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (which.test(heap[i])) {
                doomed.add(heap[i]);
            }
        }
        for (Slot slot : doomed) {
            removeAt(slot.index); // each removal moves others; a slot always knows where it is
        }
        return doomed.size();
    }

    /** Removes the entry of {@code key}, if held. */
    boolean remove(Key key) {
        Slot slot = byKey.get(key);
        if (slot == null) {
            return false;
        }
        removeAt(slot.index);
        return true;
    }

    /**
     * Every entry, the most requests certainly seen ({@code count - error}) first, then the highest count, the most
     * recently seen, by path: an entry that inherited a high count from the one it replaced does not rank above
     * paths with more requests of their own.
     */
    List<NotFoundEntry> entries() {
        List<Slot> slots = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            slots.add(heap[i]);
        }
        slots.sort(LISTING_ORDER);
        List<NotFoundEntry> entries = new ArrayList<>(slots.size());
        for (Slot s : slots) {
            entries.add(s.entry());
        }
        return entries;
    }

    private void removeAt(int i) {
        Slot gone = heap[i];
        byKey.remove(gone.key);
        Slot last = heap[--size];
        heap[size] = null;
        if (i < size) {
            heap[i] = last;
            last.index = i;
            siftDown(i);
            siftUp(last.index);
        }
    }

    private void siftUp(int i) {
        Slot slot = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (EVICTION_ORDER.compare(heap[parent], slot) <= 0) {
                break;
            }
            place(heap[parent], i);
            i = parent;
        }
        place(slot, i);
    }

    private void siftDown(int i) {
        Slot slot = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && EVICTION_ORDER.compare(heap[child + 1], heap[child]) < 0) {
                child++;
            }
            if (EVICTION_ORDER.compare(slot, heap[child]) <= 0) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(slot, i);
    }

    private void place(Slot slot, int i) {
        heap[i] = slot;
        slot.index = i;
    }
}
