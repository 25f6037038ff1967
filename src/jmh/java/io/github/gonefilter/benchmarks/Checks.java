package io.github.gonefilter.benchmarks;

import jakarta.servlet.Filter;

/** Set-up checks: a benchmark that measures the wrong path is worse than none. */
final class Checks {

    private Checks() {
    }

    static void passesThrough(Filter filter, FakeRequest request) throws Exception {
        TrivialApp app = new TrivialApp();
        FakeResponse response = new FakeResponse();
        request.reset();
        filter.doFilter(request, response, app);
        if (app.calls != 1 || response.getStatus() != 200) {
            throw new IllegalStateException(filter.getClass().getSimpleName() + " did not pass "
                    + request.getRequestURI() + " through: status " + response.getStatus());
        }
    }

    static void answers(Filter filter, FakeRequest request, int status) throws Exception {
        TrivialApp app = new TrivialApp();
        FakeResponse response = new FakeResponse();
        request.reset();
        filter.doFilter(request, response, app);
        if (app.calls != 0 || response.getStatus() != status) {
            throw new IllegalStateException(filter.getClass().getSimpleName() + " answered "
                    + request.getRequestURI() + " with " + response.getStatus() + " (app called " + app.calls
                    + " times) instead of " + status);
        }
    }
}
