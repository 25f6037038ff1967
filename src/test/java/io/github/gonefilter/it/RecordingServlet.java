package io.github.gonefilter.it;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application behind the filter in every test web application: it answers 200 for every path and
 * method and records each request that reached it. Two prefixes behave differently: {@code /missing/...}
 * answers the container's own 404 ({@code sendError}), the shape a {@code not_found} tombstone must imitate,
 * and {@code /forward/...} forwards to the rest of the path, to show which dispatcher types the filter acts on.
 *
 * <p>The web applications have no classes of their own, so both containers load this class from the test
 * class path and the record is shared with the test.
 */
public final class RecordingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** What reached the application. {@code path} is the servlet path plus path info, as the container decoded it. */
    record Hit(String contextPath, String method, String dispatcherType, String requestUri, String path) {
    }

    private static final List<Hit> HITS = new CopyOnWriteArrayList<>();

    static void clear() {
        HITS.clear();
    }

    static List<Hit> hits() {
        return List.copyOf(HITS);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        HITS.add(new Hit(request.getContextPath(), request.getMethod(), request.getDispatcherType().name(),
                request.getRequestURI(), path));
        if (path.startsWith("/missing/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (path.startsWith("/forward/")) {
            request.getRequestDispatcher(path.substring("/forward".length())).forward(request, response);
            return;
        }
        byte[] body = ("app saw " + path).getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }
}
