package io.github.gonefilter.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The guarantees of space-saving, for any stream of keys: the bounds the monitor reports must hold. */
class SpaceSavingTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Property
    void countsBoundTheTrueCountsAndEveryFrequentKeyIsHeld(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 30) Integer> stream,
            @ForAll @IntRange(min = 1, max = 12) int capacity) {
        SpaceSaving s = new SpaceSaving(capacity);
        Map<String, Long> truth = new HashMap<>();
        long tick = 0;
        for (int k : stream) {
            String key = "/k" + k;
            truth.merge(key, 1L, Long::sum);
            s.record(key, key, null, T0.plusSeconds(tick++), null, SpaceSaving.AGENT_UNKNOWN);
        }
        List<NotFoundEntry> entries = s.entries();
        assertThat(entries).hasSizeLessThanOrEqualTo(capacity);
        long min = entries.size() < capacity ? 0 : entries.stream().mapToLong(NotFoundEntry::count).min().orElse(0);
        for (NotFoundEntry e : entries) {
            long actual = truth.get(e.path());
            assertThat(e.count()).isGreaterThanOrEqualTo(actual);
            assertThat(e.guaranteedCount()).isLessThanOrEqualTo(actual);
        }
        for (Map.Entry<String, Long> t : truth.entrySet()) {
            if (t.getValue() > min) {
                assertThat(entries).extracting(NotFoundEntry::path).contains(t.getKey());
            }
        }
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i - 1).count()).isGreaterThanOrEqualTo(entries.get(i).count());
        }
    }

    @Property
    void removalsKeepTheHeapConsistent(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 20) Integer> stream) {
        SpaceSaving s = new SpaceSaving(8);
        long tick = 0;
        for (int k : stream) {
            String key = "/k" + k;
            if (k % 7 == 0) {
                s.remove("/k" + (k + 1));
            }
            s.record(key, key, null, T0.plusSeconds(tick++), null, SpaceSaving.AGENT_UNKNOWN);
        }
        s.removeIf(slot -> slot.count % 2 == 0);
        List<NotFoundEntry> entries = s.entries();
        assertThat(entries).hasSize(s.size()).allSatisfy(e -> assertThat(e.count() % 2).isEqualTo(1));
        // whatever is left still replaces its least requested entry
        for (int i = 0; i < 20; i++) {
            s.record("/new" + i, "/new" + i, null, T0.plusSeconds(tick++), null, SpaceSaving.AGENT_UNKNOWN);
        }
        assertThat(s.size()).isLessThanOrEqualTo(8);
    }
}
