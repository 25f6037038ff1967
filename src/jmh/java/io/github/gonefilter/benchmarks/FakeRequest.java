package io.github.gonefilter.benchmarks;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.StringReader;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as a container hands it to a filter mapped to {@code /*} in the root context: the servlet path
 * is the whole path, there is no path info. A plain class, not a mock, so that every filter under test pays
 * the same small, allocation-free cost for each call. Attributes live in a tiny array map that
 * {@link #reset} clears between invocations.
 */
public final class FakeRequest implements HttpServletRequest {

    private final String method;
    private final String uri;
    private final String[] headerNames;
    private final String[] headerValues;
    private final String[] attributeNames = new String[16];
    private final Object[] attributeValues = new Object[16];
    private int attributes;

    /**
     * @param headers alternating header names and values
     */
    public FakeRequest(String method, String uri, String... headers) {
        this.method = method;
        this.uri = uri;
        this.headerNames = new String[headers.length / 2];
        this.headerValues = new String[headers.length / 2];
        for (int i = 0; i < headerNames.length; i++) {
            headerNames[i] = headers[2 * i];
            headerValues[i] = headers[2 * i + 1];
        }
    }

    /** Forgets attributes set by the previous invocation. */
    public void reset() {
        for (int i = 0; i < attributes; i++) {
            attributeNames[i] = null;
            attributeValues[i] = null;
        }
        attributes = 0;
    }

    @Override public String getMethod() { return method; }
    @Override public String getRequestURI() { return uri; }
    @Override public String getServletPath() { return uri; }
    @Override public String getPathInfo() { return null; }
    @Override public String getContextPath() { return ""; }
    @Override public String getQueryString() { return null; }
    @Override public DispatcherType getDispatcherType() { return DispatcherType.REQUEST; }

    @Override
    public String getHeader(String name) {
        for (int i = 0; i < headerNames.length; i++) {
            if (headerNames[i].equalsIgnoreCase(name)) {
                return headerValues[i];
            }
        }
        return null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String value = getHeader(name);
        return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
    }

    @Override public Enumeration<String> getHeaderNames() { return Collections.enumeration(List.of(headerNames)); }
    @Override public long getDateHeader(String name) { return -1; }

    @Override
    public int getIntHeader(String name) {
        String value = getHeader(name);
        return value == null ? -1 : Integer.parseInt(value);
    }

    @Override
    public Object getAttribute(String name) {
        for (int i = 0; i < attributes; i++) {
            if (attributeNames[i].equals(name)) {
                return attributeValues[i];
            }
        }
        return null;
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            removeAttribute(name);
            return;
        }
        for (int i = 0; i < attributes; i++) {
            if (attributeNames[i].equals(name)) {
                attributeValues[i] = value;
                return;
            }
        }
        attributeNames[attributes] = name;
        attributeValues[attributes] = value;
        attributes++;
    }

    @Override
    public void removeAttribute(String name) {
        for (int i = 0; i < attributes; i++) {
            if (attributeNames[i].equals(name)) {
                attributes--;
                attributeNames[i] = attributeNames[attributes];
                attributeValues[i] = attributeValues[attributes];
                attributeNames[attributes] = null;
                attributeValues[attributes] = null;
                return;
            }
        }
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(List.of(attributeNames).subList(0, attributes));
    }

    @Override public String getCharacterEncoding() { return null; }
    @Override public void setCharacterEncoding(String env) { }
    @Override public int getContentLength() { return -1; }
    @Override public long getContentLengthLong() { return -1; }
    @Override public String getContentType() { return null; }
    @Override public ServletInputStream getInputStream() { throw new UnsupportedOperationException(); }
    @Override public String getParameter(String name) { return null; }
    @Override public Enumeration<String> getParameterNames() { return Collections.emptyEnumeration(); }
    @Override public String[] getParameterValues(String name) { return null; }
    @Override public Map<String, String[]> getParameterMap() { return Map.of(); }
    @Override public String getProtocol() { return "HTTP/1.1"; }
    @Override public String getScheme() { return "http"; }
    @Override public String getServerName() { return "localhost"; }
    @Override public int getServerPort() { return 8080; }
    @Override public BufferedReader getReader() { return new BufferedReader(new StringReader("")); }
    @Override public String getRemoteAddr() { return "127.0.0.1"; }
    @Override public String getRemoteHost() { return "localhost"; }
    @Override public Locale getLocale() { return Locale.ROOT; }
    @Override public Enumeration<Locale> getLocales() { return Collections.enumeration(List.of(Locale.ROOT)); }
    @Override public boolean isSecure() { return false; }
    @Override public RequestDispatcher getRequestDispatcher(String path) { return null; }
    @Override public int getRemotePort() { return 50000; }
    @Override public String getLocalName() { return "localhost"; }
    @Override public String getLocalAddr() { return "127.0.0.1"; }
    @Override public int getLocalPort() { return 8080; }
    @Override public ServletContext getServletContext() { return null; }
    @Override public AsyncContext startAsync() { throw new IllegalStateException(); }
    @Override public AsyncContext startAsync(ServletRequest request, ServletResponse response) { throw new IllegalStateException(); }
    @Override public boolean isAsyncStarted() { return false; }
    @Override public boolean isAsyncSupported() { return false; }
    @Override public AsyncContext getAsyncContext() { throw new IllegalStateException(); }
    @Override public String getRequestId() { return "1"; }
    @Override public String getProtocolRequestId() { return ""; }
    @Override public ServletConnection getServletConnection() { return null; }
    @Override public String getAuthType() { return null; }
    @Override public Cookie[] getCookies() { return null; }
    @Override public String getPathTranslated() { return null; }
    @Override public String getRemoteUser() { return null; }
    @Override public boolean isUserInRole(String role) { return false; }
    @Override public Principal getUserPrincipal() { return null; }
    @Override public String getRequestedSessionId() { return null; }
    @Override public StringBuffer getRequestURL() { return new StringBuffer("http://localhost:8080").append(uri); }
    @Override public HttpSession getSession(boolean create) { return null; }
    @Override public HttpSession getSession() { return null; }
    @Override public String changeSessionId() { throw new IllegalStateException(); }
    @Override public boolean isRequestedSessionIdValid() { return false; }
    @Override public boolean isRequestedSessionIdFromCookie() { return false; }
    @Override public boolean isRequestedSessionIdFromURL() { return false; }
    @Override public boolean authenticate(HttpServletResponse response) { return false; }
    @Override public void login(String username, String password) { }
    @Override public void logout() { }
    @Override public Collection<Part> getParts() { return List.of(); }
    @Override public Part getPart(String name) { return null; }
    @Override public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) { throw new UnsupportedOperationException(); }
}
