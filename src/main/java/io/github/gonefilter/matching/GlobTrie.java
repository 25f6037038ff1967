package io.github.gonefilter.matching;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ant-style globs arranged by segment, so a lookup walks the path once instead of trying every glob.
 * Lookups allocate nothing: segments are compared in place in the path string.
 */
final class GlobTrie {

    private final Node root = new Node();
    private boolean empty = true;

    boolean isEmpty() {
        return empty;
    }

    void add(String glob, Tombstone tombstone, int sequence) {
        Node node = root;
        int literalPrefix = glob.indexOf('*');
        for (String segment : glob.substring(1).split("/", -1)) {
            if (segment.equals("**")) {
                if (node.anyDepth == null) {
                    node.anyDepth = new Node();
                }
                node = node.anyDepth;
            } else if (segment.indexOf('*') >= 0) {
                node = node.wildcard(segment);
            } else {
                node = node.literals.child(segment);
            }
        }
        node.terminals.add(new Entry(tombstone, literalPrefix, sequence));
        empty = false;
    }

    /**
     * The most specific glob that matches {@code path}: in force at {@code now} if {@code active}, else
     * scheduled after {@code now}. {@code null} if none.
     */
    Tombstone best(String path, Instant now, boolean active) {
        Entry best = match(root, path, path.length() == 1 ? 1 : 0, now, active, null);
        return best == null ? null : best.tombstone;
    }

    /**
     * @param pos index of the '/' that starts the next segment, or path.length() when all segments are
     *            consumed (the root path "/" has no segments)
     */
    private static Entry match(Node node, String path, int pos, Instant now, boolean active, Entry best) {
        int length = path.length();
        if (pos >= length) {
            for (Entry e : node.terminals) {
                best = e.betterThan(best, now, active) ? e : best;
            }
        } else {
            int start = pos + 1;
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            Node literal = node.literals.find(path, start, end);
            if (literal != null) {
                best = match(literal, path, end, now, active, best);
            }
            for (Wildcard w : node.wildcards) {
                if (w.matches(path, start, end)) {
                    best = match(w.child, path, end, now, active, best);
                }
            }
        }
        if (node.anyDepth != null) {
            // '**' consumes zero or more whole segments: try every remaining segment boundary.
            int p = pos;
            while (true) {
                best = match(node.anyDepth, path, p, now, active, best);
                if (p >= length) {
                    break;
                }
                int next = path.indexOf('/', p + 1);
                p = next < 0 ? length : next;
            }
        }
        return best;
    }

    private static final class Node {
        final SegmentTable literals = new SegmentTable();
        final List<Wildcard> wildcards = new ArrayList<>(0);
        final List<Entry> terminals = new ArrayList<>(0);
        Node anyDepth;

        Node wildcard(String segment) {
            for (Wildcard w : wildcards) {
                if (w.pattern.equals(segment)) {
                    return w.child;
                }
            }
            Wildcard w = new Wildcard(segment, new Node());
            wildcards.add(w);
            return w.child;
        }
    }

    /** A segment with '*' wildcards inside, such as {@code *.html} or {@code user-*}. */
    private record Wildcard(String pattern, Node child) {
        boolean matches(String path, int from, int to) {
            return matches(pattern, 0, path, from, to);
        }

        private static boolean matches(String p, int pi, String s, int si, int sEnd) {
            while (pi < p.length()) {
                char c = p.charAt(pi);
                if (c == '*') {
                    if (pi == p.length() - 1) {
                        return true;
                    }
                    for (int k = si; k <= sEnd; k++) {
                        if (matches(p, pi + 1, s, k, sEnd)) {
                            return true;
                        }
                    }
                    return false;
                }
                if (si >= sEnd || s.charAt(si) != c) {
                    return false;
                }
                pi++;
                si++;
            }
            return si == sEnd;
        }
    }

    private record Entry(Tombstone tombstone, int literalPrefix, int sequence) {
        boolean betterThan(Entry other, Instant now, boolean active) {
            boolean eligible = active ? tombstone.isActiveAt(now) : tombstone.isScheduledAt(now);
            if (!eligible) {
                return false;
            }
            if (other == null) {
                return true;
            }
            if (literalPrefix != other.literalPrefix) {
                return literalPrefix > other.literalPrefix;
            }
            return sequence < other.sequence;
        }
    }

    /** Open-addressing map from segment text to child node, looked up by a region of the path. */
    private static final class SegmentTable {
        private String[] keys = new String[0];
        private Node[] values = new Node[0];
        private int size;

        Node find(String s, int from, int to) {
            if (size == 0) {
                return null;
            }
            int mask = keys.length - 1;
            int i = spread(hash(s, from, to)) & mask;
            int length = to - from;
            while (true) {
                String key = keys[i];
                if (key == null) {
                    return null;
                }
                if (key.length() == length && key.regionMatches(0, s, from, length)) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
        }

        Node child(String segment) {
            Node existing = find(segment, 0, segment.length());
            if (existing != null) {
                return existing;
            }
            if ((size + 1) * 2 > keys.length) {
                resize(Math.max(4, keys.length * 2));
            }
            Node node = new Node();
            insert(segment, node);
            return node;
        }

        private void insert(String key, Node node) {
            int mask = keys.length - 1;
            int i = spread(key.hashCode()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = node;
            size++;
        }

        private void resize(int capacity) {
            String[] oldKeys = keys;
            Node[] oldValues = values;
            keys = new String[capacity];
            values = new Node[capacity];
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
}
