package io.github.gonefilter.matching;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.Arrays;

/**
 * Ant-style globs arranged by segment, so a lookup walks the path once instead of trying every glob.
 * Lookups allocate nothing: segments are compared in place in the path string.
 */
final class GlobTrie {

    private final Node root = new Node();
    private boolean empty = true;
    private boolean anyScheduled;

    boolean isEmpty() {
        return empty;
    }

    /** Whether any glob has a {@code goneFrom}: only then can a lookup find a scheduled one. */
    boolean anyScheduled() {
        return anyScheduled;
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
                node = node.literals.child(segment, Node::new);
            }
        }
        node.addTerminal(new Entry(tombstone, literalPrefix, sequence));
        empty = false;
        anyScheduled |= tombstone.goneFrom() != null;
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
            Entry[] terminals = node.terminals;
            for (int i = 0, n = node.terminalCount; i < n; i++) {
                best = terminals[i].betterThan(best, now, active) ? terminals[i] : best;
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
            Wildcard[] wildcards = node.wildcards;
            for (int i = 0, n = node.wildcardCount; i < n; i++) {
                if (wildcards[i].matches(path, start, end)) {
                    best = match(wildcards[i].child, path, end, now, active, best);
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

    /** Arrays rather than lists: the recursive walk cannot rely on escape analysis to drop iterators. */
    private static final class Node {
        private static final Wildcard[] NO_WILDCARDS = {};
        private static final Entry[] NO_ENTRIES = {};

        final SegmentTable<Node> literals = new SegmentTable<>();
        Wildcard[] wildcards = NO_WILDCARDS;
        int wildcardCount;
        Entry[] terminals = NO_ENTRIES;
        int terminalCount;
        Node anyDepth;

        Node wildcard(String segment) {
            for (int i = 0; i < wildcardCount; i++) {
                if (wildcards[i].pattern.equals(segment)) {
                    return wildcards[i].child;
                }
            }
            Wildcard w = new Wildcard(segment, new Node());
            if (wildcardCount == wildcards.length) {
                wildcards = Arrays.copyOf(wildcards, Math.max(1, wildcardCount * 2));
            }
            wildcards[wildcardCount++] = w;
            return w.child;
        }

        void addTerminal(Entry entry) {
            if (terminalCount == terminals.length) {
                terminals = Arrays.copyOf(terminals, Math.max(1, terminalCount * 2));
            }
            terminals[terminalCount++] = entry;
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
            // now == null asks whether the glob matches at all, whatever the time (see TombstoneIndex.mayMatch)
            boolean eligible = now == null || (active ? tombstone.isActiveAt(now) : tombstone.isScheduledAt(now));
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
}
