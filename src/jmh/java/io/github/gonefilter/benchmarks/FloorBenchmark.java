package io.github.gonefilter.benchmarks;

import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
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

/** The floor: a filter that only looks the servlet path up in a {@code HashMap} of gone paths. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FloorBenchmark {

    @Param({"1000", "1000000"})
    public int paths;

    private Filter filter;
    private final FakeRequest live = new FakeRequest("GET", Corpus.LIVE_PATH);
    private final FakeRequest gone = new FakeRequest("GET", Corpus.GONE_PATH);
    private final FakeResponse response = new FakeResponse();
    private final TrivialApp app = new TrivialApp();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<String> list = new ArrayList<>(paths);
        for (int i = 0; i < paths; i++) {
            list.add(Corpus.exactPath(i));
        }
        filter = Filters.hashMapFloor(list);
        Checks.passesThrough(filter, live);
        Checks.answers(filter, gone, 410);
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
