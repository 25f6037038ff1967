package io.github.gonefilter.internal.matching;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ant-style globs arranged by segment, so a lookup walks the path once instead of trying every glob.
 *
 * <p>A lookup never backtracks, and its cost is bounded whatever the path and the globs:
 * <ul>
 * <li>Every node of the trie is processed at most once per segment boundary of the path. Without {@code **}
 * a node is only reached at its own depth. A {@code **} node is entered at one boundary and tries every
 * later one; one that lies below another {@code **} (and so can be entered at many boundaries) remembers,
 * for the lookup, the lowest boundary it was entered at, so that a later entry only tries the boundaries
 * not tried yet. The walk is a Thompson-style simulation of every glob at once: O(segments &times; nodes),
 * never one branch per way of splitting the path between the {@code **}s.</li>
 * <li>At a node, the literal child is one table probe, and the wildcard children are looked up by their
 * literal ends (a trie of suffixes walked from the segment's end, then a trie of prefixes walked from its
 * start), so that only the patterns whose fixed start and end fit the segment are checked, each in linear
 * time ({@link SegmentGlob}). Where many patterns share both ends (including none, as {@code *-7-*} and
 * {@code *-8-*} do), they are indexed by their longest middle piece in an Aho–Corasick automaton
 * ({@link PieceAutomaton}): one pass over the segment finds the patterns whose piece occurs in it, and only
 * those are checked.</li>
 * </ul>
 * So a segment costs O(its length &times; the distinct literal ends of the patterns at the node, plus the
 * patterns whose longest piece it holds), never one check per sibling. It allocates nothing, except a small
 * table for a lookup that enters a {@code **} with another {@code **} below it, and the set of pieces found
 * in a segment that holds some.
 */
final class GlobTrie {

    /** Up to this many wildcard segments at a node are checked one by one: cheaper than an index for so few. */
    private static final int FEW_WILDCARDS = 4;

    private final Node root;
    private final boolean anyScheduled;

    private GlobTrie(Node root, boolean anyScheduled) {
        this.root = root;
        this.anyScheduled = anyScheduled;
    }

    /** Whether any glob has a {@code goneFrom}: only then can a lookup find a scheduled one. */
    boolean anyScheduled() {
        return anyScheduled;
    }

    /**
     * The most specific glob that matches {@code path}: in force at {@code now} if {@code active}, else
     * scheduled after {@code now}; with {@code now == null}, any glob that matches at all. {@code null} if none.
     */
    Tombstone best(String path, Instant now, boolean active) {
        return best(path, now, active ? Wanted.ACTIVE : Wanted.SCHEDULED);
    }

    /** As {@link #best(String, Instant, boolean)}, for what {@link Wanted} {@code want} says. */
    Tombstone best(String path, Instant now, int want) {
        Entry best = match(root, path, path.length() == 1 ? 1 : 0, now, want, null, null);
        return best == null ? null : best.tombstone;
    }

    /** Collects globs, then freezes them into a {@link GlobTrie}. */
    static final class Builder {
        private final Node root = new Node();
        private boolean empty = true;
        private boolean anyScheduled;

        boolean isEmpty() {
            return empty;
        }

        /** Adds a canonical glob (folded already if the index ignores case); {@code sequence} is its declaration order. */
        void add(String glob, Tombstone tombstone, int sequence) {
            Node node = root;
            int literalPrefix = glob.indexOf('*');
            boolean afterAnyDepth = false;
            for (String segment : glob.substring(1).split("/", -1)) {
                if (segment.equals("**") && afterAnyDepth) {
                    continue; // '**/**' matches what one '**' does: one node, not a chain to simulate
                }
                afterAnyDepth = segment.equals("**");
                if (afterAnyDepth) {
                    if (node.anyDepth == null) {
                        node.anyDepth = new Node();
                    }
                    node = node.anyDepth;
                } else if (segment.indexOf('*') >= 0) {
                    if (node.building == null) {
                        node.building = new LinkedHashMap<>();
                    }
                    node = node.building.computeIfAbsent(segment, s -> new Node());
                } else {
                    node = node.literals.child(segment, Node::new);
                }
            }
            node.addTerminal(new Entry(tombstone, literalPrefix, sequence));
            empty = false;
            anyScheduled |= tombstone.goneFrom() != null;
        }

        GlobTrie build() {
            root.seal(false, new int[1]);
            return new GlobTrie(root, anyScheduled);
        }
    }

    /**
     * @param pos  index of the '/' that starts the next segment, or path.length() when all segments are
     *             consumed (the root path "/" has no segments)
     * @param memo the lowest entry boundaries of nested '**' nodes, shared by the whole walk below the
     *             outermost '**' that holds them; {@code null} elsewhere
     */
    private static Entry match(Node node, String path, int pos, Instant now, int want, Entry best, Memo memo) {
        int length = path.length();
        if (pos >= length) {
            Entry[] terminals = node.terminals;
            for (Entry terminal : terminals) {
                best = terminal.betterThan(best, now, want) ? terminal : best;
            }
        } else {
            int start = pos + 1;
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            Node literal = node.literals.find(path, start, end);
            if (literal != null) {
                best = match(literal, path, end, now, want, best, memo);
            }
            if (node.fewWildcards != null) {
                for (Wildcard w : node.fewWildcards) {
                    if (settled(now, best)) {
                        return best;
                    }
                    if (w.glob.matches(path, start, end)) {
                        best = match(w.child, path, end, now, want, best, memo);
                    }
                }
            } else if (node.wildcardsBySuffix != null) {
                best = matchIndexed(node.wildcardsBySuffix, path, start, end, now, want, best, memo);
            }
        }
        Node any = node.anyDepth;
        if (any != null && !settled(now, best)) {
            // '**' consumes zero or more whole segments: try every boundary from here on that was not tried yet.
            int stop = any.memoSlot >= 0 ? memo.enter(any.memoSlot, pos) : Integer.MAX_VALUE;
            Memo inner = any.opensMemo ? new Memo() : memo;
            int p = pos;
            while (p < stop) {
                best = match(any, path, p, now, want, best, inner);
                if (p >= length || settled(now, best)) {
                    break;
                }
                int next = path.indexOf('/', p + 1);
                p = next < 0 ? length : next;
            }
        }
        return best;
    }

    /**
     * The wildcard children whose pattern matches the segment {@code path[start, end)}: walks the suffix trie
     * from the segment's last character; at each suffix that ends some patterns, walks their prefix trie from
     * the segment's first character (never past the suffix), and checks only the middle of the patterns found.
     */
    private static Entry matchIndexed(CharTrie<CharTrie<Bucket>> suffixes, String path, int start, int end,
            Instant now, int want, Entry best, Memo memo) {
        CharTrie<CharTrie<Bucket>> bySuffix = suffixes;
        int suffixStart = end;
        while (bySuffix != null) {
            CharTrie<Bucket> byPrefix = bySuffix.value();
            int prefixEnd = start;
            while (byPrefix != null) {
                Bucket bucket = byPrefix.value();
                if (bucket != null) {
                    best = bucket.byPiece == null
                            ? matchEach(bucket.wildcards, bucket.count, path, prefixEnd, suffixStart, end, now, want, best, memo)
                            : matchByPiece(bucket, path, prefixEnd, suffixStart, end, now, want, best, memo);
                    if (settled(now, best)) {
                        return best;
                    }
                }
                byPrefix = prefixEnd < suffixStart ? byPrefix.child(path.charAt(prefixEnd++)) : null;
            }
            bySuffix = suffixStart > start ? bySuffix.child(path.charAt(--suffixStart)) : null;
        }
        return best;
    }

    /** Checks each of {@code count} wildcards against the middle {@code path[from, to)} of the segment ending at {@code end}. */
    private static Entry matchEach(Wildcard[] wildcards, int count, String path, int from, int to, int end,
            Instant now, int want, Entry best, Memo memo) {
        for (int i = 0; i < count; i++) {
            Wildcard w = wildcards[i];
            if (w.glob.middleMatches(path, from, to)) {
                best = match(w.child, path, end, now, want, best, memo);
                if (settled(now, best)) {
                    return best;
                }
            }
        }
        return best;
    }

    /**
     * A large bucket: one pass of its automaton over the middle {@code path[from, to)} finds the wildcards whose
     * longest middle piece occurs there, and only those are checked; those without a middle piece always are.
     */
    private static Entry matchByPiece(Bucket bucket, String path, int from, int to, int end, Instant now,
            int want, Entry best, Memo memo) {
        best = matchEach(bucket.wildcards, bucket.count, path, from, to, end, now, want, best, memo);
        if (settled(now, best)) {
            return best;
        }
        Entry[] found = {best};
        bucket.byPiece.scan(path, from, to, wildcards -> {
            for (Wildcard w : wildcards) {
                // A single middle piece that occurs in the middle is the whole match: no second pass over it.
                if (w.glob.middlePieces() == 1 || w.glob.middleMatches(path, from, to)) {
                    found[0] = match(w.child, path, end, now, want, found[0], memo);
                    if (settled(now, found[0])) {
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    /** A question of "any match at all" ({@code now == null}) is settled by the first match. */
    private static boolean settled(Instant now, Entry best) {
        return now == null && best != null;
    }

    /** Arrays rather than lists: the recursive walk cannot rely on escape analysis to drop iterators. */
    private static final class Node {
        private static final Entry[] NO_ENTRIES = {};

        final SegmentTable<Node> literals = new SegmentTable<>();
        /** While building: the wildcard segments below this node and their nodes, in the order first added. */
        Map<String, Node> building;
        /** Once built, at most one of these: a few wildcard segments, or all of them by suffix, then prefix. */
        Wildcard[] fewWildcards;
        CharTrie<CharTrie<Bucket>> wildcardsBySuffix;
        Entry[] terminals = NO_ENTRIES;
        int terminalCount;
        Node anyDepth;
        /** For a '**' node below another '**': its slot in the lookup's {@link Memo}; -1 otherwise. */
        int memoSlot = -1;
        /** For a '**' node below no other: whether nested '**' nodes lie below it, so a lookup needs a memo here. */
        boolean opensMemo;

        void addTerminal(Entry entry) {
            if (terminalCount == terminals.length) {
                terminals = Arrays.copyOf(terminals, Math.max(1, terminalCount * 2));
            }
            terminals[terminalCount++] = entry;
        }

        /**
         * Freezes this node and everything below it and numbers nested '**' nodes from {@code slots[0]}.
         *
         * @return how many '**' nodes that lie below another '**' this subtree holds
         */
        int seal(boolean belowAnyDepth, int[] slots) {
            terminals = Arrays.copyOf(terminals, terminalCount);
            int nested = 0;
            for (Node child : literals.values()) {
                nested += child.seal(belowAnyDepth, slots);
            }
            if (building != null) {
                Wildcard[] all = new Wildcard[building.size()];
                int i = 0;
                for (Map.Entry<String, Node> e : building.entrySet()) {
                    nested += e.getValue().seal(belowAnyDepth, slots);
                    all[i++] = new Wildcard(new SegmentGlob(e.getKey()), e.getValue());
                }
                building = null;
                if (all.length <= FEW_WILDCARDS) {
                    fewWildcards = all;
                } else {
                    wildcardsBySuffix = new CharTrie<>();
                    Map<Bucket, Boolean> buckets = new IdentityHashMap<>();
                    for (Wildcard w : all) {
                        Bucket bucket = wildcardsBySuffix.value(w.glob.suffix(), true, CharTrie::new)
                                .value(w.glob.prefix(), false, Bucket::new);
                        bucket.add(w);
                        buckets.put(bucket, true);
                    }
                    buckets.keySet().forEach(Bucket::seal);
                }
            }
            if (anyDepth != null) {
                if (belowAnyDepth) {
                    anyDepth.memoSlot = slots[0]++;
                    nested += 1 + anyDepth.seal(true, slots);
                } else {
                    int below = anyDepth.seal(true, slots);
                    anyDepth.opensMemo = below > 0;
                    nested += below;
                }
            }
            return nested;
        }
    }

    /** A segment with '*' wildcards inside, such as {@code *.html} or {@code user-*}, and the node it leads to. */
    private record Wildcard(SegmentGlob glob, Node child) {
    }

    /**
     * The wildcard segments of one node that share a literal suffix and a literal prefix. A few are checked one
     * by one; more are indexed by their longest middle piece ({@link #byPiece}), and then {@link #wildcards}
     * holds only those without a middle piece (at most a handful: {@code a*b}, {@code a**b}).
     */
    private static final class Bucket {
        private static final Wildcard[] NONE = {};

        Wildcard[] wildcards = new Wildcard[1];
        int count;
        PieceAutomaton<Wildcard> byPiece;

        void add(Wildcard w) {
            if (count == wildcards.length) {
                wildcards = Arrays.copyOf(wildcards, count * 2);
            }
            wildcards[count++] = w;
        }

        void seal() {
            if (count <= FEW_WILDCARDS) {
                return;
            }
            PieceAutomaton.Builder<Wildcard> pieces = new PieceAutomaton.Builder<>();
            List<Wildcard> withoutPiece = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String piece = wildcards[i].glob.longestMiddle();
                if (piece.isEmpty()) {
                    withoutPiece.add(wildcards[i]);
                } else {
                    pieces.add(piece, wildcards[i]);
                }
            }
            byPiece = pieces.build(NONE);
            wildcards = withoutPiece.toArray(NONE);
            count = wildcards.length;
        }
    }

    /**
     * For one lookup, the lowest boundary at which each nested '**' node (by {@link Node#memoSlot}) was
     * entered: every boundary from there on was tried then, so a later entry adds nothing there.
     */
    private static final class Memo {
        private int[] slots; // slot + 1; 0 is free. Allocated when first needed: most walks never need it.
        private int[] lowest;
        private int size;

        /** Records an entry at {@code pos}; returns the boundary from which on all was tried already (MAX_VALUE: none). */
        int enter(int slot, int pos) {
            if (slots == null) {
                slots = new int[8];
                lowest = new int[8];
            }
            int mask = slots.length - 1;
            for (int i = home(slot, mask); ; i = (i + 1) & mask) {
                if (slots[i] == slot + 1) {
                    int before = lowest[i];
                    lowest[i] = Math.min(before, pos);
                    return before;
                }
                if (slots[i] == 0) {
                    slots[i] = slot + 1;
                    lowest[i] = pos;
                    if (++size * 2 > slots.length) {
                        grow();
                    }
                    return Integer.MAX_VALUE;
                }
            }
        }

        private static int home(int slot, int mask) {
            int h = slot * 0x9E3779B9;
            return (h ^ (h >>> 16)) & mask;
        }

        private void grow() {
            int[] oldSlots = slots;
            int[] oldLowest = lowest;
            slots = new int[oldSlots.length * 2];
            lowest = new int[oldSlots.length * 2];
            int mask = slots.length - 1;
            for (int j = 0; j < oldSlots.length; j++) {
                if (oldSlots[j] != 0) {
                    int i = home(oldSlots[j] - 1, mask);
                    while (slots[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    slots[i] = oldSlots[j];
                    lowest[i] = oldLowest[j];
                }
            }
        }
    }

    private record Entry(Tombstone tombstone, int literalPrefix, int sequence) {
        boolean betterThan(Entry other, Instant now, int want) {
            // now == null asks whether the glob matches at all, whatever the time (see TombstoneIndex.mayMatch)
            boolean eligible = Wanted.eligible(tombstone, now, want);
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
