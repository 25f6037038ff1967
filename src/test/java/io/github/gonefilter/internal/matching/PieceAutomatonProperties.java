package io.github.gonefilter.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** One pass reports exactly the pieces that occur in the text, each once, whatever they share. */
class PieceAutomatonProperties {

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withChars("ab-").ofMinLength(1).ofMaxLength(5);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab-c").ofMaxLength(40);
    }

    @Property(tries = 3000)
    void reportsEveryPieceThatOccursOnce(@ForAll("pieceLists") List<String> pieces, @ForAll("texts") String text,
            @ForAll int from) {
        PieceAutomaton.Builder<String> builder = new PieceAutomaton.Builder<>();
        for (String piece : pieces) {
            builder.add(piece, piece);
        }
        PieceAutomaton<String> automaton = builder.build(new String[0]);
        int start = text.isEmpty() ? 0 : Math.floorMod(from, text.length() + 1);
        List<String> reported = new ArrayList<>();
        automaton.scan(text, start, text.length(), values -> {
            reported.add(values[0]);
            assertThat(values).containsOnly(values[0]); // every value of a piece is that piece
            return false;
        });
        Set<String> expected = new HashSet<>();
        for (String piece : pieces) {
            if (text.substring(start).contains(piece)) {
                expected.add(piece);
            }
        }
        assertThat(reported).doesNotHaveDuplicates();
        assertThat(new HashSet<>(reported)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<String>> pieceLists() {
        return words().list().ofMinSize(1).ofMaxSize(12);
    }
}
