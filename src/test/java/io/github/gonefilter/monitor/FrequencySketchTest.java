package io.github.gonefilter.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FrequencySketchTest {

    @Property
    void anEstimateNeverFallsShortOfTheRequestsSinceTheLastHalving(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 200) Integer> stream, @ForAll long seed) {
        FrequencySketch sketch = new FrequencySketch(1000, new SplittableRandom(seed)); // 8,192 wide: no halving
        int[] truth = new int[201];
        for (int k : stream) {
            sketch.increment(sketch.hash("/k" + k, null));
            truth[k]++;
        }
        for (int k = 0; k <= 200; k++) {
            assertThat(sketch.frequency(sketch.hash("/k" + k, null))).isGreaterThanOrEqualTo(truth[k]);
        }
    }

    @Test
    void pathsMadeToCollideForStringHashCodeOrAPolynomialModulo2To64DoNotShareCounters() {
        FrequencySketch sketch = new FrequencySketch(1000, new SplittableRandom(1));
        List<String> sameHashCode = new ArrayList<>(); // "Aa" and "BB" have one String.hashCode: 2^10 such paths
        for (int bits = 0; bits < 1024; bits++) {
            StringBuilder path = new StringBuilder("/");
            for (int i = 0; i < 10; i++) {
                path.append((bits >> i & 1) == 0 ? "Aa" : "BB");
            }
            sameHashCode.add(path.toString());
        }
        assertThat(sameHashCode).allMatch(p -> p.hashCode() == sameHashCode.get(0).hashCode());
        String thueMorse = thueMorse(10, 'a', 'b'); // and its complement: equal under any base modulo 2^64
        String complement = thueMorse(10, 'b', 'a');

        for (int i = 0; i < 200; i++) {
            sketch.increment(sketch.hash(sameHashCode.get(0), null));
            sketch.increment(sketch.hash("/" + thueMorse, null));
        }
        long shared = sameHashCode.stream().skip(1).filter(p -> sketch.frequency(sketch.hash(p, null)) > 0).count();
        assertThat(shared).as("paths of the same String.hashCode that share the estimate").isLessThan(5);
        assertThat(sketch.frequency(sketch.hash("/" + complement, null))).isZero();
    }

    @Test
    void aPathAndAQueryAreHashedApart() {
        FrequencySketch sketch = new FrequencySketch(1000, new SplittableRandom(2));
        for (int i = 0; i < 100; i++) {
            sketch.increment(sketch.hash("/a?b", null));
        }
        assertThat(sketch.frequency(sketch.hash("/a", "b"))).isZero();
        assertThat(sketch.frequency(sketch.hash("/a?b", ""))).isZero();
    }

    private static String thueMorse(int order, char zero, char one) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 1 << order; i++) {
            s.append(Integer.bitCount(i) % 2 == 0 ? zero : one);
        }
        return s.toString();
    }
}
