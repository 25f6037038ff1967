package io.github.gonefilter.internal.matching;

import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final System.Logger LOG = System.getLogger(TombstoneIndex.class.getName());
    private static final int MAX_WARNED = 10_000;
    /** Expressions already warned about, so that a reload or a sync does not repeat the warning. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private static final TombstoneIndex EMPTY_CASE_SENSITIVE = new TombstoneIndex(List.of(), true);
    private static final TombstoneIndex EMPTY_CASE_INSENSITIVE = new TombstoneIndex(List.of(), false);

    private final boolean caseSensitive;
    /**
     * Exact paths, compactly; the few it cannot hold (see {@link #TombstoneIndex}) are in {@link #otherExact},
     * and so are, without case sensitivity, every later tombstone whose path folds to the same key: each of
     * them is kept, since an expired or scheduled one must not hide one in force.
     */
    private final ExactTable exact;
    /** Folded key to its tombstones in declaration order, all declared after the table's entry for the key. */
    private final Map<String, List<Tombstone>> otherExact;
    private final GlobTrie globs;
    private final RegexIndex regexes;
    private final DeclarationList tombstones;

    private TombstoneIndex(List<Tombstone> tombstones, boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
        int n = tombstones.size();
        ExactTable.Builder table = new ExactTable.Builder(n);
        Map<String, List<Tombstone>> others = new HashMap<>();
        GlobTrie.Builder trie = new GlobTrie.Builder();
        RegexIndex regexIndex = new RegexIndex();
        int[] order = new int[n];
        List<Tombstone> kept = new ArrayList<>();
        int sequence = 0;
        for (Tombstone t : tombstones) {
            PathPattern pattern = t.pattern();
            boolean inTable = false;
            if (pattern instanceof PathPattern.Exact e) {
                String key = fold(e.path());
                // A tombstone stored compactly is rebuilt from its key, so the key must be its path exactly.
                if (key.equals(e.path()) && ExactTable.storable(key) && !others.containsKey(key)) {
                    inTable = table.add(key, t);
                    if (inTable) {
                        order[sequence] = table.size() - 1;
                    }
                } else {
                    others.computeIfAbsent(key, k -> new ArrayList<>(1)).add(t);
                }
            } else if (pattern instanceof PathPattern.Glob g) {
                trie.add(fold(g.glob()), t, sequence);
            } else if (pattern instanceof PathPattern.Regex r) {
                warnIfNested(r.expression());
                // Matched against the folded path: with UNICODE_CASE a literal character matches exactly the
                // characters it equalsIgnoreCase, so every spelling of a matching path still matches.
                Pattern compiled = caseSensitive
                        ? r.pattern()
                        : Pattern.compile(r.expression(), Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                regexIndex.add(fold(literalPrefix(r.expression())), compiled, t, sequence);
            }
            if (!inTable) {
                order[sequence] = -1 - kept.size();
                kept.add(t);
            }
            sequence++;
        }
        this.exact = table.size() == 0 ? ExactTable.empty() : table.build();
        this.otherExact = others.isEmpty() ? null : others;
        this.globs = trie.isEmpty() ? null : trie.build();
        this.regexes = regexIndex.isEmpty() ? null : regexIndex;
        this.tombstones = new DeclarationList(order, kept.toArray(new Tombstone[0]), exact);
    }

    /**
     * Builds an index over {@code tombstones} in declaration order. A later tombstone with the same key
     * replaces an earlier one and takes its place at the end.
     */
    public static TombstoneIndex of(Collection<Tombstone> tombstones, boolean caseSensitive) {
        if (tombstones.isEmpty()) {
            return empty(caseSensitive);
        }
        List<Tombstone> list = new ArrayList<>(tombstones);
        if (!hasDuplicateKeys(list)) {
            return new TombstoneIndex(list, caseSensitive); // the usual case, checked without a map entry per key
        }
        Map<String, Tombstone> byKey = new LinkedHashMap<>();
        for (Tombstone t : list) {
            byKey.remove(t.pattern().key());
            byKey.put(t.pattern().key(), t);
        }
        return new TombstoneIndex(new ArrayList<>(byKey.values()), caseSensitive);
    }

    private static boolean hasDuplicateKeys(List<Tombstone> list) {
        String[] keys = new String[Integer.highestOneBit(Math.max(list.size(), 2) * 2 - 1) << 1];
        int mask = keys.length - 1;
        for (Tombstone t : list) {
            String key = t.pattern().key();
            int h = key.hashCode();
            for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
                if (keys[i] == null) {
                    keys[i] = key;
                    break;
                }
                if (keys[i].equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static TombstoneIndex empty(boolean caseSensitive) {
        return caseSensitive ? EMPTY_CASE_SENSITIVE : EMPTY_CASE_INSENSITIVE;
    }

    /** See {@link io.github.gonefilter.tombstone.TombstoneRegistry#find}. */
    public Optional<Tombstone> find(String canonicalPath, Instant now) {
        return find(canonicalPath, now, 0);
    }

    /**
     * What {@link #find} would answer if no {@code not_found} tombstone existed: what a path that never existed
     * gets beside an erased one. See {@link io.github.gonefilter.tombstone.TombstoneRegistry#findBeyondErasures}.
     */
    public Optional<Tombstone> findBeyondErasures(String canonicalPath, Instant now) {
        return find(canonicalPath, now, Wanted.VISIBLE);
    }

    /** {@code visible}: 0, or {@link Wanted#VISIBLE} to pass over {@code not_found} tombstones. */
    private Optional<Tombstone> find(String canonicalPath, Instant now, int visible) {
        String path = fold(canonicalPath);
        Tombstone scheduled = null;

        Tombstone hit = exact.get(path);
        if (hit != null) {
            if (Wanted.eligible(hit, now, Wanted.ACTIVE | visible)) {
                return Optional.of(hit); // declared first among the spellings of its key: nothing beats it
            }
            if (Wanted.eligible(hit, now, Wanted.SCHEDULED | visible)) {
                scheduled = hit;
            }
        }
        List<Tombstone> spellings = otherExact == null ? null : otherExact.get(path);
        if (spellings != null) {
            for (Tombstone t : spellings) {
                if (Wanted.eligible(t, now, Wanted.ACTIVE | visible)) {
                    return Optional.of(t);
                }
                if (scheduled == null && Wanted.eligible(t, now, Wanted.SCHEDULED | visible)) {
                    scheduled = t;
                }
            }
        }
        if (globs != null) {
            Tombstone glob = globs.best(path, now, Wanted.ACTIVE | visible);
            if (glob != null) {
                return Optional.of(glob);
            }
        }
        if (regexes != null) {
            Tombstone regex = regexes.first(path, now, Wanted.ACTIVE | visible);
            if (regex != null) {
                return Optional.of(regex);
            }
        }
        if (scheduled == null && globs != null && globs.anyScheduled()) {
            scheduled = globs.best(path, now, Wanted.SCHEDULED | visible);
        }
        if (scheduled == null && regexes != null && regexes.anyScheduled()) {
            scheduled = regexes.first(path, now, Wanted.SCHEDULED | visible);
        }
        return Optional.ofNullable(scheduled);
    }

    /**
     * Whether any tombstone matches {@code canonicalPath} at some time: {@code false} guarantees that
     * {@link #find} is empty at every instant. Answers without reading a clock and without allocating.
     */
    public boolean mayMatch(String canonicalPath) {
        String path = fold(canonicalPath);
        return exact.indexOf(path) >= 0
                || (otherExact != null && otherExact.containsKey(path))
                || (globs != null && globs.best(path, null, true) != null)
                || (regexes != null && regexes.first(path, null, true) != null);
    }

    /**
     * Every tombstone in declaration order. Exact paths are stored compactly and their tombstones are
     * rebuilt when read, so elements are equal to, but not necessarily the same instances as, those given.
     */
    public List<Tombstone> tombstones() {
        return tombstones;
    }

    public int size() {
        return tombstones.size();
    }

    public boolean caseSensitive() {
        return caseSensitive;
    }

    /**
     * With {@code caseSensitive == false}, folds one code point at a time as {@link String#equalsIgnoreCase}
     * compares, so that every path a case-insensitive router takes for a tombstone's path folds to the same
     * string (see {@link PathCanonicalizer#foldCase}).
     */
    private String fold(String path) {
        return caseSensitive ? path : PathCanonicalizer.foldCase(path);
    }

    /**
     * Logs a warning for a regex that can backtrack catastrophically, once per expression for the life of the
     * class (an index is rebuilt at every reload and sync), up to a bound on how many are remembered.
     */
    private static void warnIfNested(String expression) {
        if (WARNED.size() < MAX_WARNED && !WARNED.contains(expression)) {
            RegexBacktracking.warning(expression).ifPresent(warning -> {
                if (WARNED.add(expression)) {
                    LOG.log(System.Logger.Level.WARNING, "Tombstone regex:" + expression + ": " + warning);
                }
            });
        }
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

    /** The tombstones in declaration order: compact exact entries are rebuilt on read, the rest kept. */
    private static final class DeclarationList extends AbstractList<Tombstone> implements RandomAccess {
        private final int[] order;
        private final Tombstone[] kept;
        private final ExactTable exact;

        DeclarationList(int[] order, Tombstone[] kept, ExactTable exact) {
            this.order = order;
            this.kept = kept;
            this.exact = exact;
        }

        @Override
        public Tombstone get(int index) {
            int where = order[index];
            return where >= 0 ? exact.tombstone(where) : kept[-1 - where];
        }

        @Override
        public int size() {
            return order.length;
        }
    }
}
