package io.github.gonefilter.benchmarks;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/** The end of the chain: the trivial application that answers 200 with a two-byte body. */
public final class TrivialApp implements FilterChain {
    private static final byte[] OK = {'o', 'k'};
    public int calls;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response) throws IOException {
        calls++;
        response.setContentType("text/plain");
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }
}
