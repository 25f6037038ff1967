package io.github.gonefilter.benchmarks;

import io.github.gonefilter.GoneFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Short-circuit (the default) and fallback mode side by side, in one run, over the standard corpus with 1,000 exact
 * tombstones: a live path and a gone path in each mode, and in fallback mode the gone path whose application
 * answers 404 (the tombstone's answer replaces it) or 200 (live content passes). Short-circuit's two must equal
 * {@link FilterBenchmark#passThrough} and {@link GoneBenchmark#goneExact} of the same run: the mode costs the
 * default nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FallbackBenchmark {

    private GoneFilter shortCircuit;
    private GoneFilter fallback;
    private final FakeRequest gone = new FakeRequest("GET", Corpus.GONE_PATH);
    private final FakeRequest live = new FakeRequest("GET", Corpus.LIVE_PATH);
    private final FakeResponse response = new FakeResponse();
    private final TrivialApp app = new TrivialApp();
    private final FilterChain notFoundApp = new FilterChain() {
        @Override
        public void doFilter(ServletRequest request, ServletResponse res) throws IOException {
            ((HttpServletResponse) res).sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    };

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        shortCircuit = Filters.gone(Corpus.standard(1000));
        fallback = Filters.goneFallback(Corpus.standard(1000));
        Checks.answers(shortCircuit, gone, 410);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        shortCircuit.destroy();
        fallback.destroy();
    }

    @Benchmark
    public int shortCircuitLive() throws Exception {
        return run(shortCircuit, live, app);
    }

    @Benchmark
    public int shortCircuitGone() throws Exception {
        return run(shortCircuit, gone, app);
    }

    @Benchmark
    public int fallbackLive() throws Exception {
        return run(fallback, live, app);
    }

    /** The application answers 404 through sendError; the filter writes the 410 in its place. */
    @Benchmark
    public int fallbackGoneApplicationNotFound() throws Exception {
        return run(fallback, gone, notFoundApp);
    }

    /** Live content at a tombstoned path: the application's 200 passes (a WARNING once, then nothing). */
    @Benchmark
    public int fallbackGoneApplicationServes() throws Exception {
        return run(fallback, gone, app);
    }

    private int run(GoneFilter filter, FakeRequest request, FilterChain chain) throws Exception {
        request.reset();
        response.reset();
        filter.doFilter(request, response, chain);
        return response.getStatus();
    }
}
