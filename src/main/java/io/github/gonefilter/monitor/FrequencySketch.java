package io.github.gonefilter.monitor;

import java.util.random.RandomGenerator;

/**
 * How often each 404 path was requested lately, approximately and in bounded memory: a count-min sketch (Cormode
 * and Muthukrishnan, 2005) of four rows of byte counters, halved every {@code width} requests so that old requests
 * fade, as in Caffeine's W-TinyLFU admission filter (Einziger, Friedman and Manes, 2017). {@link SpaceSaving} asks
 * it whether a path not yet held has been requested about as often as the entry it would replace, so that a flood
 * of paths requested once each cannot push out paths with a real history.
 *
 * <p>A path's estimate never falls short of its requests since the last halving, and exceeds them only by
 * collisions. The hash is a polynomial modulo the prime 2<sup>61</sup>-1 at a base drawn per instance, so a client
 * cannot craft paths that collide on purpose (as it can for {@code String.hashCode}, or any polynomial modulo
 * 2<sup>64</sup>). {@link #hash} is thread-safe; the rest is not: {@link NotFoundMonitor} holds its lock around it.
 */
final class FrequencySketch {

    /** The highest estimate: counters are bytes and saturate. */
    static final int MAX = 255;

    private static final int ROWS = 4;
    private static final long PRIME = (1L << 61) - 1;
    /** Separators in the hashed sequence; characters hash as 1..65536, so these cannot be spelled by a path. */
    private static final long QUERY_FOLLOWS = 65_537;
    private static final long NO_QUERY = 65_538;

    private final byte[] table;
    private final int mask;
    private final int ceiling;
    private final long base;
    private final long seed;
    private int additions;

    /**
     * @param capacity the entries the monitor holds: the sketch has eight counters per entry in each row, and fades
     *                 at the same pace
     * @param random   where the hash's base and seed come from
     */
    FrequencySketch(int capacity, RandomGenerator random) {
        int width = Integer.highestOneBit(Math.max(64, capacity * 8) - 1) << 1;
        this.table = new byte[ROWS * width];
        this.mask = width - 1;
        this.ceiling = Math.min(MAX, width / 8);
        this.base = 256 + Math.floorMod(random.nextLong(), PRIME - 512);
        this.seed = random.nextLong();
    }

    /**
     * The highest estimate an admission may ask for: a path that has an eighth of the requests between halvings
     * reaches it (its estimate settles near twice its share), whatever the count of the entry it would replace.
     */
    int ceiling() {
        return ceiling;
    }

    /** The hash of a (path, query) pair, to pass to {@link #increment} and {@link #frequency}. */
    long hash(String path, String query) {
        long h = 0;
        for (int i = 0; i < path.length(); i++) {
            h = step(h, path.charAt(i) + 1);
        }
        if (query == null) {
            h = step(h, NO_QUERY);
        } else {
            h = step(h, QUERY_FOLLOWS);
            for (int i = 0; i < query.length(); i++) {
                h = step(h, query.charAt(i) + 1);
            }
        }
        return mix(h ^ seed);
    }

    /** Counts one request; the counters at the least value are raised (conservative update), the others are not. */
    void increment(long hash) {
        int min = frequency(hash);
        if (min < MAX) {
            for (int row = 0; row < ROWS; row++) {
                int i = index(hash, row);
                if ((table[i] & 0xff) == min) {
                    table[i] = (byte) (min + 1);
                }
            }
        }
        if (++additions >= mask + 1) {
            halve();
        }
    }

    /** The estimated requests since the counters were last halved (older ones count for half, then a quarter...). */
    int frequency(long hash) {
        int min = MAX;
        for (int row = 0; row < ROWS; row++) {
            min = Math.min(min, table[index(hash, row)] & 0xff);
        }
        return min;
    }

    private void halve() {
        for (int i = 0; i < table.length; i++) {
            table[i] = (byte) ((table[i] & 0xff) >>> 1);
        }
        additions = 0;
    }

    /** Row {@code row}'s counter: double hashing with an odd step, in that row's part of the table. */
    private int index(long hash, int row) {
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32) | 1;
        return row * (mask + 1) + ((h1 + row * h2) & mask);
    }

    private long step(long h, long symbol) {
        long r = multiplyMod(h, base) + symbol;
        return r >= PRIME ? r - PRIME : r;
    }

    /** {@code a * b mod 2^61-1}, for a and b below the prime. */
    private static long multiplyMod(long a, long b) {
        long low = a * b;
        long high = Math.multiplyHigh(a, b);
        long r = (low & PRIME) + ((low >>> 61) | (high << 3));
        return r >= PRIME ? r - PRIME : r;
    }

    /** Murmur3's finalizer: spreads every bit of the residue over both halves used by {@link #index}. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
