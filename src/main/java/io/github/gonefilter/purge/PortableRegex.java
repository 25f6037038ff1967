package io.github.gonefilter.purge;

/**
 * Whether a Java regular expression (a tombstone's, its outer anchors removed) means the same to PCRE (Varnish's
 * bans) and may be embedded in a longer expression. Read conservatively, construct by construct: anything not known
 * to be common to both is not portable, and then a ban falls back to the regex's literal directory.
 *
 * <p>Not portable: anchors inside ({@code ^}, {@code $}, {@code \A}, {@code \z}, {@code \G}; {@code ^x|^y} would
 * never match after the context path); Java-only syntax ({@code \p{IsLatin}}, {@code \p{javaLowerCase}},
 * {@code \p{Lower}}, {@code [a-z&&[^q]]}, nested classes, {@code \}{@code u0041}, {@code \N{...}},
 * {@code \b{g}}); lookbehind (PCRE's must be of fixed length); inline flags other than {@code i}, {@code s},
 * {@code m} ({@code (?U)} is ungreedy in PCRE, {@code (?x)} would lose its spaces to percent-encoding).
 */
final class PortableRegex {

    private PortableRegex() {
    }

    static boolean isPortable(String expression) {
        boolean inClass = false;
        int n = expression.length();
        for (int i = 0; i < n; i++) {
            char c = expression.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    return false;
                }
                char e = expression.charAt(++i);
                if (e == 'Q') {
                    int end = expression.indexOf("\\E", i + 1);
                    if (end < 0) {
                        return false;
                    }
                    i = end + 1;
                    continue;
                }
                int next = escape(expression, i, inClass);
                if (next < 0) {
                    return false;
                }
                i = next;
                continue;
            }
            if (inClass) {
                if (c == '[' || (c == '&' && i + 1 < n && expression.charAt(i + 1) == '&')) {
                    return false; // Java's nested classes and intersections; PCRE reads [ and && literally
                }
                if (c == ']' && !classJustOpened(expression, i)) {
                    inClass = false;
                }
                continue;
            }
            switch (c) {
                case '[' -> inClass = true;
                case '^', '$' -> {
                    return false;
                }
                case '(' -> {
                    if (i + 1 < n && expression.charAt(i + 1) == '?' && !portableGroup(expression, i + 2)) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return !inClass;
    }

    /** Whether the {@code ]} at {@code i} is a literal because it comes first in its class ({@code []]}, {@code [^]]}). */
    private static boolean classJustOpened(String expression, int i) {
        int j = i - 1;
        if (j >= 0 && expression.charAt(j) == '^') {
            j--;
        }
        return j >= 0 && expression.charAt(j) == '[' && (j == 0 || expression.charAt(j - 1) != '\\');
    }

    /**
     * The index of the last character of the escape whose letter is at {@code i}, or -1 if PCRE may read it
     * differently.
     */
    private static int escape(String expression, int i, boolean inClass) {
        char e = expression.charAt(i);
        if (!Character.isLetterOrDigit(e)) {
            return e < 0x80 ? i : -1; // an escaped ASCII metacharacter or punctuation is literal in both
        }
        if ("dDwWsStnrfe".indexOf(e) >= 0) {
            return i;
        }
        if (e == 'b' || e == 'B') {
            boolean javaBoundaryType = i + 1 < expression.length() && expression.charAt(i + 1) == '{';
            return inClass || javaBoundaryType ? -1 : i;
        }
        if (e >= '1' && e <= '9') {
            return inClass ? -1 : i; // a back-reference
        }
        if (e == 'x') {
            if (i + 1 < expression.length() && expression.charAt(i + 1) == '{') {
                int close = expression.indexOf('}', i);
                return close > i + 2 && isHex(expression, i + 2, close) ? close : -1;
            }
            return i + 2 < expression.length() && isHex(expression, i + 1, i + 3) ? i + 2 : -1;
        }
        if (e == 'p' || e == 'P') {
            // Only general categories (\pL, \p{Lu}); Java's Is/In/java/POSIX names are unknown to PCRE or differ.
            if (i + 1 < expression.length() && expression.charAt(i + 1) == '{') {
                int close = expression.indexOf('}', i);
                if (close < 0) {
                    return -1;
                }
                String name = expression.substring(i + 2, close);
                return name.length() >= 1 && name.length() <= 2 && Character.isUpperCase(name.charAt(0))
                        && name.chars().allMatch(ch -> ch >= 'A' && ch <= 'z' && Character.isLetter(ch)) ? close : -1;
            }
            return i + 1 < expression.length() && "LMNPSZC".indexOf(expression.charAt(i + 1)) >= 0 ? i + 1 : -1;
        }
        return -1; // anchors (A z Z G), Unicode and named escapes, h v R X k, anything unknown: not portable
    }

    private static boolean isHex(String s, int from, int to) {
        if (to > s.length()) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** After {@code (?}: non-capturing, lookahead, atomic or named groups, and the flags i, s and m. */
    private static boolean portableGroup(String expression, int i) {
        if (i >= expression.length()) {
            return false;
        }
        char c = expression.charAt(i);
        if (c == ':' || c == '=' || c == '!' || c == '>') {
            return true;
        }
        if (c == '<') {
            return i + 1 < expression.length() && Character.isLetter(expression.charAt(i + 1)); // not lookbehind
        }
        int k = i;
        while (k < expression.length() && "ism-".indexOf(expression.charAt(k)) >= 0) {
            k++;
        }
        return k > i && k < expression.length() && (expression.charAt(k) == ')' || expression.charAt(k) == ':');
    }
}
