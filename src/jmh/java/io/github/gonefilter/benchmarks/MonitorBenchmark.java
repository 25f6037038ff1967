package io.github.gonefilter.benchmarks;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.monitor.NotFoundMonitor;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
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
 * The 404 monitor's cost (issue 13): GoneFilter over the standard corpus (1,000 exact tombstones, 10,000 globs, 10
 * regexes) with {@code monitor} off and on, for a live path (the application answers 200: the monitor must cost
 * nothing measurable), a missing path the monitor already holds (the application answers 404: one count), and a
 * stream of distinct missing paths, ten times more than the monitor holds (the admission sketch turns nearly all
 * of them away; those it lets in replace an entry).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class MonitorBenchmark {

    private static final int DISTINCT_MISSING = 10_000;

    @Param({"false", "true"})
    public boolean monitor;

    private GoneFilter filter;
    private final FakeRequest live = new FakeRequest("GET", Corpus.LIVE_PATH);
    private final FakeRequest missing = new FakeRequest("GET", "/blog/2019/an-old-post");
    private final FakeRequest[] flood = new FakeRequest[DISTINCT_MISSING];
    private int next;
    private final FakeResponse response = new FakeResponse();
    private final TrivialApp app = new TrivialApp();
    private final FilterChain notFoundApp = new NotFoundApp();

    /** The application's answer for a missing resource: a 404 set as a REST controller sets it. */
    static final class NotFoundApp implements FilterChain {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response) {
            ((HttpServletResponse) response).setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentLength(0);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        InMemoryTombstoneRegistry registry = new InMemoryTombstoneRegistry();
        registry.replaceAll(Corpus.standard(1000));
        GoneFilter.Builder builder = GoneFilter.builder().registry(registry);
        if (monitor) {
            builder.monitor(NotFoundMonitor.create());
        }
        filter = builder.build();
        for (int i = 0; i < flood.length; i++) {
            flood[i] = new FakeRequest("GET", "/missing/" + Integer.toHexString(i * 7919) + "/page");
        }
        Checks.passesThrough(filter, live);
        if (monitor) {
            missing.reset();
            response.reset();
            filter.doFilter(missing, response, notFoundApp);
            if (filter.monitor().orElseThrow().entry("/blog/2019/an-old-post").isEmpty()) {
                throw new IllegalStateException("the monitor did not count the application's 404");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        filter.destroy();
    }

    /** A live page: the monitor reads the status after the chain, and that is all. */
    @Benchmark
    public int livePath() throws Exception {
        live.reset();
        response.reset();
        filter.doFilter(live, response, app);
        return response.getStatus();
    }

    /** The application's 404 for a path the monitor already holds. */
    @Benchmark
    public int notFoundPath() throws Exception {
        missing.reset();
        response.reset();
        filter.doFilter(missing, response, notFoundApp);
        return response.getStatus();
    }

    /** The application's 404 for ever new paths: with the monitor full, the admission sketch turns them away. */
    @Benchmark
    public int notFoundFlood() throws Exception {
        FakeRequest request = flood[next];
        next = next + 1 == flood.length ? 0 : next + 1;
        request.reset();
        response.reset();
        filter.doFilter(request, response, notFoundApp);
        return response.getStatus();
    }
}
