package io.github.gonefilter.internal.matching;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Regular-expression tombstones arranged by the whole path segments of their literal prefix, so that a
 * lookup only tries the expressions whose prefix the path can start with: {@code ^/reports/r7/\d+} is
 * tried for paths under {@code /reports/r7/} and never for {@code /items/1}. An expression without a
 * usable prefix (such as {@code .*} or an alternation) is tried for every path.
 */
final class RegexIndex {

    private final Node root = new Node();
    private int size;
    private boolean anyScheduled;

    /**
     * Adds an expression; {@code sequence} is its declaration order, and entries must be added in
     * increasing sequence.
     *
     * @param prefix  what every match starts with (folded like the paths if the index is case-insensitive)
     */
    void add(String prefix, Pattern pattern, Tombstone tombstone, int sequence) {
        Node node = root;
        if (prefix.startsWith("/")) {
            int start = 1;
            int slash;
            while ((slash = prefix.indexOf('/', start)) >= 0) {
                node = node.children.child(prefix.substring(start, slash), Node::new);
                start = slash + 1;
            }
        }
        node.add(new Entry(prefix, pattern, tombstone, sequence));
        size++;
        anyScheduled |= tombstone.goneFrom() != null;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    boolean anyScheduled() {
        return anyScheduled;
    }

    /**
     * The first expression in declaration order that matches {@code path} and is in force at {@code now}
     * (if {@code active}) or scheduled after it (if not); {@code null} if none.
     */
    Tombstone first(String path, Instant now, boolean active) {
        return first(path, now, active ? Wanted.ACTIVE : Wanted.SCHEDULED);
    }

    /** As {@link #first(String, Instant, boolean)}, for what {@link Wanted} {@code want} says. */
    Tombstone first(String path, Instant now, int want) {
        Entry best = firstIn(root, path, now, want, null);
        Node node = root;
        int length = path.length();
        int pos = 0;
        while (pos < length) {
            int start = pos + 1;
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            node = node.children.find(path, start, end);
            if (node == null) {
                break;
            }
            best = firstIn(node, path, now, want, best);
            pos = end;
        }
        return best == null ? null : best.tombstone;
    }

    private static Entry firstIn(Node node, String path, Instant now, int want, Entry best) {
        Entry[] entries = node.entries;
        for (int i = 0, n = node.count; i < n; i++) {
            Entry e = entries[i];
            if (best != null && e.sequence > best.sequence) {
                return best; // entries are in declaration order: nothing later can win
            }
            if (path.startsWith(e.prefix) && e.pattern.matcher(path).matches()
                    && Wanted.eligible(e.tombstone, now, want)) {
                return e;
            }
        }
        return best;
    }

    private static final class Node {
        private static final Entry[] NONE = {};
        final SegmentTable<Node> children = new SegmentTable<>();
        Entry[] entries = NONE;
        int count;

        void add(Entry e) {
            if (count == entries.length) {
                entries = Arrays.copyOf(entries, Math.max(2, count * 2));
            }
            entries[count++] = e;
        }
    }

    private record Entry(String prefix, Pattern pattern, Tombstone tombstone, int sequence) {
    }
}
