package io.github.gonefilter.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * GoneFilter's cost per request on live paths, with 0, 1,000 or 1,000,000 exact tombstones plus 10,000 globs
 * and 10 regexes, in an in-memory registry. Compare with {@link FloorBenchmark} and {@link TuckeyBenchmark},
 * which do the same. With {@code metrics=true} the filter carries Spring Boot's metrics listener, bound to a meter
 * registry, as the auto-configuration registers it: pass-through must cost the same.
 */
@State(Scope.Benchmark)
public class FilterBenchmark extends PassThroughBenchmark {

    @Param({"0", "1000", "1000000"})
    public int exactTombstones;

    @Param({"false", "true"})
    public boolean metrics;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        filter = metrics ? Filters.goneWithMetrics(Corpus.standard(exactTombstones))
                : Filters.gone(Corpus.standard(exactTombstones));
        checkLivePathsPass();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        filter.destroy();
    }
}
