package io.github.gonefilter.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.gonefilter.purge.PurgeStatistics.Outcome;
import io.github.gonefilter.support.LogCapture;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.TombstoneChange.Cause;
import io.github.gonefilter.tombstone.TombstoneChange.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/** The queue without threads: a test ticker, and {@link PurgeQueue#runDue} purging what is due at its time. */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class PurgeQueueTest {

    private static final String CONTEXT = "/shop";

    @Mock
    CachePurger purger;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final PurgeStatistics statistics = new PurgeStatistics();

    @BeforeEach
    void describe() {
        when(purger.description()).thenReturn("test cache");
    }

    private PurgeQueue queue(Duration repeatAfter, int capacity, CachePurger... purgers) {
        return new PurgeQueue(List.of(purgers), CONTEXT, false, repeatAfter, capacity, Duration.ofSeconds(1),
                Duration.ofSeconds(4), statistics, nanos::get);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static TombstoneChange change(String path, Cause cause) {
        return new TombstoneChange(Kind.ADDED, Tombstone.of(path), cause);
    }

    private static TombstoneChange written(String path) {
        return change(path, Cause.WRITE);
    }

    @Test
    void purgesWritesAndReloadsButNotChangesSyncedFromOtherNodes() throws Exception {
        PurgeQueue queue = queue(Duration.ZERO, 100, purger);
        TombstoneChange write = written("/a");
        TombstoneChange reload = change("/c", Cause.RELOAD);
        queue.changed(List.of(write, change("/b", Cause.SYNC), reload));
        queue.changed(List.of(change("/d", Cause.SYNC)));
        queue.runDue();
        verify(purger).purge(List.of(write, reload), CONTEXT);
        verify(purger, times(1)).purge(anyList(), anyString());
        assertThat(statistics.count(Outcome.SUCCEEDED)).isEqualTo(2);
        assertThat(statistics.pending()).isZero();
    }

    @Test
    void eachChangeIsPurgedAgainOnceTheRepeatDelayHasPassed() throws Exception {
        PurgeQueue queue = queue(Duration.ofSeconds(5), 100, purger);
        TombstoneChange a = written("/a");
        queue.changed(List.of(a));
        queue.runDue();
        verify(purger, times(1)).purge(List.of(a), CONTEXT);
        assertThat(statistics.pending()).as("the second purge waits").isEqualTo(1);

        advance(Duration.ofMillis(4999));
        queue.runDue();
        verify(purger, times(1)).purge(List.of(a), CONTEXT);

        advance(Duration.ofMillis(1));
        queue.runDue();
        verify(purger, times(2)).purge(List.of(a), CONTEXT);
        assertThat(statistics.count(Outcome.SUCCEEDED)).isEqualTo(2);
        assertThat(statistics.pending()).isZero();
    }

    @Test
    void aFailedBatchIsRetriedWithExponentialBackoffUpToTheMaximumAndLaterChangesWaitBehindIt() throws Exception {
        PurgeQueue queue = queue(Duration.ZERO, 100, purger);
        doThrow(new ConnectException("refused")).doThrow(new ConnectException("refused"))
                .doThrow(new IOException("503")).doThrow(new IOException("503")).doNothing()
                .when(purger).purge(anyList(), anyString());
        TombstoneChange a = written("/a");
        TombstoneChange b = written("/b");
        queue.changed(List.of(a));
        queue.runDue();                             // attempt 1 fails: next in 1 s
        queue.changed(List.of(b));
        List<Duration> pauses = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(4));             // doubling, capped at 4 s
        for (Duration pause : pauses) {
            advance(pause.minusMillis(1));
            queue.runDue();
            assertThat(statistics.count(Outcome.SUCCEEDED)).isZero();
            advance(Duration.ofMillis(1));
            queue.runDue();
        }
        InOrder order = inOrder(purger);
        order.verify(purger).purge(List.of(a), CONTEXT);
        order.verify(purger, times(4)).purge(List.of(a, b), CONTEXT); // b waited behind a, in order
        assertThat(statistics.count(Outcome.RETRIED)).isEqualTo(1 + 2 + 2 + 2);
        assertThat(statistics.count(Outcome.SUCCEEDED)).isEqualTo(2);
        assertThat(statistics.pending()).isZero();
    }

    @Test
    void aFailingEndpointIsLoggedOnceAsAWarningUntilItWorksAgainThenOnceAsInfo() throws Exception {
        PurgeQueue queue = queue(Duration.ZERO, 100, purger);
        doThrow(new ConnectException("refused")).doThrow(new ConnectException("refused"))
                .doThrow(new ConnectException("refused")).doNothing()
                .doThrow(new IOException("answered 503")).doNothing()
                .when(purger).purge(anyList(), anyString());
        List<LogRecord> records = LogCapture.during(PurgeQueue.class, () -> {
            queue.changed(List.of(written("/a")));
            for (int i = 0; i < 4; i++) {
                queue.runDue();
                advance(Duration.ofSeconds(4));
            }
            queue.changed(List.of(written("/b")));
            queue.runDue();
            advance(Duration.ofSeconds(1));
            queue.runDue();
        });
        List<LogRecord> shown = records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()).toList();
        assertThat(shown).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.INFO, Level.WARNING,
                Level.INFO);
        assertThat(shown.get(0).getMessage()).contains("test cache", "ConnectException: refused", "retrying in 1000 ms");
        assertThat(shown.get(1).getMessage()).contains("test cache", "works again after 3 failed attempts");
    }

    @Test
    void aRejectedPurgeIsDroppedAtOnceWithItsSecondPurgeAndTheNextChangesGoOn() throws Exception {
        PurgeQueue queue = queue(Duration.ofSeconds(5), 100, purger);
        doThrow(new PurgeRejectedException("answered 403: bad token")).doNothing()
                .when(purger).purge(anyList(), anyString());
        TombstoneChange a = written("/a");
        TombstoneChange b = written("/b");
        List<LogRecord> records = LogCapture.during(PurgeQueue.class, () -> {
            queue.changed(List.of(a));
            queue.runDue();
            queue.changed(List.of(b));
            queue.runDue();                    // no backoff after a refusal
            advance(Duration.ofSeconds(5));
            queue.runDue();
        });
        InOrder order = inOrder(purger);
        order.verify(purger).purge(List.of(a), CONTEXT);
        order.verify(purger, times(2)).purge(List.of(b), CONTEXT);
        verify(purger, times(1)).purge(List.of(a), CONTEXT);
        assertThat(statistics.count(Outcome.FAILED)).as("the refused change and its second purge").isEqualTo(2);
        assertThat(statistics.count(Outcome.RETRIED)).isZero();
        assertThat(statistics.count(Outcome.SUCCEEDED)).isEqualTo(2);
        assertThat(statistics.pending()).isZero();
        assertThat(records).extracting(LogRecord::getLevel).containsExactly(Level.WARNING);
        assertThat(records.get(0).getMessage()).contains("test cache refused to purge /a (added)", "bad token");
    }

    @Test
    void aRefusedChangeCostsOnlyItselfNotTheOthersOfItsBatch() throws Exception {
        PurgeQueue queue = queue(Duration.ZERO, 100, purger);
        TombstoneChange before = written("/before");
        TombstoneChange bad = change("/w/\\p{IsLatin}+", Cause.RELOAD);
        TombstoneChange after1 = written("/after/1");
        TombstoneChange after2 = written("/after/2");
        doAnswer(call -> {
            if (call.<List<TombstoneChange>>getArgument(0).contains(bad)) {
                throw new PurgeRejectedException("answered 400: Regex compile error");
            }
            return null;
        }).when(purger).purge(anyList(), anyString());
        List<LogRecord> records = LogCapture.during(PurgeQueue.class, () -> {
            queue.changed(List.of(before, bad, after1, after2));
            queue.runDue();
            TombstoneChange later = written("/later");
            queue.changed(List.of(later, written("/later/2")));
            queue.runDue();
            verify(purger).purge(List.of(later, written("/later/2")), CONTEXT); // batches again after the refusal
        });
        InOrder order = inOrder(purger);
        order.verify(purger).purge(List.of(before, bad, after1, after2), CONTEXT);
        order.verify(purger).purge(List.of(before), CONTEXT);
        order.verify(purger).purge(List.of(bad), CONTEXT);
        order.verify(purger).purge(List.of(after1), CONTEXT);
        order.verify(purger).purge(List.of(after2), CONTEXT);
        assertThat(statistics.count(Outcome.FAILED)).isEqualTo(1);
        assertThat(statistics.count(Outcome.SUCCEEDED)).isEqualTo(5);
        assertThat(statistics.pending()).isZero();
        assertThat(records).extracting(LogRecord::getLevel).containsExactly(Level.WARNING);
        assertThat(records.get(0).getMessage()).contains("refused to purge /w/", "Regex compile error");
    }

    @Test
    void anOutageWhileChangesAreTriedOneByOneRetriesTheSameChangeAndKeepsTheRestSingle() throws Exception {
        PurgeQueue queue = queue(Duration.ZERO, 100, purger);
        TombstoneChange bad = written("/bad");
        TombstoneChange a = written("/a");
        TombstoneChange b = written("/b");
        doThrow(new PurgeRejectedException("400")).doThrow(new PurgeRejectedException("400"))
                .doThrow(new ConnectException("refused")).doNothing()
                .when(purger).purge(anyList(), anyString());
        LogCapture.during(PurgeQueue.class, () -> {
            queue.changed(List.of(bad, a, b));
            queue.runDue();                    // the batch, then /bad alone: refused; /a alone: outage
            advance(Duration.ofSeconds(1));
            queue.runDue();
        });
        InOrder order = inOrder(purger);
        order.verify(purger).purge(List.of(bad, a, b), CONTEXT);
        order.verify(purger).purge(List.of(bad), CONTEXT);
        order.verify(purger, times(2)).purge(List.of(a), CONTEXT);
        order.verify(purger).purge(List.of(b), CONTEXT);
        assertThat(statistics.count(Outcome.FAILED)).isEqualTo(1);
        assertThat(statistics.count(Outcome.SUCCEEDED)).isEqualTo(2);
    }

    @Test
    void anOutageAfterARefusalIsStillLoggedAtWarningAndARefusalDuringAnOutageToo() throws Exception {
        PurgeQueue queue = queue(Duration.ZERO, 100, purger);
        doThrow(new PurgeRejectedException("answered 405")).doThrow(new ConnectException("refused"))
                .doThrow(new PurgeRejectedException("answered 400")).doNothing()
                .when(purger).purge(anyList(), anyString());
        List<LogRecord> records = LogCapture.during(PurgeQueue.class, () -> {
            queue.changed(List.of(written("/a")));
            queue.runDue();                    // refused
            queue.changed(List.of(written("/b")));
            queue.runDue();                    // outage
            advance(Duration.ofSeconds(1));
            queue.runDue();                    // refused during the outage, which is not over yet
            queue.changed(List.of(written("/c")));
            queue.runDue();                    // works again
        });
        List<LogRecord> shown = records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()).toList();
        assertThat(shown).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.WARNING, Level.WARNING,
                Level.INFO);
        assertThat(shown.get(0).getMessage()).contains("refused to purge /a", "405");
        assertThat(shown.get(1).getMessage()).contains("Purging caches through test cache failed", "ConnectException");
        assertThat(shown.get(2).getMessage()).contains("refused to purge /b", "400");
        assertThat(shown.get(3).getMessage()).contains("works again after 1 failed attempts");
    }

    @Test
    void syncedChangesArePurgedWhenAskedTo() throws Exception {
        PurgeQueue queue = new PurgeQueue(List.of(purger), CONTEXT, true, Duration.ZERO, 100, Duration.ofSeconds(1),
                Duration.ofSeconds(4), statistics, nanos::get);
        TombstoneChange byHand = change("/api/documents/42", Cause.SYNC);
        queue.changed(List.of(byHand));
        queue.runDue();
        verify(purger).purge(List.of(byHand), CONTEXT);
    }

    @Test
    void aFullQueueDropsTheOldestChangesAndLogsTheFirstDropAndTheCountOnceEmpty() throws Exception {
        PurgeQueue queue = queue(Duration.ZERO, 3, purger);
        List<TombstoneChange> changes = IntStream.range(0, 5).mapToObj(i -> written("/p" + i)).toList();
        List<LogRecord> records = LogCapture.during(PurgeQueue.class, () -> {
            for (TombstoneChange c : changes) {
                queue.changed(List.of(c));
            }
            assertThat(statistics.pending()).isEqualTo(3);
            queue.runDue();
        });
        verify(purger).purge(changes.subList(2, 5), CONTEXT);
        assertThat(statistics.count(Outcome.DROPPED)).isEqualTo(2);
        assertThat(statistics.count(Outcome.SUCCEEDED)).isEqualTo(3);
        assertThat(records).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.INFO);
        assertThat(records.get(0).getMessage()).contains("full (3 changes wait)", "/p0");
        assertThat(records.get(1).getMessage()).contains("2 changes were dropped");
    }

    @Test
    void secondPurgesCountTowardsTheBoundAndTheOldestGoesFirst() throws Exception {
        PurgeQueue queue = queue(Duration.ofSeconds(5), 3, purger);
        TombstoneChange a = written("/a");
        TombstoneChange b = written("/b");
        queue.changed(List.of(a));            // first a, second a
        queue.changed(List.of(b));            // first b; second b drops first a
        queue.runDue();
        verify(purger).purge(List.of(b), CONTEXT);
        advance(Duration.ofSeconds(5));
        queue.runDue();
        verify(purger).purge(List.of(a, b), CONTEXT);
        assertThat(statistics.count(Outcome.DROPPED)).isEqualTo(1);
    }

    @Test
    void purgersGetAtMostOneHundredChangesPerCall() throws Exception {
        PurgeQueue queue = queue(Duration.ZERO, 1000, purger);
        List<TombstoneChange> changes = IntStream.range(0, 250).mapToObj(i -> written("/p" + i)).toList();
        queue.changed(changes);
        queue.runDue();
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<TombstoneChange>> batches = ArgumentCaptor.forClass(List.class);
        verify(purger, times(3)).purge(batches.capture(), anyString());
        assertThat(batches.getAllValues()).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(batches.getAllValues().stream().flatMap(List::stream)).containsExactlyElementsOf(changes);
    }

    @Test
    void eachPurgerHasItsOwnQueueSoAFailingCacheDelaysNoOther(@Mock CachePurger healthy) throws Exception {
        when(healthy.description()).thenReturn("healthy cache");
        doThrow(new ConnectException("refused")).when(purger).purge(anyList(), anyString());
        PurgeQueue queue = queue(Duration.ZERO, 100, purger, healthy);
        TombstoneChange a = written("/a");
        TombstoneChange b = written("/b");
        queue.changed(List.of(a));
        queue.runDue();
        queue.changed(List.of(b));
        queue.runDue();
        verify(healthy).purge(List.of(a), CONTEXT);
        verify(healthy).purge(List.of(b), CONTEXT);
        verify(purger, times(1)).purge(anyList(), anyString());
        assertThat(statistics.pending()).as("a and b wait for the failing cache").isEqualTo(2);
    }

    @Test
    void purgesRunOnTheQueuesThreadWhileTheCallerGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        doAnswer(call -> {
            threads.add(Thread.currentThread().getName());
            release.await(10, TimeUnit.SECONDS);
            return null;
        }).when(purger).purge(anyList(), anyString());
        PurgeQueue queue = new PurgeQueue(List.of(purger), CONTEXT, false, Duration.ZERO, 100, Duration.ofSeconds(1),
                Duration.ofSeconds(4), statistics, System::nanoTime);
        queue.start();
        try {
            for (int i = 0; i < 50; i++) {
                queue.changed(List.of(written("/p" + i))); // returns although the cache does not answer
            }
            assertThat(statistics.count(Outcome.SUCCEEDED)).isZero();
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (statistics.count(Outcome.SUCCEEDED) < 50 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(statistics.count(Outcome.SUCCEEDED)).isEqualTo(50);
            assertThat(threads).isNotEmpty().allMatch(name -> name.equals("gone-filter-purge-1"));
        } finally {
            queue.stop();
        }
    }

    @Test
    void stoppingDropsWhatTheCacheCannotTakeAndSaysSo() throws Exception {
        doThrow(new ConnectException("refused")).when(purger).purge(anyList(), anyString());
        PurgeQueue queue = new PurgeQueue(List.of(purger), CONTEXT, false, Duration.ofSeconds(5), 100, Duration.ofSeconds(1),
                Duration.ofSeconds(4), statistics, System::nanoTime);
        queue.start();
        queue.changed(List.of(written("/a"), written("/b")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (statistics.count(Outcome.RETRIED) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<DroppedPurges> dropped = queue.stop();
        assertThat(statistics.count(Outcome.DROPPED)).isEqualTo(4);
        assertThat(statistics.pending()).isZero();
        assertThat(dropped).singleElement().satisfies(d -> {
            assertThat(d.firstPurgesLost()).isTrue();
            assertThat(d.message()).contains("4 purges", "2 first purges", "test cache", "before the filter stopped");
        });
        queue.changed(List.of(written("/c")));
        assertThat(statistics.pending()).as("nothing is queued after stopping").isZero();
    }

    @Test
    void nothingHappensWithoutChanges() throws Exception {
        PurgeQueue queue = queue(Duration.ofSeconds(5), 100, purger);
        queue.runDue();
        advance(Duration.ofMinutes(1));
        queue.runDue();
        verify(purger, never()).purge(anyList(), anyString());
    }
}
