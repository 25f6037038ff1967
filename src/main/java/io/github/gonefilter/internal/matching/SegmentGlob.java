package io.github.gonefilter.internal.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * One path segment with {@code *} wildcards, such as {@code *.html}, {@code user-*} or {@code *-*-*.zip},
 * split at its stars into literal pieces. Matching never backtracks: the first piece must start the segment,
 * the last must end it, and each piece in between is found leftmost, after the previous one. Taking the
 * leftmost occurrence is exact when {@code *} is the only operator (any later occurrence leaves less room
 * for the rest), and each search is Knuth-Morris-Pratt, so a match costs O(segment length + pattern length)
 * whatever the segment holds.
 */
final class SegmentGlob {

    private final String pattern;
    private final String prefix;
    private final String suffix;
    /** The non-empty pieces between the first and the last star, in order. */
    private final String[] middle;
    /** For each middle piece, its KMP failure function: the longest proper border of each of its prefixes. */
    private final int[][] borders;
    private final int minLength;

    SegmentGlob(String pattern) {
        int first = pattern.indexOf('*');
        int last = pattern.lastIndexOf('*');
        if (first < 0 || pattern.indexOf('/') >= 0) {
            throw new IllegalArgumentException("segment pattern '" + pattern + "' must hold a '*' and no '/'");
        }
        this.pattern = pattern;
        this.prefix = pattern.substring(0, first);
        this.suffix = pattern.substring(last + 1);
        List<String> pieces = new ArrayList<>();
        for (String piece : pattern.substring(first + 1, last + 1).split("\\*")) {
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
        }
        this.middle = pieces.toArray(new String[0]);
        this.borders = new int[middle.length][];
        int length = prefix.length() + suffix.length();
        for (int k = 0; k < middle.length; k++) {
            borders[k] = borders(middle[k]);
            length += middle[k].length();
        }
        this.minLength = length;
    }

    String pattern() {
        return pattern;
    }

    /** The literal characters before the first star; may be empty. */
    String prefix() {
        return prefix;
    }

    /** The literal characters after the last star; may be empty. */
    String suffix() {
        return suffix;
    }

    /** The longest literal piece between the first and the last star (the first of equals); empty if none. */
    String longestMiddle() {
        String longest = "";
        for (String piece : middle) {
            if (piece.length() > longest.length()) {
                longest = piece;
            }
        }
        return longest;
    }

    /** How many literal pieces lie between the first and the last star. */
    int middlePieces() {
        return middle.length;
    }

    /** Whether the whole segment {@code s[from, to)} matches. */
    boolean matches(String s, int from, int to) {
        return to - from >= minLength
                && s.startsWith(prefix, from)
                && s.startsWith(suffix, to - suffix.length())
                && middleMatches(s, from + prefix.length(), to - suffix.length());
    }

    /**
     * Whether the middle pieces occur in order, without overlapping, in {@code s[from, to)}: the part of a
     * segment left between this pattern's prefix and suffix.
     */
    boolean middleMatches(String s, int from, int to) {
        int at = from;
        for (int k = 0; k < middle.length; k++) {
            int found = indexOf(k, s, at, to);
            if (found < 0) {
                return false;
            }
            at = found + middle[k].length();
        }
        return true;
    }

    /** The first index of middle piece {@code k} in {@code s[from, to)}, or -1: Knuth-Morris-Pratt, O(to - from). */
    private int indexOf(int k, String s, int from, int to) {
        String piece = middle[k];
        int[] border = borders[k];
        int m = piece.length();
        int matched = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            while (matched > 0 && piece.charAt(matched) != c) {
                matched = border[matched - 1];
            }
            if (piece.charAt(matched) == c && ++matched == m) {
                return i - m + 1;
            }
        }
        return -1;
    }

    private static int[] borders(String piece) {
        int[] border = new int[piece.length()];
        int length = 0;
        for (int i = 1; i < piece.length(); i++) {
            while (length > 0 && piece.charAt(i) != piece.charAt(length)) {
                length = border[length - 1];
            }
            if (piece.charAt(i) == piece.charAt(length)) {
                length++;
            }
            border[i] = length;
        }
        return border;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
