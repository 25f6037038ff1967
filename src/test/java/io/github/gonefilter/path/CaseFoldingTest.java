package io.github.gonefilter.path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PathCanonicalizer#foldCase} agrees with {@link String#equalsIgnoreCase} for every pair it must. */
class CaseFoldingTest {

    @Test
    void everyBmpCharacterFoldsToWhatEqualsIgnoreCaseCallsEqual() {
        // For each character, its fold must equal the fold of its upper and lower case forms (which
        // equalsIgnoreCase calls equal to it), keep the length, and be a fixed point.
        for (int c = 0; c <= 0xFFFF; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String s = String.valueOf((char) c);
            String folded = PathCanonicalizer.foldCase(s);
            assertThat(folded.length()).as("U+%04X keeps its length", c).isEqualTo(1);
            assertThat(s.equalsIgnoreCase(folded)).as("U+%04X equalsIgnoreCase its fold", c).isTrue();
            assertThat(PathCanonicalizer.foldCase(folded)).as("fold of U+%04X is a fixed point", c).isEqualTo(folded);
            for (int other : new int[] {Character.toUpperCase(c), Character.toLowerCase(c), Character.toTitleCase(c)}) {
                String o = new String(Character.toChars(other));
                if (s.equalsIgnoreCase(o)) {
                    assertThat(PathCanonicalizer.foldCase(o)).as("U+%04X and U+%04X", c, other).isEqualTo(folded);
                }
            }
        }
    }

    @Test
    void foldsAgreeWithEqualsIgnoreCaseOverEveryPairThatShareAnUpperOrLowerCase() {
        // equalsIgnoreCase(a, b) holds when upper(a) == upper(b) or lower(upper(a)) == lower(upper(b)):
        // group every BMP character by lower(upper(c)) and check both directions inside and across groups.
        java.util.Map<Integer, java.util.List<Integer>> byFold = new java.util.HashMap<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (!Character.isSurrogate((char) c)) {
                byFold.computeIfAbsent(Character.toLowerCase(Character.toUpperCase(c)), k -> new java.util.ArrayList<>()).add(c);
            }
        }
        for (java.util.List<Integer> group : byFold.values()) {
            for (int a : group) {
                for (int b : group) {
                    String sa = String.valueOf((char) a);
                    String sb = String.valueOf((char) b);
                    assertThat(sa.equalsIgnoreCase(sb)).as("U+%04X ~ U+%04X", a, b).isTrue();
                    assertThat(PathCanonicalizer.foldCase(sa)).isEqualTo(PathCanonicalizer.foldCase(sb));
                }
            }
        }
        // Characters in different groups are never equalsIgnoreCase: sample neighbours of every group.
        java.util.List<Integer> folds = new java.util.ArrayList<>(byFold.keySet());
        java.util.Collections.sort(folds);
        for (int i = 1; i < folds.size(); i++) {
            String a = String.valueOf((char) (int) byFold.get(folds.get(i - 1)).get(0));
            String b = String.valueOf((char) (int) byFold.get(folds.get(i)).get(0));
            assertThat(a.equalsIgnoreCase(b)).isFalse();
        }
    }

    @Test
    void dottedCapitalIFoldsLikeIAndKeepsThePathLength() {
        assertThat(PathCanonicalizer.foldCase("/adm\u0130n/Report")).isEqualTo("/admin/report");
        assertThat(PathCanonicalizer.foldCase("/\u212Aelvin")).isEqualTo("/kelvin");
        assertThat(PathCanonicalizer.foldCase("/stra\u00DFe")).isEqualTo("/stra\u00DFe");
        String ascii = "/already/lower";
        assertThat(PathCanonicalizer.foldCase(ascii)).isSameAs(ascii);
    }

    @Test
    void supplementaryCharactersFoldAsEqualsIgnoreCaseCompares() {
        String upper = new String(Character.toChars(0x10400)); // DESERET CAPITAL LETTER LONG I
        String lower = new String(Character.toChars(0x10428));
        assertThat(upper.equalsIgnoreCase(lower)).isTrue();
        assertThat(PathCanonicalizer.foldCase("/" + upper)).isEqualTo(PathCanonicalizer.foldCase("/" + lower));
    }
}
