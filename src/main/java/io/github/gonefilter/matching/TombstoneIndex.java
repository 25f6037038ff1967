package io.github.gonefilter.matching;

import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An immutable, thread-safe index of tombstones that answers "which tombstone governs this path" without
 * trying every tombstone: exact paths in a hash table, globs in a segment trie, regular expressions only
 * when the path starts with their literal prefix. Build a new index to change it.
 *
 * <p>Precedence: a tombstone in force beats a scheduled one; among those, an exact path beats every glob,
 * the glob with the longest literal prefix beats other globs (declaration order breaks ties), and globs
 * beat regular expressions, which are tried in declaration order. Expired tombstones never match.
 */
public final class TombstoneIndex {

    private static final TombstoneIndex EMPTY_CASE_SENSITIVE = new TombstoneIndex(List.of(), true);
    private static final TombstoneIndex EMPTY_CASE_INSENSITIVE = new TombstoneIndex(List.of(), false);

    private final List<Tombstone> tombstones;
    private final boolean caseSensitive;
    private final Map<String, Tombstone> exact;
    private final GlobTrie globs;
    private final RegexEntry[] regexes;

    private TombstoneIndex(List<Tombstone> tombstones, boolean caseSensitive) {
        this.tombstones = tombstones;
        this.caseSensitive = caseSensitive;
        Map<String, Tombstone> exactMap = new HashMap<>();
        GlobTrie trie = new GlobTrie();
        List<RegexEntry> regexList = new ArrayList<>();
        int sequence = 0;
        for (Tombstone t : tombstones) {
            PathPattern pattern = t.pattern();
            if (pattern instanceof PathPattern.Exact e) {
                exactMap.putIfAbsent(fold(e.path()), t);
            } else if (pattern instanceof PathPattern.Glob g) {
                trie.add(fold(g.glob()), t, sequence);
            } else if (pattern instanceof PathPattern.Regex r) {
                regexList.add(new RegexEntry(r, caseSensitive, t));
            }
            sequence++;
        }
        this.exact = exactMap;
        this.globs = trie.isEmpty() ? null : trie;
        this.regexes = regexList.toArray(new RegexEntry[0]);
    }

    /**
     * Builds an index over {@code tombstones} in declaration order. A later tombstone with the same key
     * replaces an earlier one and takes its place at the end.
     */
    public static TombstoneIndex of(Collection<Tombstone> tombstones, boolean caseSensitive) {
        if (tombstones.isEmpty()) {
            return empty(caseSensitive);
        }
        Map<String, Tombstone> byKey = new LinkedHashMap<>();
        for (Tombstone t : tombstones) {
            byKey.remove(t.pattern().key());
            byKey.put(t.pattern().key(), t);
        }
        return new TombstoneIndex(Collections.unmodifiableList(new ArrayList<>(byKey.values())), caseSensitive);
    }

    public static TombstoneIndex empty(boolean caseSensitive) {
        return caseSensitive ? EMPTY_CASE_SENSITIVE : EMPTY_CASE_INSENSITIVE;
    }

    /** See {@link io.github.gonefilter.tombstone.TombstoneRegistry#find}. */
    public Optional<Tombstone> find(String canonicalPath, Instant now) {
        String path = fold(canonicalPath);
        Tombstone scheduled = null;

        Tombstone hit = exact.get(path);
        if (hit != null) {
            if (hit.isActiveAt(now)) {
                return Optional.of(hit);
            }
            if (hit.isScheduledAt(now)) {
                scheduled = hit;
            }
        }
        if (globs != null) {
            Tombstone glob = globs.best(path, now, true);
            if (glob != null) {
                return Optional.of(glob);
            }
        }
        Tombstone scheduledRegex = null;
        for (RegexEntry entry : regexes) {
            if (path.startsWith(entry.prefix) && entry.pattern.matcher(path).matches()) {
                if (entry.tombstone.isActiveAt(now)) {
                    return Optional.of(entry.tombstone);
                }
                if (scheduledRegex == null && entry.tombstone.isScheduledAt(now)) {
                    scheduledRegex = entry.tombstone;
                }
            }
        }
        if (scheduled == null && globs != null) {
            scheduled = globs.best(path, now, false);
        }
        if (scheduled == null) {
            scheduled = scheduledRegex;
        }
        return Optional.ofNullable(scheduled);
    }

    /** Every tombstone in declaration order. */
    public List<Tombstone> tombstones() {
        return tombstones;
    }

    public int size() {
        return tombstones.size();
    }

    public boolean caseSensitive() {
        return caseSensitive;
    }

    private String fold(String path) {
        return caseSensitive ? path : path.toLowerCase(Locale.ROOT);
    }

    /** The characters every match of {@code expression} must start with; empty if it cannot be told. */
    static String literalPrefix(String expression) {
        if (expression.indexOf('|') >= 0) {
            return ""; // an alternation may start anywhere
        }
        StringBuilder prefix = new StringBuilder();
        int i = expression.startsWith("^") ? 1 : 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '\\' && i + 1 < expression.length() && !Character.isLetterOrDigit(expression.charAt(i + 1))) {
                prefix.append(expression.charAt(i + 1));
                i += 2;
                continue;
            }
            if ("\\.[](){}*+?^$".indexOf(c) >= 0) {
                if ((c == '*' || c == '?' || c == '{') && prefix.length() > 0) {
                    prefix.setLength(prefix.length() - 1); // the last character was optional
                }
                break;
            }
            prefix.append(c);
            i++;
        }
        return prefix.toString();
    }

    private static final class RegexEntry {
        final String prefix;
        final Pattern pattern;
        final Tombstone tombstone;

        RegexEntry(PathPattern.Regex regex, boolean caseSensitive, Tombstone tombstone) {
            String literal = literalPrefix(regex.expression());
            this.prefix = caseSensitive ? literal : literal.toLowerCase(Locale.ROOT);
            this.pattern = caseSensitive
                    ? regex.pattern()
                    : Pattern.compile(regex.expression(), Pattern.DOTALL | Pattern.CASE_INSENSITIVE
                            | Pattern.UNICODE_CASE);
            this.tombstone = tombstone;
        }
    }
}
