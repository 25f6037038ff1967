package io.github.gonefilter.benchmarks;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A response that keeps status and headers in fixed arrays and counts body bytes instead of buffering them,
 * so writing it costs every filter the same and allocates nothing. {@link #reset()} readies it for the next
 * invocation.
 */
public final class FakeResponse implements HttpServletResponse {

    private static final int MAX_HEADERS = 16;

    private final String[] headerNames = new String[MAX_HEADERS];
    private final String[] headerValues = new String[MAX_HEADERS];
    private int headers;
    private int status = 200;
    private String contentType;
    private long contentLength = -1;
    private long bodyBytes;
    private boolean committed;
    private final CountingStream out = new CountingStream();
    private final PrintWriter writer = new PrintWriter(new Writer() {
        @Override public void write(char[] buf, int off, int len) { bodyBytes += len; }
        @Override public void flush() { }
        @Override public void close() { }
    });

    public int status() { return status; }
    public long bodyBytes() { return bodyBytes; }

    @Override public void setStatus(int sc) { status = sc; }
    @Override public int getStatus() { return status; }

    @Override
    public void setHeader(String name, String value) {
        for (int i = 0; i < headers; i++) {
            if (headerNames[i].equalsIgnoreCase(name)) {
                headerValues[i] = value;
                return;
            }
        }
        addHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        if (headers < MAX_HEADERS) {
            headerNames[headers] = name;
            headerValues[headers] = value;
            headers++;
        }
    }

    @Override
    public String getHeader(String name) {
        for (int i = 0; i < headers; i++) {
            if (headerNames[i].equalsIgnoreCase(name)) {
                return headerValues[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsHeader(String name) {
        return getHeader(name) != null;
    }

    @Override
    public Collection<String> getHeaders(String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < headers; i++) {
            if (headerNames[i].equalsIgnoreCase(name)) {
                values.add(headerValues[i]);
            }
        }
        return values;
    }

    @Override
    public Collection<String> getHeaderNames() {
        return List.of(headerNames).subList(0, headers);
    }

    @Override public void setDateHeader(String name, long date) { setHeader(name, "date"); }
    @Override public void addDateHeader(String name, long date) { addHeader(name, "date"); }
    @Override public void setIntHeader(String name, int value) { setHeader(name, "int"); }
    @Override public void addIntHeader(String name, int value) { addHeader(name, "int"); }
    @Override public void addCookie(Cookie cookie) { }
    @Override public String encodeURL(String url) { return url; }
    @Override public String encodeRedirectURL(String url) { return url; }

    @Override
    public void sendError(int sc, String msg) {
        status = sc;
        committed = true;
    }

    @Override
    public void sendError(int sc) {
        sendError(sc, null);
    }

    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) {
        status = sc;
        setHeader("Location", location);
        committed = true;
    }

    @Override public String getCharacterEncoding() { return "UTF-8"; }
    @Override public String getContentType() { return contentType; }
    @Override public ServletOutputStream getOutputStream() { return out; }
    @Override public PrintWriter getWriter() { return writer; }
    @Override public void setCharacterEncoding(String charset) { }
    @Override public void setContentLength(int len) { contentLength = len; }
    @Override public void setContentLengthLong(long len) { contentLength = len; }
    @Override public void setContentType(String type) { contentType = type; }
    @Override public void setBufferSize(int size) { }
    @Override public int getBufferSize() { return 8192; }
    @Override public void flushBuffer() { committed = true; }
    @Override public void resetBuffer() { bodyBytes = 0; }
    @Override public boolean isCommitted() { return committed; }
    @Override public void setLocale(Locale loc) { }
    @Override public Locale getLocale() { return Locale.ROOT; }

    /** Clears status, headers and body for the next invocation. */
    @Override
    public void reset() {
        for (int i = 0; i < headers; i++) {
            headerNames[i] = null;
            headerValues[i] = null;
        }
        headers = 0;
        status = 200;
        contentType = null;
        contentLength = -1;
        bodyBytes = 0;
        committed = false;
    }

    private final class CountingStream extends ServletOutputStream {
        @Override public void write(int b) { bodyBytes++; }
        @Override public void write(byte[] b, int off, int len) { bodyBytes += len; }
        @Override public boolean isReady() { return true; }
        @Override public void setWriteListener(WriteListener writeListener) { }
    }
}
