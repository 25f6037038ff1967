package io.github.gonefilter.internal.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An open-addressing map from path-segment text to {@code V}, looked up by a region of a path string so that
 * walking a request path allocates nothing. Filled while an index is built, read-only afterwards.
 */
final class SegmentTable<V> {
    private String[] keys = new String[0];
    private Object[] values = new Object[0];
    private int size;

    /** The value for {@code s[from, to)}, or {@code null}. */
    @SuppressWarnings("unchecked")
    V find(String s, int from, int to) {
        if (size == 0) {
            return null;
        }
        int mask = keys.length - 1;
        int length = to - from;
        for (int i = spread(hash(s, from, to)) & mask; ; i = (i + 1) & mask) {
            String key = keys[i];
            if (key == null) {
                return null;
            }
            if (key.length() == length && key.regionMatches(0, s, from, length)) {
                return (V) values[i];
            }
        }
    }

    /** The value for {@code segment}, created by {@code create} if absent. */
    V child(String segment, Supplier<V> create) {
        V existing = find(segment, 0, segment.length());
        if (existing != null) {
            return existing;
        }
        if ((size + 1) * 2 > keys.length) {
            resize(Math.max(4, keys.length * 2));
        }
        V value = create.get();
        insert(segment, value);
        return value;
    }

    int size() {
        return size;
    }

    /** Every value, in no particular order; for building, not for lookups. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> list = new ArrayList<>(size);
        for (Object value : values) {
            if (value != null) {
                list.add((V) value);
            }
        }
        return list;
    }

    private void insert(String key, Object value) {
        int mask = keys.length - 1;
        int i = spread(key.hashCode()) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    private void resize(int capacity) {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new String[capacity];
        values = new Object[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** The same value as {@code s.substring(from, to).hashCode()}, without the substring. */
    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
