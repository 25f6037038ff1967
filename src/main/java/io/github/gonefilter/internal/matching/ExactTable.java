package io.github.gonefilter.internal.matching;

import io.github.gonefilter.internal.cache.SlotCache;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.Visibility;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exact-path tombstones stored compactly: a bulk list of a million paths would otherwise cost a
 * {@link Tombstone}, its pattern, its path string and a hash-map node each (about 200 bytes). Here every
 * entry is its path's Latin-1 bytes in one shared array, an end offset, a slot in an open-addressing table,
 * and its {@code deletedAt}; everything else (reason, message, windows, extensions...) is shared through
 * one template per distinct combination. A lookup compares the path in place and allocates nothing on a
 * miss; a hit builds an equal {@link Tombstone} on demand (recently built ones are kept in a small cache, so
 * a popular deleted path gets the same instance, which response rendering caches by).
 *
 * <p>Immutable and safe for concurrent reads once built. Keys must be unique; see {@link Builder#add}.
 */
final class ExactTable {

    private static final long NO_INSTANT = Long.MIN_VALUE;
    private static final int CACHE_SIZE = 1024;
    private static final ExactTable EMPTY = new Builder(0).build();

    private final byte[] chars;
    private final int[] ends;
    private final int[] slots;
    private final int size;
    private final Tombstone[] templates;
    private final byte[] smallTemplateOf;
    private final int[] templateOf;
    private final long[] deletedAtSeconds;
    private final int[] deletedAtNanos;
    /** Recently built tombstones, by the hash of their path: a popular deleted path keeps one instance. */
    private final SlotCache<Tombstone> recent = new SlotCache<>(CACHE_SIZE);

    private ExactTable(Builder b) {
        this.size = b.size;
        this.chars = Arrays.copyOf(b.chars, b.charsLength);
        this.ends = Arrays.copyOf(b.ends, b.size);
        this.slots = b.slots;
        this.templates = b.templates.toArray(new Tombstone[0]);
        if (templates.length <= 1) {
            this.smallTemplateOf = null;
            this.templateOf = null;
        } else if (templates.length <= 256) {
            this.smallTemplateOf = new byte[size];
            for (int i = 0; i < size; i++) {
                smallTemplateOf[i] = (byte) b.templateOf[i];
            }
            this.templateOf = null;
        } else {
            this.smallTemplateOf = null;
            this.templateOf = Arrays.copyOf(b.templateOf, size);
        }
        this.deletedAtSeconds = b.anyDeletedAt ? Arrays.copyOf(b.deletedAtSeconds, size) : null;
        this.deletedAtNanos = b.anyNanos ? Arrays.copyOf(b.deletedAtNanos, size) : null;
    }

    static ExactTable empty() {
        return EMPTY;
    }

    /** Whether the table can hold {@code path}: every character fits in one byte (Latin-1). */
    static boolean storable(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return size;
    }

    /** The tombstone whose path is exactly {@code key}, or {@code null}. */
    Tombstone get(String key) {
        if (size == 0) {
            return null;
        }
        int hash = key.hashCode();
        Tombstone cached = recent.get(hash);
        if (cached != null && ((PathPattern.Exact) cached.pattern()).path().equals(key)) {
            return cached;
        }
        int entry = indexOf(key, hash);
        if (entry < 0) {
            return null;
        }
        Tombstone t = tombstone(entry);
        recent.put(hash, t);
        return t;
    }

    /** The position of {@code key} in insertion order, or -1. */
    int indexOf(String key) {
        return size == 0 ? -1 : indexOf(key, key.hashCode());
    }

    private int indexOf(String key, int hash) {
        int mask = slots.length - 1;
        int length = key.length();
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            int entry = slot - 1;
            int start = entry == 0 ? 0 : ends[entry - 1];
            if (ends[entry] - start == length && regionEquals(key, start, length)) {
                return entry;
            }
        }
    }

    private boolean regionEquals(String key, int start, int length) {
        for (int k = 0; k < length; k++) {
            if (key.charAt(k) != (chars[start + k] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** Builds the tombstone of entry {@code i} (in insertion order), equal to the one that was added. */
    Tombstone tombstone(int i) {
        int start = i == 0 ? 0 : ends[i - 1];
        String path = new String(chars, start, ends[i] - start, StandardCharsets.ISO_8859_1);
        Tombstone template = templates[templateIndex(i)];
        Instant deletedAt = null;
        if (deletedAtSeconds != null && deletedAtSeconds[i] != NO_INSTANT) {
            deletedAt = Instant.ofEpochSecond(deletedAtSeconds[i], deletedAtNanos == null ? 0 : deletedAtNanos[i]);
        }
        return new Tombstone(new PathPattern.Exact(path), deletedAt, template.reason(), template.message(),
                template.alternative(), template.maxAge(), template.goneFrom(), template.goneUntil(),
                template.visibility(), template.restorable(), template.extensions(), template.mode());
    }

    /** The path of entry {@code i}, without building its tombstone. */
    String path(int i) {
        int start = i == 0 ? 0 : ends[i - 1];
        return new String(chars, start, ends[i] - start, StandardCharsets.ISO_8859_1);
    }

    private int templateIndex(int i) {
        if (smallTemplateOf != null) {
            return smallTemplateOf[i] & 0xFF;
        }
        return templateOf != null ? templateOf[i] : 0;
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1;
    }

    /** Collects entries; {@link #add} refuses keys already present, so the first one added wins. */
    static final class Builder {
        private byte[] chars;
        private int charsLength;
        private int[] ends;
        private int[] slots;
        private int size;
        private final List<Tombstone> templates = new ArrayList<>();
        private final Map<Template, Integer> templateIds = new HashMap<>();
        private int[] templateOf;
        private long[] deletedAtSeconds;
        private int[] deletedAtNanos;
        private boolean anyDeletedAt;
        private boolean anyNanos;

        Builder(int expected) {
            int capacity = Math.max(expected, 4);
            chars = new byte[capacity * 16];
            ends = new int[capacity];
            templateOf = new int[capacity];
            deletedAtSeconds = new long[capacity];
            deletedAtNanos = new int[capacity];
            slots = new int[tableSize(capacity)];
        }

        /**
         * Adds {@code tombstone}, an exact path whose text is {@code key} and {@link #storable}.
         *
         * @return false, adding nothing, if {@code key} is already present
         */
        boolean add(String key, Tombstone tombstone) {
            PathPattern.Exact exact = (PathPattern.Exact) tombstone.pattern();
            if (!exact.path().equals(key) || !storable(key)) {
                throw new IllegalArgumentException("cannot store '" + exact.path() + "' under '" + key + "'");
            }
            if (find(key) >= 0) {
                return false;
            }
            if (size == ends.length) {
                grow();
            }
            if ((size + 1) * 2 > slots.length) {
                rehash(slots.length * 2);
            }
            int length = key.length();
            if (charsLength + length > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charsLength + length));
            }
            for (int k = 0; k < length; k++) {
                chars[charsLength + k] = (byte) key.charAt(k);
            }
            charsLength += length;
            ends[size] = charsLength;
            templateOf[size] = templateId(tombstone);
            Instant deletedAt = tombstone.deletedAt();
            if (deletedAt == null) {
                deletedAtSeconds[size] = NO_INSTANT;
            } else {
                anyDeletedAt = true;
                anyNanos |= deletedAt.getNano() != 0;
                deletedAtSeconds[size] = deletedAt.getEpochSecond();
                deletedAtNanos[size] = deletedAt.getNano();
            }
            insert(size, key.hashCode());
            size++;
            return true;
        }

        int size() {
            return size;
        }

        ExactTable build() {
            return new ExactTable(this);
        }

        /** The position of {@code key} among the entries added so far, or -1. */
        int find(String key) {
            int mask = slots.length - 1;
            int length = key.length();
            for (int i = spread(key.hashCode()) & mask; ; i = (i + 1) & mask) {
                int slot = slots[i];
                if (slot == 0) {
                    return -1;
                }
                int entry = slot - 1;
                int start = entry == 0 ? 0 : ends[entry - 1];
                if (ends[entry] - start == length) {
                    boolean same = true;
                    for (int k = 0; k < length && same; k++) {
                        same = key.charAt(k) == (chars[start + k] & 0xFF);
                    }
                    if (same) {
                        return entry;
                    }
                }
            }
        }

        private void insert(int entry, int hash) {
            int mask = slots.length - 1;
            int i = spread(hash) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = entry + 1;
        }

        private void rehash(int capacity) {
            slots = new int[capacity];
            for (int e = 0; e < size; e++) {
                int start = e == 0 ? 0 : ends[e - 1];
                int h = 0;
                for (int k = start; k < ends[e]; k++) {
                    h = 31 * h + (chars[k] & 0xFF);
                }
                insert(e, h);
            }
        }

        private void grow() {
            int capacity = ends.length * 2;
            ends = Arrays.copyOf(ends, capacity);
            templateOf = Arrays.copyOf(templateOf, capacity);
            deletedAtSeconds = Arrays.copyOf(deletedAtSeconds, capacity);
            deletedAtNanos = Arrays.copyOf(deletedAtNanos, capacity);
        }

        private int templateId(Tombstone t) {
            Template key = new Template(t.reason(), t.message(), t.alternative(), t.maxAge(), t.goneFrom(),
                    t.goneUntil(), t.visibility(), t.restorable(), t.extensions(), t.mode());
            Integer id = templateIds.get(key);
            if (id == null) {
                id = templates.size();
                templates.add(t);
                templateIds.put(key, id);
            }
            return id;
        }

        private static int tableSize(int entries) {
            int capacity = Integer.highestOneBit(Math.max(entries, 2) * 2 - 1) << 1;
            return Math.max(capacity, 4);
        }
    }

    /** Everything of a tombstone but its path and {@code deletedAt}. */
    private record Template(String reason, String message, URI alternative, Duration maxAge, Instant goneFrom,
            Instant goneUntil, Visibility visibility, boolean restorable, Map<String, Object> extensions,
            TombstoneMode mode) {
        Template {
            Objects.requireNonNull(visibility);
        }
    }
}
