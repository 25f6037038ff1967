package io.github.gonefilter.benchmarks;

import io.github.gonefilter.GoneFilter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * GoneFilter's cost per request on live paths, with 0, 1,000 or 1,000,000 exact tombstones plus 10,000 globs
 * and 10 regexes. Each invocation is one whole {@code doFilter} including the trivial application at the end
 * of the chain; compare with {@link FloorBenchmark} and {@link TuckeyBenchmark}, which do the same. With
 * {@code metrics=true} the filter carries Spring Boot's metrics listener, bound to a meter registry, as the
 * auto-configuration registers it: pass-through must cost the same.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterBenchmark {

    @Param({"0", "1000", "1000000"})
    public int exactTombstones;

    @Param({"false", "true"})
    public boolean metrics;

    private GoneFilter filter;
    private final FakeRequest live = new FakeRequest("GET", Corpus.LIVE_PATH);
    private final FakeRequest nearGlob = new FakeRequest("GET", Corpus.LIVE_NEAR_GLOB_PATH);
    private final FakeResponse response = new FakeResponse();
    private final TrivialApp app = new TrivialApp();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        filter = metrics ? Filters.goneWithMetrics(Corpus.standard(exactTombstones))
                : Filters.gone(Corpus.standard(exactTombstones));
        Checks.passesThrough(filter, live);
        Checks.passesThrough(filter, nearGlob);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        filter.destroy();
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
