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
 * GoneFilter answering 410 for an exact tombstone ({@link Corpus#GONE_PATH}) and for a glob, with 1,000 or
 * 1,000,000 exact tombstones plus 10,000 globs and 10 regexes: lookup, headers and the problem-details body.
 * {@link #trivialApp} is the trivial application's own 200 on the same fake objects, for the "410 at least
 * as fast as the app's 200" target.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GoneBenchmark {

    @Param({"1000", "1000000"})
    public int exactTombstones;

    private GoneFilter filter;
    private final FakeRequest gone = new FakeRequest("GET", Corpus.GONE_PATH);
    private final FakeRequest goneGlob = new FakeRequest("GET", Corpus.GLOB_SEGMENT_PATH);
    private final FakeRequest live = new FakeRequest("GET", Corpus.LIVE_PATH);
    private final FakeResponse response = new FakeResponse();
    private final TrivialApp app = new TrivialApp();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        filter = Filters.gone(Corpus.standard(exactTombstones));
        Checks.answers(filter, gone, 410);
        Checks.answers(filter, goneGlob, 410);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        filter.destroy();
    }

    @Benchmark
    public int goneExact() throws Exception {
        gone.reset();
        response.reset();
        filter.doFilter(gone, response, app);
        return response.getStatus();
    }

    @Benchmark
    public int goneGlob() throws Exception {
        goneGlob.reset();
        response.reset();
        filter.doFilter(goneGlob, response, app);
        return response.getStatus();
    }

    /** No filter: the trivial application's 200. */
    @Benchmark
    public int trivialApp() throws Exception {
        live.reset();
        response.reset();
        app.doFilter(live, response);
        return response.getStatus();
    }
}
