package io.github.gonefilter.internal.response;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the application's HTML error page sees when the filter forwards to it. The page only supplies the body:
 * whatever it is (a static file served by the container's default servlet, a servlet, a controller), it
 * cannot turn the 410 into a 304 or 206, nor give it the page's own validators or lifetime.
 *
 * <ul>
 * <li>The request hides conditional and range headers ({@code If-*}, {@code Range}) and presents every
 *     method but {@code HEAD} as {@code GET}, so the page renders as for a plain visit.</li>
 * <li>The response keeps the filter's status and headers: {@code setStatus} is ignored; {@code ETag},
 *     {@code Last-Modified}, {@code Cache-Control}, {@code Expires}, {@code Accept-Ranges},
 *     {@code Content-Range} and {@code Pragma} set by the page are ignored; {@code Vary} and {@code Link} are
 *     only added to. A page that fails ({@code sendError}, {@code sendRedirect}) is replaced by the fallback
 *     page, so the answer is still the 410 or 451 with a body.</li>
 * </ul>
 */
final class ErrorPageForward {

    private ErrorPageForward() {
    }

    /** The body to send when the page fails, already rendered for this request. */
    interface Fallback {
        byte[] html();
    }

    static HttpServletRequest request(HttpServletRequest request) {
        return new PlainRequest(request);
    }

    static HttpServletResponse response(HttpServletResponse response, boolean head, Fallback fallback) {
        return new KeptResponse(response, head, fallback);
    }

    private static boolean isConditionalOrRange(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("if-") || lower.equals("range");
    }

    private static final class PlainRequest extends HttpServletRequestWrapper {

        PlainRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "HEAD".equals(super.getMethod()) ? "HEAD" : "GET";
        }

        @Override
        public String getHeader(String name) {
            return isConditionalOrRange(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isConditionalOrRange(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            Enumeration<String> names = super.getHeaderNames();
            if (names == null) {
                return null;
            }
            List<String> kept = Collections.list(names);
            kept.removeIf(ErrorPageForward::isConditionalOrRange);
            return Collections.enumeration(kept);
        }

        @Override
        public long getDateHeader(String name) {
            return isConditionalOrRange(name) ? -1 : super.getDateHeader(name);
        }

        @Override
        public int getIntHeader(String name) {
            return isConditionalOrRange(name) ? -1 : super.getIntHeader(name);
        }
    }

    private static final class KeptResponse extends HttpServletResponseWrapper {

        /** Headers only the filter decides, lower case. */
        private static final Set<String> FILTERS_ALONE = Set.of("cache-control", "expires", "pragma", "etag",
                "last-modified", "accept-ranges", "content-range", "x-content-type-options");
        /** Headers the filter set that the page may add to but not replace. */
        private static final Set<String> ADD_ONLY = Set.of("vary", "link");

        private final boolean head;
        private final Fallback fallback;

        KeptResponse(HttpServletResponse response, boolean head, Fallback fallback) {
            super(response);
            this.head = head;
            this.fallback = fallback;
        }

        @Override
        public void setStatus(int sc) {
            // the filter's 410 or 451 stands
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            sendFallback();
        }

        @Override
        public void sendError(int sc) throws IOException {
            sendFallback();
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            sendFallback();
        }

        @Override
        public void sendRedirect(String location, boolean clearBuffer) throws IOException {
            sendFallback();
        }

        @Override
        public void sendRedirect(String location, int sc) throws IOException {
            sendFallback();
        }

        @Override
        public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
            sendFallback();
        }

        @Override
        public void reset() {
            super.resetBuffer(); // the page may start over, but not with fresh status and headers
        }

        @Override
        public void setHeader(String name, String value) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (ADD_ONLY.contains(lower)) {
                super.addHeader(name, value);
            } else if (!FILTERS_ALONE.contains(lower)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!FILTERS_ALONE.contains(name.toLowerCase(Locale.ROOT))) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (!isKept(name)) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (!isKept(name)) {
                super.addDateHeader(name, date);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (!isKept(name)) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (!isKept(name)) {
                super.addIntHeader(name, value);
            }
        }

        private static boolean isKept(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return FILTERS_ALONE.contains(lower) || ADD_ONLY.contains(lower);
        }

        /** The page could not render (it does not exist, it failed, it redirected): send the filter's own page. */
        private void sendFallback() throws IOException {
            if (isCommitted()) {
                return;
            }
            byte[] body = fallback.html();
            super.resetBuffer();
            super.setContentType(GoneResponseWriter.HTML_TYPE);
            super.setContentLength(body.length);
            if (!head) {
                super.getOutputStream().write(body);
            }
            super.flushBuffer();
        }
    }
}
