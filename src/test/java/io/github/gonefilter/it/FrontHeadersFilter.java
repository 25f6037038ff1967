package io.github.gonefilter.it;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A filter in front of gone-filter that sets what such filters set on every answer (CORS, HSTS, a request id)
 * before the rest of the chain runs; gone-filter's answers must keep them, in either mode.
 */
public final class FrontHeadersFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    static final String REQUEST_ID = "front-1";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Strict-Transport-Security", "max-age=31536000");
        response.setHeader("X-Request-Id", REQUEST_ID);
        chain.doFilter(request, response);
    }
}
