package io.github.gonefilter.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code caseSensitive=false}, a tombstone matches exactly the paths that {@link String#equalsIgnoreCase}
 * (the comparison case-insensitive routers use) calls equal to its path, for every code point and every kind of
 * tombstone. Which characters to try for each tombstone character is worked out from the case mappings alone
 * (characters linked by upper-, lower- or title-casing), independently of the fold under test; the oracle
 * for each pair is {@code equalsIgnoreCase}.
 */
class CaseInsensitiveMatchingTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Index {@code k} holds, for every group of case-linked characters, tombstones of every kind for the
     * group's {@code k}-th character; every character of the group is requested against it. So each request
     * must match its own group's tombstone exactly when equalsIgnoreCase says so, and never another group's.
     */
    @Test
    void everyPathThatEqualsIgnoreCaseATombstoneMatchesItAndNoOtherDoes() {
        List<List<Integer>> groups = caseLinkedGroups();
        List<String> failures = new ArrayList<>();
        int pairs = 0;
        for (int k = 0; ; k++) {
            List<Tombstone> tombstones = new ArrayList<>(siblings());
            for (List<Integer> group : groups) {
                if (group.size() > k) {
                    tombstones.addAll(tombstonesFor(chars(group.get(k))));
                }
            }
            if (tombstones.size() == siblings().size()) {
                break;
            }
            TombstoneIndex index = TombstoneIndex.of(tombstones, false);
            for (List<Integer> group : groups) {
                if (group.size() <= k) {
                    continue;
                }
                String c = chars(group.get(k));
                for (int d : group) {
                    String request = chars(d);
                    boolean equal = c.equalsIgnoreCase(request);
                    pairs++;
                    for (String path : List.of("/a" + request + "b", "/a" + request + "b/any/thing",
                            "/w/z" + request + "b", "/v/" + request + "zz", "/r/a" + request + "b/x")) {
                        if (index.find(path, NOW).isPresent() != equal || index.mayMatch(path) != equal) {
                            failures.add(String.format("tombstone U+%04X, request %s (U+%04X): expected %s",
                                    group.get(k), path, d, equal ? "a match" : "none"));
                        }
                    }
                }
            }
        }
        assertThat(pairs).as("pairs of characters tried").isGreaterThan(65_000);
        assertThat(failures).as("%d failures", failures.size()).isEmpty();
    }

    @Test
    void dottedCapitalIAndOtherSpellingsOfAsciiLettersMatch() {
        TombstoneIndex index = TombstoneIndex.of(List.of(Tombstone.of("/admin/report"), Tombstone.of("/Kiosk/**"),
                Tombstone.of("/files/*-slides.pdf"), Tombstone.regexBuilder("/users/[0-9]+").build()), false);
        assertThat(index.find("/adm\u0130n/report", NOW)).isPresent();   // LATIN CAPITAL LETTER I WITH DOT ABOVE
        assertThat(index.find("/adm\u0131n/REPORT", NOW)).isPresent();   // LATIN SMALL LETTER DOTLESS I
        assertThat(index.find("/\u212Aiosk/a/b", NOW)).isPresent();      // KELVIN SIGN
        assertThat(index.find("/files/x-\u017Flides.PDF", NOW)).isPresent(); // LATIN SMALL LETTER LONG S
        assertThat(index.find("/u\u017Fers/12", NOW)).isPresent();
        assertThat(index.mayMatch("/adm\u0130n/report")).isTrue();
        assertThat(index.find("/adm\u00EDn/report", NOW)).isEmpty();     // i with acute is another letter
    }

    /**
     * Every tombstone kind with {@code c} in it: an exact path, a glob with {@code c} in a literal segment,
     * wildcard segments found by their literal suffix and by their literal prefix, and a regex (with {@code c}
     * in its literal prefix).
     */
    private static List<Tombstone> tombstonesFor(String c) {
        List<Tombstone> list = new ArrayList<>();
        list.add(Tombstone.builder(new PathPattern.Exact("/a" + c + "b")).build());
        list.add(Tombstone.builder(new PathPattern.Glob("/a" + c + "b/**")).build());
        list.add(Tombstone.builder(new PathPattern.Glob("/w/*" + c + "b")).build());
        list.add(Tombstone.builder(new PathPattern.Glob("/v/" + c + "*")).build());
        String literal = c.length() == 1 && "\\.[]{}()*+?^$|".indexOf(c.charAt(0)) >= 0 ? "\\" + c : c;
        list.add(Tombstone.regexBuilder("/r/a" + literal + "b/x").build());
        return list;
    }

    /** A few wildcard segments that never match the requests, so that even a small group is looked up by index. */
    private static List<Tombstone> siblings() {
        List<Tombstone> list = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            list.add(Tombstone.of("/v/*-" + i));
            list.add(Tombstone.of("/w/*-" + i));
        }
        return list;
    }

    /**
     * Every BMP character, and every supplementary code point that has a case, grouped with the characters
     * its case mappings link it to, directly or through others: whatever equalsIgnoreCase calls equal is in
     * one group. Characters that cannot appear inside a canonical path segment are left out.
     */
    private static List<List<Integer>> caseLinkedGroups() {
        int[] parent = new int[Character.MAX_CODE_POINT + 1];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        List<Integer> codePoints = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            boolean cased = Character.toUpperCase(cp) != cp || Character.toLowerCase(cp) != cp
                    || Character.toTitleCase(cp) != cp;
            if ((cp <= 0xFFFF && !Character.isSurrogate((char) cp) || cased) && "/\\*\0".indexOf(cp) < 0) {
                codePoints.add(cp);
                union(parent, cp, Character.toUpperCase(cp));
                union(parent, cp, Character.toLowerCase(cp));
                union(parent, cp, Character.toTitleCase(cp));
            }
        }
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int cp : codePoints) {
            groups.computeIfAbsent(find(parent, cp), k -> new ArrayList<>()).add(cp);
        }
        return new ArrayList<>(groups.values());
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }

    private static String chars(int codePoint) {
        return new String(Character.toChars(codePoint));
    }
}
