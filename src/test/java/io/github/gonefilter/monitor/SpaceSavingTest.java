package io.github.gonefilter.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The guarantees of space-saving behind its admission sketch, for any stream of keys: what the monitor reports. */
class SpaceSavingTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Property
    void aGuaranteedCountIsExactlyTheRequestsSinceTheEntryWasMadeAndListingsRankByIt(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 30) Integer> stream,
            @ForAll @IntRange(min = 1, max = 12) int capacity) {
        SpaceSaving s = new SpaceSaving(capacity, new SplittableRandom(capacity));
        List<String> seen = new ArrayList<>();
        long tick = 0;
        for (int k : stream) {
            String key = "/k" + k;
            seen.add(key);
            s.record(new SpaceSaving.Key(key, null), T0.plusSeconds(tick++), null, SpaceSaving.AGENT_UNKNOWN);
        }
        List<NotFoundEntry> entries = s.entries();
        assertThat(entries).hasSizeLessThanOrEqualTo(capacity);
        for (NotFoundEntry e : entries) {
            int since = (int) (e.firstSeen().getEpochSecond() - T0.getEpochSecond());
            long requests = seen.subList(since, seen.size()).stream().filter(e.path()::equals).count();
            assertThat(e.guaranteedCount()).as(e.path()).isEqualTo(requests);
            assertThat(e.count()).isGreaterThanOrEqualTo(requests);
        }
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i - 1).guaranteedCount())
                    .isGreaterThanOrEqualTo(entries.get(i).guaranteedCount());
        }
    }

    @Property
    void aKeyRequestedMoreOftenThanTheLeastEntryIsTakenIn(
            @ForAll @IntRange(min = 1, max = 12) int capacity, @ForAll @IntRange(min = 1, max = 20) int history) {
        SpaceSaving s = new SpaceSaving(capacity, new SplittableRandom(history));
        long tick = 0;
        for (int i = 0; i < capacity; i++) {
            for (int h = 0; h < history; h++) {
                s.record(new SpaceSaving.Key("/old" + i, null), T0.plusSeconds(tick++), null,
                        SpaceSaving.AGENT_UNKNOWN);
            }
        }
        SpaceSaving.Outcome last = null;
        for (int h = 0; h <= 2 * history && last != SpaceSaving.Outcome.REPLACED; h++) {
            last = s.record(new SpaceSaving.Key("/new", null), T0.plusSeconds(tick++), null,
                    SpaceSaving.AGENT_UNKNOWN);
        }
        assertThat(last).isEqualTo(SpaceSaving.Outcome.REPLACED);
        assertThat(s.entries()).extracting(NotFoundEntry::path).contains("/new");
    }

    @Property
    void removalsKeepTheHeapConsistent(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 20) Integer> stream) {
        SpaceSaving s = new SpaceSaving(8, new SplittableRandom(8));
        long tick = 0;
        for (int k : stream) {
            String key = "/k" + k;
            if (k % 7 == 0) {
                s.remove(new SpaceSaving.Key("/k" + (k + 1), null));
            }
            s.record(new SpaceSaving.Key(key, null), T0.plusSeconds(tick++), null, SpaceSaving.AGENT_UNKNOWN);
        }
        s.removeIf(slot -> slot.count % 2 == 0);
        List<NotFoundEntry> entries = s.entries();
        assertThat(entries).hasSize(s.size()).allSatisfy(e -> assertThat(e.count() % 2).isEqualTo(1));
        // whatever is left still takes in new keys, each requested in a row until it is
        for (int i = 0; i < 20; i++) {
            SpaceSaving.Outcome outcome = SpaceSaving.Outcome.REJECTED;
            for (int r = 0; r < 100 && outcome == SpaceSaving.Outcome.REJECTED; r++) {
                outcome = s.record(new SpaceSaving.Key("/new" + i, null), T0.plusSeconds(tick++), null,
                        SpaceSaving.AGENT_UNKNOWN);
            }
            assertThat(outcome).isNotEqualTo(SpaceSaving.Outcome.REJECTED);
        }
        assertThat(s.size()).isLessThanOrEqualTo(8);
        assertThat(s.entries()).extracting(NotFoundEntry::path).contains("/new19");
    }
}
