package io.github.gonefilter.benchmarks;

import io.github.gonefilter.GoneFilter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * GoneFilter on the two live paths every pass-through benchmark measures; a subclass sets up {@link #filter}
 * over the registry it compares. Each invocation is one whole {@code doFilter} including the trivial application
 * at the end of the chain.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class PassThroughBenchmark {

    protected GoneFilter filter;
    private final FakeRequest live = new FakeRequest("GET", Corpus.LIVE_PATH);
    private final FakeRequest nearGlob = new FakeRequest("GET", Corpus.LIVE_NEAR_GLOB_PATH);
    private final FakeResponse response = new FakeResponse();
    private final TrivialApp app = new TrivialApp();

    /** Fails the set-up unless both live paths pass through {@link #filter}. */
    protected final void checkLivePathsPass() throws Exception {
        Checks.passesThrough(filter, live);
        Checks.passesThrough(filter, nearGlob);
    }

    /** A live path that no tombstone's first segment shares. */
    @Benchmark
    public int passThrough() throws Exception {
        live.reset();
        response.reset();
        filter.doFilter(live, response, app);
        return response.getStatus();
    }

    /** A live path that walks the glob trie through a node with 5,000 children before missing. */
    @Benchmark
    public int passThroughNearGlobs() throws Exception {
        nearGlob.reset();
        response.reset();
        filter.doFilter(nearGlob, response, app);
        return response.getStatus();
    }
}
