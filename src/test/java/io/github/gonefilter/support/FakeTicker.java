package io.github.gonefilter.support;

import io.github.gonefilter.registry.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that moves only when a test advances it. */
public final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Override
    public long nanos() {
        return nanos.get();
    }
}
