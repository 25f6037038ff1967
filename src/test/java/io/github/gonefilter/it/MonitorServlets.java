package io.github.gonefilter.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.monitor.NotFoundEntry;
import io.github.gonefilter.monitor.NotFoundMonitor;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The application of the {@code /monitor} test web application: 404s in the shapes applications produce them. */
final class MonitorServlets {

    private MonitorServlets() {
    }

    /** Lists what the filter's monitor counted, as JSON, from the servlet context attribute the filter sets. */
    public static final class Report extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            NotFoundMonitor monitor = (NotFoundMonitor) getServletContext().getAttribute(NotFoundMonitor.CONTEXT_ATTRIBUTE);
            if ("true".equals(request.getParameter("clear"))) {
                monitor.clear();
            }
            List<Map<String, Object>> entries = new ArrayList<>();
            for (NotFoundEntry e : monitor.entries()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("path", e.path());
                json.put("query", e.query());
                json.put("count", e.count());
                json.put("referrers", e.referrers().stream().map(NotFoundEntry.Referrer::host).toList());
                json.put("bots", e.bots());
                json.put("humans", e.humans());
                entries.add(json);
            }
            byte[] body = JSON.writeValueAsBytes(entries);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /**
     * Answers 404 from another thread, only after the test released it: the request thread has long returned
     * through the filter, so the monitor must read the status at completion.
     */
    public static final class AsyncNotFound extends HttpServlet {
        private static final long serialVersionUID = 1L;
        static volatile CountDownLatch release = new CountDownLatch(0);
        static volatile CountDownLatch started = new CountDownLatch(0);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            CountDownLatch gate = release;
            started.countDown();
            CompletableFuture.runAsync(() -> {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                    ((HttpServletResponse) async.getResponse()).setStatus(HttpServletResponse.SC_NOT_FOUND);
                    async.getResponse().getOutputStream().write("no such thing".getBytes(StandardCharsets.UTF_8));
                } catch (InterruptedException | IOException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    async.complete();
                }
            });
        }
    }

    /** Answers 404 with {@code setStatus} and a body of its own, as a REST controller does. */
    public static final class SetStatusNotFound extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"no such item\"}");
        }
    }
}
