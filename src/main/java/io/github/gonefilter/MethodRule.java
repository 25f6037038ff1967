package io.github.gonefilter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which request methods get the tombstone's answer. Method names are case-sensitive (RFC 9110). */
record MethodRule(boolean all, Set<String> listed) {

    boolean applies(String method) {
        return all != listed.contains(method); // with '*', the listed methods are the exemptions
    }

    static MethodRule parse(List<String> entries) {
        boolean all = false;
        Set<String> included = new HashSet<>();
        Set<String> excluded = new HashSet<>();
        for (String entry : entries) {
            String e = entry.trim();
            if (e.equals("*")) {
                all = true;
            } else if (e.startsWith("!")) {
                excluded.add(token(e.substring(1).trim(), entry));
            } else {
                included.add(token(e, entry));
            }
        }
        if (all && !included.isEmpty()) {
            throw new IllegalArgumentException("methods: '*' already includes " + included
                    + "; list exemptions as !NAME");
        }
        if (!all && !excluded.isEmpty()) {
            throw new IllegalArgumentException("methods: exemptions " + excluded + " need '*' before them");
        }
        if (!all && included.isEmpty()) {
            throw new IllegalArgumentException("methods must name at least one method, or '*'");
        }
        return new MethodRule(all, Set.copyOf(all ? excluded : included));
    }

    /** As configured: {@code *, !OPTIONS} or {@code GET, HEAD}. */
    @Override
    public String toString() {
        List<String> names = listed.stream().sorted().map(m -> all ? "!" + m : m).toList();
        List<String> parts = new ArrayList<>();
        if (all) {
            parts.add("*");
        }
        parts.addAll(names);
        return String.join(", ", parts);
    }

    private static String token(String method, String entry) {
        String upper = method.toUpperCase(Locale.ROOT);
        if (upper.isEmpty() || !upper.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
            throw new IllegalArgumentException("'" + entry.trim() + "' is not an HTTP method");
        }
        return upper;
    }
}
