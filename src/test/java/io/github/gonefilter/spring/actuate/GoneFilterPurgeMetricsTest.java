package io.github.gonefilter.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.purge.CachePurger;
import io.github.gonefilter.purge.PurgeRejectedException;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.tombstone.Tombstone;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;

/**
 * The purge meters read a real filter's statistics: purges by outcome, and the changes waiting. The purgers are
 * mocks; the queue between the registry and them is the filter's own.
 */
class GoneFilterPurgeMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InMemoryTombstoneRegistry registry = new InMemoryTombstoneRegistry();
    private GoneFilter filter;

    @AfterEach
    void stop() {
        if (filter != null) {
            filter.destroy();
        }
    }

    @Test
    void everyOutcomeIsThereFromTheStartAtZero() throws Exception {
        start(GoneFilter.builder().registry(registry));
        for (String outcome : new String[] {"succeeded", "retried", "failed", "dropped"}) {
            assertThat(purges(outcome)).as(outcome).isZero();
        }
        assertThat(pending()).isZero();
        assertThat(meters.getMeters()).hasSize(5)
                .allSatisfy(meter -> assertThat(meter.getId().getName()).startsWith("gone.filter.purges"));
    }

    @Test
    void countsPurgesByOutcomePerPurger() throws Exception {
        CachePurger varnish = mock(CachePurger.class);
        CachePurger refusing = mock(CachePurger.class);
        doThrow(new PurgeRejectedException("403 Forbidden")).when(refusing).purge(anyList(), anyString());
        start(GoneFilter.builder().registry(registry).purger(varnish).purger(refusing).purgeRepeatAfter(Duration.ZERO));

        registry.bury(Tombstone.of("/a"));
        registry.bury(Tombstone.of("/b"));

        await(() -> purges("succeeded") == 2 && purges("failed") == 2 && pending() == 0);
        assertThat(purges("retried") + purges("dropped")).isZero();
    }

    @Test
    void aFailedAttemptCountsAsRetriedAndItsChangeAsPendingUntilItGoesThrough() throws Exception {
        CachePurger flaky = mock(CachePurger.class);
        CountDownLatch release = new CountDownLatch(1);
        // The first attempt fails; the retry, a second later, waits until released, so nothing races the asserts.
        doThrow(new ConnectException("Connection refused"))
                .doAnswer(invocation -> release.await(10, TimeUnit.SECONDS))
                .when(flaky).purge(anyList(), anyString());
        start(GoneFilter.builder().registry(registry).purger(flaky).purgeRepeatAfter(Duration.ZERO));

        registry.bury(Tombstone.of("/a"));
        await(() -> purges("retried") == 1);
        assertThat(pending()).as("waiting for the retry").isEqualTo(1);
        registry.bury(Tombstone.of("/b"));
        assertThat(pending()).isEqualTo(2);

        release.countDown();
        // The queue counts a purge as succeeded, then stops counting its change as pending: await both.
        await(() -> purges("succeeded") == 2 && pending() == 0);
        assertThat(purges("retried")).isEqualTo(1);
    }

    private void start(GoneFilter.Builder builder) throws jakarta.servlet.ServletException {
        filter = builder.build();
        new GoneFilterPurgeMetrics(filter.purgeStatistics()).bindTo(meters);
        filter.init(new MockFilterConfig());
    }

    private double purges(String outcome) {
        return meters.get(GoneFilterPurgeMetrics.PURGES).tag("outcome", outcome).functionCounter().count();
    }

    private double pending() {
        return meters.get(GoneFilterPurgeMetrics.PENDING).gauge().value();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
