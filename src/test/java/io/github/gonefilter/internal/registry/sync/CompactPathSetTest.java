package io.github.gonefilter.internal.registry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fingerprint set agrees with a plain HashSet through bulk loads and many small changes. */
class CompactPathSetTest {

    @Test
    void agreesWithAHashSet() {
        SplittableRandom random = new SplittableRandom(7);
        for (int size : new int[] {0, 1, 3, 100, 20_000}) {
            long[] initial = new long[size];
            Set<Long> reference = new HashSet<>();
            for (int i = 0; i < size; i++) {
                initial[i] = random.nextInt(4) == 0 ? Long.MIN_VALUE + random.nextInt(3) : random.nextLong();
                reference.add(initial[i]);
            }
            CompactPathSet set = CompactPathSet.of(initial.clone(), size);
            for (int step = 0; step < 12_000; step++) { // enough to merge the deltas more than once
                long h = random.nextBoolean() && size > 0 ? initial[random.nextInt(size)]
                        : random.nextLong();
                if (random.nextBoolean()) {
                    set = set.with(h);
                    reference.add(h);
                } else {
                    set = set.without(h);
                    reference.remove(h);
                }
            }
            assertThat(set.size()).isEqualTo(reference.size());
            for (long h : reference) {
                assertThat(set.contains(h)).isTrue();
            }
            for (int i = 0; i < 20_000; i++) {
                long h = random.nextLong();
                assertThat(set.contains(h)).isEqualTo(reference.contains(h));
            }
            for (long edge : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}) {
                assertThat(set.contains(edge)).isEqualTo(reference.contains(edge));
            }
        }
    }

    @Test
    void fingerprintsDifferForSimilarPaths() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.add(CompactPathSet.fingerprint("/doc/" + i))).isTrue();
        }
        assertThat(CompactPathSet.fingerprint("/a")).isNotEqualTo(CompactPathSet.fingerprint("/A"));
    }
}
