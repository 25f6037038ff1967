package io.github.gonefilter.internal.registry.sync;

import java.util.Arrays;

/**
 * An immutable set of 64-bit path fingerprints: a sorted {@code long[]} (8 bytes per path) with a bucket
 * index over its top bits (about half a byte per path) so a lookup touches two or three cache lines, plus small
 * sorted arrays of recent additions and removals, merged into the base once they grow. Lookups never
 * allocate. Two different paths share a fingerprint with probability about {@code n / 2^64} per lookup
 * (about 5e-13 with 10 million paths).
 */
public final class CompactPathSet {

    static final CompactPathSet EMPTY = new CompactPathSet(new long[0], new long[0], new long[0]);
    private static final int MERGE_THRESHOLD = 4096;

    private final long[] base;
    private final long[] added;
    private final long[] removed;
    private final int bucketBits;
    private final int[] buckets; // buckets[b] = index of the first fingerprint in bucket b or later

    private CompactPathSet(long[] base, long[] added, long[] removed) {
        this(base, added, removed, null);
    }

    private CompactPathSet(long[] base, long[] added, long[] removed, CompactPathSet sameBase) {
        this.base = base;
        this.added = added;
        this.removed = removed;
        if (sameBase != null) {
            this.bucketBits = sameBase.bucketBits;
            this.buckets = sameBase.buckets;
            return;
        }
        // About eight fingerprints (one cache line) per bucket; fingerprints are uniform, so buckets are even.
        int bits = 0;
        while (bits < 26 && (1L << (bits + 3)) < base.length) {
            bits++;
        }
        this.bucketBits = bits;
        this.buckets = new int[(1 << bits) + 1];
        int i = 0;
        for (int b = 0; b < buckets.length - 1; b++) {
            while (i < base.length && bucket(base[i]) < b) {
                i++;
            }
            buckets[b] = i;
        }
        buckets[buckets.length - 1] = base.length;
    }

    /** The bucket of {@code hash}: its top bits, ordered like the signed values. */
    private int bucket(long hash) {
        return bucketBits == 0 ? 0 : (int) ((hash >> (64 - bucketBits)) + (1L << (bucketBits - 1)));
    }

    private boolean inBase(long hash) {
        int b = bucket(hash);
        return Arrays.binarySearch(base, buckets[b], buckets[b + 1], hash) >= 0;
    }

    /** A set of the fingerprints in {@code hashes[0..size)}; the array is sorted in place and kept. */
    static CompactPathSet of(long[] hashes, int size) {
        Arrays.sort(hashes, 0, size);
        int unique = 0;
        for (int i = 0; i < size; i++) {
            if (unique == 0 || hashes[unique - 1] != hashes[i]) {
                hashes[unique++] = hashes[i];
            }
        }
        return new CompactPathSet(unique == hashes.length ? hashes : Arrays.copyOf(hashes, unique),
                new long[0], new long[0]);
    }

    boolean contains(long hash) {
        if (added.length > 0 && Arrays.binarySearch(added, hash) >= 0) {
            return true;
        }
        return inBase(hash) && (removed.length == 0 || Arrays.binarySearch(removed, hash) < 0);
    }

    CompactPathSet with(long hash) {
        if (contains(hash)) {
            return this;
        }
        long[] r = without(removed, hash);
        if (inBase(hash)) {
            return new CompactPathSet(base, added, r, this);
        }
        return merged(new CompactPathSet(base, insert(added, hash), r, this));
    }

    CompactPathSet without(long hash) {
        if (!contains(hash)) {
            return this;
        }
        long[] a = without(added, hash);
        if (!inBase(hash)) {
            return new CompactPathSet(base, a, removed, this);
        }
        return merged(new CompactPathSet(base, a, insert(removed, hash), this));
    }

    public int size() {
        return base.length - removed.length + added.length;
    }

    /** Bytes held by the arrays. */
    long bytes() {
        return 8L * (base.length + added.length + removed.length) + 4L * buckets.length;
    }

    /** Passes every fingerprint, unsorted, without copying the set. */
    void forEach(java.util.function.LongConsumer action) {
        for (long h : base) {
            if (removed.length == 0 || Arrays.binarySearch(removed, h) < 0) {
                action.accept(h);
            }
        }
        for (long h : added) {
            action.accept(h);
        }
    }

    /** Every fingerprint, sorted. */
    long[] toArray() {
        long[] out = new long[size()];
        int n = 0;
        for (long h : base) {
            if (Arrays.binarySearch(removed, h) < 0) {
                out[n++] = h;
            }
        }
        System.arraycopy(added, 0, out, n, added.length);
        Arrays.sort(out);
        return out;
    }

    private static CompactPathSet merged(CompactPathSet s) {
        if (s.added.length + s.removed.length < MERGE_THRESHOLD) {
            return s;
        }
        return new CompactPathSet(s.toArray(), new long[0], new long[0]);
    }

    private static long[] insert(long[] sorted, long value) {
        int i = Arrays.binarySearch(sorted, value);
        if (i >= 0) {
            return sorted;
        }
        int at = -i - 1;
        long[] out = new long[sorted.length + 1];
        System.arraycopy(sorted, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(sorted, at, out, at + 1, sorted.length - at);
        return out;
    }

    private static long[] without(long[] sorted, long value) {
        int i = Arrays.binarySearch(sorted, value);
        if (i < 0) {
            return sorted;
        }
        long[] out = new long[sorted.length - 1];
        System.arraycopy(sorted, 0, out, 0, i);
        System.arraycopy(sorted, i + 1, out, i, sorted.length - i - 1);
        return out;
    }

    /** A 64-bit fingerprint of a canonical path: FNV-1a over its UTF-16 chars, then the murmur3 finalizer. */
    static long fingerprint(String path) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = path.length(); i < n; i++) {
            h ^= path.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
