package io.github.gonefilter.internal.matching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho–Corasick automaton over literal pieces: one pass over a text reports every piece that occurs in it,
 * each once, in O(text length + pieces reported), however many pieces there are. The wildcard siblings of a
 * glob node that share their literal ends are indexed by their longest middle piece this way, so that a
 * segment is checked only against the siblings whose most selective piece it holds.
 *
 * <p>Each piece is reported once per pass: a piece's dictionary-suffix chain (the shorter pieces that end
 * where it ends) was walked when the piece was first reported, so the walk stops at the first piece already
 * reported. Read-only once built; a pass allocates only the set of pieces reported.
 */
final class PieceAutomaton<V> {

    /** Receives the values of a piece found in the text. */
    interface Found<V> {
        /** @return {@code true} to stop the pass (a lookup that is settled) */
        boolean found(V[] values);
    }

    /** Per state: sorted transition characters and their target states. */
    private final char[][] labels;
    private final int[][] targets;
    private final int[] fail;
    /** Per state: the piece ending here, or -1. */
    private final int[] piece;
    /** Per state: the nearest state on its fail chain (itself excluded) that ends a piece, or -1. */
    private final int[] dictionary;
    private final V[][] values;

    private PieceAutomaton(char[][] labels, int[][] targets, int[] fail, int[] piece, int[] dictionary, V[][] values) {
        this.labels = labels;
        this.targets = targets;
        this.fail = fail;
        this.piece = piece;
        this.dictionary = dictionary;
        this.values = values;
    }

    /**
     * Runs over {@code s[from, to)} and hands each piece that occurs there (once) to {@code found}.
     *
     * @return whether {@code found} stopped the pass
     */
    boolean scan(String s, int from, int to, Found<V> found) {
        BitSet reported = null;
        int state = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int next;
            while ((next = step(state, c)) < 0 && state != 0) {
                state = fail[state];
            }
            state = Math.max(next, 0);
            for (int at = piece[state] >= 0 ? state : dictionary[state]; at >= 0; at = dictionary[at]) {
                int p = piece[at];
                if (reported == null) {
                    reported = new BitSet();
                } else if (reported.get(p)) {
                    break; // it, and every shorter piece on its chain, were reported when it was first found
                }
                reported.set(p);
                if (found.found(values[p])) {
                    return true;
                }
            }
        }
        return false;
    }

    private int step(int state, char c) {
        char[] l = labels[state];
        int i = Arrays.binarySearch(l, c);
        return i >= 0 ? targets[state][i] : -1;
    }

    /** Collects pieces and their values, then builds the automaton. */
    static final class Builder<V> {
        private final Map<String, List<V>> byPiece = new LinkedHashMap<>();

        void add(String piece, V value) {
            if (piece.isEmpty()) {
                throw new IllegalArgumentException("piece must not be empty");
            }
            byPiece.computeIfAbsent(piece, k -> new ArrayList<>(1)).add(value);
        }

        @SuppressWarnings("unchecked")
        PieceAutomaton<V> build(V[] empty) {
            List<Map<Character, Integer>> go = new ArrayList<>();
            List<Integer> ends = new ArrayList<>();
            go.add(new java.util.TreeMap<>());
            ends.add(-1);
            V[][] values = (V[][]) new Object[byPiece.size()][];
            int p = 0;
            for (Map.Entry<String, List<V>> e : byPiece.entrySet()) {
                int state = 0;
                for (char c : e.getKey().toCharArray()) {
                    Integer next = go.get(state).get(c);
                    if (next == null) {
                        next = go.size();
                        go.get(state).put(c, next);
                        go.add(new java.util.TreeMap<>());
                        ends.add(-1);
                    }
                    state = next;
                }
                ends.set(state, p);
                values[p++] = e.getValue().toArray(empty);
            }
            int n = go.size();
            char[][] labels = new char[n][];
            int[][] targets = new int[n][];
            int[] piece = new int[n];
            for (int s = 0; s < n; s++) {
                Map<Character, Integer> m = go.get(s);
                labels[s] = new char[m.size()];
                targets[s] = new int[m.size()];
                int i = 0;
                for (Map.Entry<Character, Integer> t : m.entrySet()) { // a TreeMap: sorted for binary search
                    labels[s][i] = t.getKey();
                    targets[s][i++] = t.getValue();
                }
                piece[s] = ends.get(s);
            }
            int[] fail = new int[n];
            int[] dictionary = new int[n];
            dictionary[0] = -1;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int child : targets[0]) {
                fail[child] = 0;
                dictionary[child] = -1;
                queue.add(child);
            }
            PieceAutomaton<V> partial = new PieceAutomaton<>(labels, targets, fail, piece, dictionary, values);
            while (!queue.isEmpty()) { // breadth first: a state's fail link is shallower, so already known
                int s = queue.poll();
                for (int i = 0; i < labels[s].length; i++) {
                    char c = labels[s][i];
                    int child = targets[s][i];
                    int f = fail[s];
                    int next;
                    while ((next = partial.step(f, c)) < 0 && f != 0) {
                        f = fail[f];
                    }
                    fail[child] = next >= 0 && next != child ? next : 0;
                    dictionary[child] = piece[fail[child]] >= 0 ? fail[child] : dictionary[fail[child]];
                    queue.add(child);
                }
            }
            return partial;
        }
    }
}
