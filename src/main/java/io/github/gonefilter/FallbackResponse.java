package io.github.gonefilter;

import io.github.gonefilter.tombstone.Visibility;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The response the application writes in fallback mode. Nothing is buffered: status, headers and body go straight
 * to the container, until the application sets 404 ({@code setStatus} or {@code sendError}) before anything is
 * committed. Then, at once and on whatever thread set it, the response is reset and the tombstone's answer written
 * in its place; from then on everything the application writes, sets or flushes is discarded, so its 404 body and
 * its error page never reach the client. A {@code not_found} tombstone intercepts nothing: the application's own
 * 404 is its answer.
 *
 * <p>The answer keeps what was on the response before the application had it (the headers of filters in front,
 * CORS, HSTS, a request id, and the filter's own {@code Deprecation} and {@code Sunset}), as short-circuit mode
 * does, and nothing the application set: in particular none of its cookies, nor the session cookie of a session it
 * created, which a shared cache would hand to every visitor of a public 410.
 *
 * <p>The output stream and writer handed out reach the container's only when first written to, so an application
 * that takes the writer and then sets 404 leaves the stream free for the tombstone's answer.
 */
final class FallbackResponse extends HttpServletResponseWrapper {

    private static final System.Logger LOG = System.getLogger(GoneFilter.class.getName());

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Decision.Gone gone;
    private final Fallback fallback;
    private final boolean intercepts;
    /** The headers on the response before the application had it, which its 404 must not take away. */
    private final Map<String, List<String>> before;
    private volatile boolean answered;
    private boolean finished;
    private ServletOutputStream stream;
    private PrintWriter writer;

    FallbackResponse(HttpServletRequest request, HttpServletResponse response, Decision.Gone gone, Fallback fallback) {
        super(response);
        this.request = request;
        this.response = response;
        this.gone = gone;
        this.fallback = fallback;
        this.intercepts = gone.tombstone().visibility() != Visibility.NOT_FOUND;
        this.before = intercepts ? headers(response) : Map.of();
    }

    private static Map<String, List<String>> headers(HttpServletResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("content-type") && !lower.equals("content-length")) { // the answer's own
                headers.computeIfAbsent(name, n -> new ArrayList<>(response.getHeaders(n)));
            }
        }
        return headers;
    }

    /** Whether the tombstone answered in place of the application's 404. */
    boolean answered() {
        return answered;
    }

    /** The application is done (the chain returned, or the async request completed): judge what it answered. */
    synchronized void finished() {
        if (finished || answered) {
            return;
        }
        finished = true;
        fallback.applicationAnswered(request, gone, response.getStatus());
    }

    /** Whether {@code status} is the 404 to answer for: only before anything reached the client. */
    private boolean answers(int status) {
        return status == SC_NOT_FOUND && intercepts && !answered && !response.isCommitted();
    }

    private synchronized void answer() throws IOException, ServletException {
        if (answered) {
            return;
        }
        answered = true;
        // Clears the application's 404 headers and body, and whether it took the writer or the stream; then
        // puts back what was there before it.
        response.reset();
        if (response.containsHeader("Set-Cookie")) {
            response.setHeader("Set-Cookie", null); // a session cookie the container re-adds (Jetty); Servlet 6.1
        }
        before.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        fallback.answer(request, response, gone);
    }

    /** For {@code setStatus}, which cannot throw: a client that went away is no error of the application's. */
    private void answerQuietly() {
        try {
            answer();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Writing the tombstone's answer failed: " + e);
        } catch (ServletException e) {
            throw new IllegalStateException("writing the tombstone's answer for " + gone.path() + " failed", e);
        }
    }

    @Override
    public void setStatus(int sc) {
        if (answers(sc)) {
            answerQuietly();
        } else if (!answered) {
            super.setStatus(sc);
        }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (answers(sc)) {
            sendErrorAnswer();
        } else if (!answered) {
            super.sendError(sc, msg);
        }
    }

    @Override
    public void sendError(int sc) throws IOException {
        if (answers(sc)) {
            sendErrorAnswer();
        } else if (!answered) {
            super.sendError(sc);
        }
    }

    private void sendErrorAnswer() throws IOException {
        try {
            answer();
        } catch (ServletException e) {
            throw new IOException("writing the tombstone's answer for " + gone.path() + " failed", e);
        }
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        if (!answered) {
            super.sendRedirect(location);
        }
    }

    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        if (!answered) {
            super.sendRedirect(location, sc, clearBuffer);
        }
    }

    @Override
    public boolean isCommitted() {
        return answered || super.isCommitted();
    }

    @Override
    public void reset() {
        if (!answered) {
            super.reset();
        }
    }

    @Override
    public void resetBuffer() {
        if (!answered) {
            super.resetBuffer();
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!answered) {
            super.flushBuffer();
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (!answered) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!answered) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (!answered) {
            super.setIntHeader(name, value);
        }
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (!answered) {
            super.addIntHeader(name, value);
        }
    }

    @Override
    public void setDateHeader(String name, long date) {
        if (!answered) {
            super.setDateHeader(name, date);
        }
    }

    @Override
    public void addDateHeader(String name, long date) {
        if (!answered) {
            super.addDateHeader(name, date);
        }
    }

    @Override
    public void addCookie(Cookie cookie) {
        if (!answered) {
            super.addCookie(cookie);
        }
    }

    @Override
    public void setContentType(String type) {
        if (!answered) {
            super.setContentType(type);
        }
    }

    @Override
    public void setContentLength(int len) {
        if (!answered) {
            super.setContentLength(len);
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (!answered) {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (!answered) {
            super.setCharacterEncoding(charset);
        }
    }

    @Override
    public void setLocale(Locale locale) {
        if (!answered) {
            super.setLocale(locale);
        }
    }

    @Override
    public void setBufferSize(int size) {
        if (!answered) {
            super.setBufferSize(size);
        }
    }

    @Override
    public synchronized ServletOutputStream getOutputStream() throws IOException {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called for this response");
        }
        if (stream == null) {
            stream = new GatedStream();
        }
        return stream;
    }

    @Override
    public synchronized PrintWriter getWriter() throws IOException {
        if (stream != null) {
            throw new IllegalStateException("getOutputStream() has already been called for this response");
        }
        if (writer == null) {
            writer = new PrintWriter(new GatedWriter());
        }
        return writer;
    }

    /** The container's stream, taken on the first write; after the answer, a sink. */
    private final class GatedStream extends ServletOutputStream {
        private ServletOutputStream target;

        private ServletOutputStream target() throws IOException {
            if (target == null) {
                target = response.getOutputStream();
            }
            return target;
        }

        @Override
        public void write(int b) throws IOException {
            if (!answered) {
                target().write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!answered) {
                target().write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!answered) {
                target().flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (!answered) {
                target().close();
            }
        }

        @Override
        public boolean isReady() {
            try {
                return answered || target().isReady();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            try {
                target().setWriteListener(listener);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The container's writer, taken on the first write; after the answer, a sink. */
    private final class GatedWriter extends Writer {
        private PrintWriter target;

        private PrintWriter target() throws IOException {
            if (target == null) {
                target = response.getWriter();
            }
            return target;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            if (!answered) {
                target().write(cbuf, off, len);
            }
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            if (!answered) {
                target().write(str, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!answered) {
                target().flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (!answered) {
                target().close();
            }
        }
    }
}
