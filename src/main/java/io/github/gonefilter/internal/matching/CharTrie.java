package io.github.gonefilter.internal.matching;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A trie of characters with a value at any node, walked by the caller one character at a time so that a
 * lookup allocates nothing. Children are kept in a sorted array and found by binary search. Filled while
 * an index is built, read-only afterwards.
 */
final class CharTrie<V> {

    private static final char[] NO_KEYS = {};
    private static final CharTrie<?>[] NO_CHILDREN = {};

    private char[] keys = NO_KEYS;
    @SuppressWarnings("unchecked")
    private CharTrie<V>[] children = (CharTrie<V>[]) NO_CHILDREN;
    private int count;
    private V value;

    /** The value stored at this node, or {@code null}. */
    V value() {
        return value;
    }

    /** The child for {@code c}, or {@code null}. */
    CharTrie<V> child(char c) {
        int i = Arrays.binarySearch(keys, 0, count, c);
        return i >= 0 ? children[i] : null;
    }

    /**
     * The value at the node for {@code key}, read forwards or, if {@code reversed}, from its last character to
     * its first; created by {@code create} (with the nodes on the way) if absent.
     */
    V value(String key, boolean reversed, Supplier<V> create) {
        CharTrie<V> node = this;
        int n = key.length();
        for (int i = 0; i < n; i++) {
            node = node.childOrNew(key.charAt(reversed ? n - 1 - i : i));
        }
        if (node.value == null) {
            node.value = create.get();
        }
        return node.value;
    }

    private CharTrie<V> childOrNew(char c) {
        int i = Arrays.binarySearch(keys, 0, count, c);
        if (i >= 0) {
            return children[i];
        }
        int at = -1 - i;
        if (count == keys.length) {
            int capacity = Math.max(2, count * 2);
            keys = Arrays.copyOf(keys, capacity);
            children = Arrays.copyOf(children, capacity);
        }
        System.arraycopy(keys, at, keys, at + 1, count - at);
        System.arraycopy(children, at, children, at + 1, count - at);
        CharTrie<V> child = new CharTrie<>();
        keys[at] = c;
        children[at] = child;
        count++;
        return child;
    }
}
