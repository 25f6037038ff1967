package io.github.gonefilter.it;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The application behind the filter in fallback mode, a CMS that no longer has most pages: it answers the
 * container's 404 ({@code sendError}) for every path but these, and records the path of each request that reached it.
 * <ul>
 * <li>{@code /live/...}: 200, content that was published again;</li>
 * <li>{@code /status404/...}: {@code setStatus(404)} and a body of its own;</li>
 * <li>{@code /stream/...}: 200, writes and flushes a first part, then waits for {@link #release()} before the rest;</li>
 * <li>{@code /async/...}: answers on another thread after the filter returned: 200 for {@code /async/live}, else
 *     {@code sendError(404)};</li>
 * <li>{@code /cookie404/...}: creates a session, adds a cookie of its own, then {@code sendError(404)};</li>
 * <li>{@code /redirect/...}: redirects to its login page;</li>
 * <li>{@code /fwd404/...}: {@code setStatus(404)}, then forwards to a page of its own ({@code /errpage});</li>
 * <li>{@code /throw404/...}: {@code setStatus(404)}, then fails;</li>
 * <li>{@code /errpage}: the application's own HTML page (200; {@code htmlErrorPage} of {@code /fallbackpages}).</li>
 * </ul>
 */
public final class FallbackAppServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    static final String FIRST_PART = "first part;";
    static final String PAGE = "the application's own page";
    private static final List<String> HITS = new CopyOnWriteArrayList<>();
    private static volatile CountDownLatch streamGate = new CountDownLatch(1);

    static void clear() {
        HITS.clear();
        streamGate = new CountDownLatch(1);
    }

    static List<String> hits() {
        return List.copyOf(HITS);
    }

    /** Lets a waiting {@code /stream/...} request write the rest of its body. */
    static void release() {
        streamGate.countDown();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        HITS.add(path);
        if (path.startsWith("/live/")) {
            write(response, "app saw " + path);
        } else if (path.startsWith("/status404/")) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write("the application's own 404 body");
        } else if (path.startsWith("/stream/")) {
            response.setContentType("text/plain;charset=UTF-8");
            OutputStream out = response.getOutputStream();
            out.write(FIRST_PART.getBytes(StandardCharsets.UTF_8));
            out.flush();
            CountDownLatch gate = streamGate;
            try {
                if (!gate.await(10, TimeUnit.SECONDS)) {
                    out.write("timed out".getBytes(StandardCharsets.UTF_8));
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            out.write("rest".getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/async/")) {
            AsyncContext async = request.startAsync(request, response);
            new Thread(() -> {
                try {
                    HttpServletResponse late = (HttpServletResponse) async.getResponse();
                    if (path.equals("/async/live")) {
                        write(late, "app saw " + path + " later");
                    } else {
                        late.sendError(HttpServletResponse.SC_NOT_FOUND);
                    }
                } catch (IOException e) {
                    // the client went away
                } finally {
                    async.complete();
                }
            }, "late-answer").start();
        } else if (path.startsWith("/cookie404/")) {
            request.getSession(true);
            response.addCookie(new Cookie("csrf", "TOKEN"));
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        } else if (path.startsWith("/redirect/")) {
            response.sendRedirect(request.getContextPath() + "/login");
        } else if (path.startsWith("/fwd404/")) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            request.getRequestDispatcher("/errpage").forward(request, response);
        } else if (path.startsWith("/throw404/")) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            throw new IllegalStateException("the application fails after its 404");
        } else if (path.equals("/errpage")) {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<p>" + PAGE + "</p>");
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private static void write(HttpServletResponse response, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
