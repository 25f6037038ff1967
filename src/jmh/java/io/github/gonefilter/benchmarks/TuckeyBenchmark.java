package io.github.gonefilter.benchmarks;

import jakarta.servlet.Filter;
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

/** Tuckey UrlRewriteFilter 5.1.3 with 1,000 or 10,000 rules {@code ^/items/N$ -> 410} on the same requests. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TuckeyBenchmark {

    @Param({"1000", "10000"})
    public int rules;

    private Filter filter;
    private final FakeRequest live = new FakeRequest("GET", Corpus.LIVE_PATH);
    private final FakeRequest gone = new FakeRequest("GET", Corpus.GONE_PATH);
    private final FakeResponse response = new FakeResponse();
    private final TrivialApp app = new TrivialApp();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        filter = Filters.tuckey(rules, null);
        Checks.passesThrough(filter, live);
        Checks.answers(filter, gone, 410);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        filter.destroy();
    }

    @Benchmark
    public int passThrough() throws Exception {
        live.reset();
        response.reset();
        filter.doFilter(live, response, app);
        return response.getStatus();
    }

    @Benchmark
    public int gone() throws Exception {
        gone.reset();
        response.reset();
        filter.doFilter(gone, response, app);
        return response.getStatus();
    }
}
