package io.github.gonefilter.internal.response;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 *     method but {@code HEAD} as {@code GET}, so the page renders as for a plain visit. It never creates a
 *     session: a page that asks for one gets a session of its own for this rendering only, which the
 *     container never sees, so no {@code JSESSIONID} goes out on a publicly cacheable answer.</li>
 * <li>The response keeps the filter's status and headers: {@code setStatus} is ignored; {@code ETag},
 *     {@code Last-Modified}, {@code Cache-Control}, {@code Expires}, {@code Accept-Ranges},
 *     {@code Content-Range} and {@code Pragma} set by the page are ignored; so are its cookies
 *     ({@code addCookie}, {@code Set-Cookie}), which a shared cache would hand to every visitor;
 *     {@code Vary} and {@code Link} are only added to. A page that fails ({@code sendError},
 *     {@code sendRedirect}, an exception) is replaced by the fallback page, so the answer is still the 410 or
 *     451 with a body.</li>
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

    static KeptResponse response(HttpServletResponse response, boolean head, Fallback fallback) {
        return new KeptResponse(response, head, fallback);
    }

    private static boolean isConditionalOrRange(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("if-") || lower.equals("range");
    }

    private static final class PlainRequest extends HttpServletRequestWrapper {
        private HttpSession detached;

        PlainRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "HEAD".equals(super.getMethod()) ? "HEAD" : "GET";
        }

        @Override
        public HttpSession getSession(boolean create) {
            HttpSession existing = super.getSession(false);
            if (existing != null || !create) {
                return existing;
            }
            if (detached == null) {
                detached = new DetachedSession(getServletContext());
            }
            return detached;
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
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

    static final class KeptResponse extends HttpServletResponseWrapper {

        /** Headers only the filter decides (and cookies, which no publicly cacheable answer carries), lower case. */
        static final Set<String> FILTERS_ALONE = Set.of("cache-control", "expires", "pragma", "etag",
                "last-modified", "accept-ranges", "content-range", "x-content-type-options", "set-cookie",
                "set-cookie2");
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
        public void addCookie(Cookie cookie) {
            // never on an answer that caches may share
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
        void sendFallback() throws IOException {
            if (isCommitted()) {
                return;
            }
            byte[] body = fallback.html();
            super.resetBuffer();
            super.setContentType(GoneResponseWriter.HTML_TYPE);
            OutputStream out;
            try {
                out = super.getOutputStream();
            } catch (IllegalStateException pageUsedTheWriter) {
                // The writer's encoding is fixed once it was taken: write the page as text in that encoding.
                String text = new String(body, StandardCharsets.UTF_8);
                Charset charset = Charset.forName(getCharacterEncoding());
                super.setContentLength(text.getBytes(charset).length);
                if (!head) {
                    super.getWriter().write(text);
                }
                super.flushBuffer();
                return;
            }
            super.setContentLength(body.length);
            if (!head) {
                out.write(body);
            }
            super.flushBuffer();
        }
    }

    /**
     * The session a page gets when it asks for one and the request has none: it holds attributes for this
     * rendering (a CSRF token, a flash message) and is then dropped. The container never learns of it.
     */
    private static final class DetachedSession implements HttpSession {
        private final ServletContext context;
        private final long created = System.currentTimeMillis();
        private final Map<String, Object> attributes = new ConcurrentHashMap<>();
        private int maxInactiveInterval;

        DetachedSession(ServletContext context) {
            this.context = context;
        }

        @Override
        public long getCreationTime() {
            return created;
        }

        @Override
        public String getId() {
            return "";
        }

        @Override
        public long getLastAccessedTime() {
            return created;
        }

        @Override
        public ServletContext getServletContext() {
            return context;
        }

        @Override
        public void setMaxInactiveInterval(int interval) {
            maxInactiveInterval = interval;
        }

        @Override
        public int getMaxInactiveInterval() {
            return maxInactiveInterval;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return Collections.enumeration(List.copyOf(attributes.keySet()));
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (value == null) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }

        @Override
        public void invalidate() {
            attributes.clear();
        }

        @Override
        public boolean isNew() {
            return true;
        }
    }
}
