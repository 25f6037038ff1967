package io.github.gonefilter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Minimal request and response stand-ins for unit tests of the filter: just the methods the filter calls.
 * Real containers are exercised by the integration tests in {@code io.github.gonefilter.it}.
 */
final class ServletFakes {

    private ServletFakes() {
    }

    /** A request for {@code uri} (context path {@code ""}, servlet path = decoded URI as a container would give). */
    static Request request(String method, String uri) {
        return new Request(method, uri);
    }

    static final class Request {
        final String method;
        String uri;
        String contextPath = "";
        String servletPath;
        String pathInfo;
        RuntimeException servletPathFailure;
        DispatcherType dispatcherType = DispatcherType.REQUEST;
        java.security.Principal principal;
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, Object> attributes = new LinkedHashMap<>();
        final List<String> forwardedTo = new ArrayList<>();

        Request(String method, String uri) {
            this.method = method;
            this.uri = uri;
            this.servletPath = uri;
        }

        Request header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        Request contextPath(String contextPath) {
            this.contextPath = contextPath;
            this.servletPath = uri.substring(contextPath.length());
            return this;
        }

        Request servletPath(String servletPath, String pathInfo) {
            this.servletPath = servletPath;
            this.pathInfo = pathInfo;
            return this;
        }

        Request failingServletPath(RuntimeException failure) {
            this.servletPathFailure = failure;
            return this;
        }

        Request dispatcherType(DispatcherType type) {
            this.dispatcherType = type;
            return this;
        }

        /** As a container reports a user it authenticated (container security, Spring Security). */
        Request principal(String name) {
            this.principal = () -> name;
            return this;
        }

        HttpServletRequest build() {
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getRequestURI" -> uri;
                        case "getContextPath" -> contextPath;
                        case "getServletPath" -> {
                            if (servletPathFailure != null) {
                                throw servletPathFailure;
                            }
                            yield servletPath;
                        }
                        case "getPathInfo" -> pathInfo;
                        case "getDispatcherType" -> dispatcherType;
                        case "getUserPrincipal" -> principal;
                        case "isAsyncStarted" -> false;
                        case "getRequestedSessionId" -> null;
                        case "getServletContext" -> (jakarta.servlet.ServletContext) Proxy.newProxyInstance(
                                getClass().getClassLoader(), new Class<?>[] {jakarta.servlet.ServletContext.class},
                                (p2, m2, a2) -> {
                                    if (m2.getName().equals("getContextPath")) {
                                        return contextPath;
                                    }
                                    throw new UnsupportedOperationException("fake context: " + m2.getName());
                                });
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "getRequestDispatcher" -> (jakarta.servlet.RequestDispatcher) Proxy.newProxyInstance(
                                getClass().getClassLoader(), new Class<?>[] {jakarta.servlet.RequestDispatcher.class},
                                (p2, m2, a2) -> {
                                    if (m2.getName().equals("forward")) {
                                        forwardedTo.add((String) args[0]);
                                        return null;
                                    }
                                    throw new UnsupportedOperationException("fake dispatcher: " + m2.getName());
                                });
                        case "getHeader" -> headers.get(((String) args[0]).toLowerCase(Locale.ROOT));
                        case "getHeaders" -> Collections.enumeration(
                                headers.containsKey(((String) args[0]).toLowerCase(Locale.ROOT))
                                        ? List.of(headers.get(((String) args[0]).toLowerCase(Locale.ROOT))) : List.of());
                        case "toString" -> method + " " + uri;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException("fake request: " + m.getName());
                    });
        }
    }

    /** Records what the filter writes. */
    static final class Response {
        int status = 200;
        Integer errorSent;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        String contentType;
        long contentLength = -1;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean committed;

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        String bodyText() {
            return body.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse build() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener writeListener) {
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "setStatus" -> status = (Integer) args[0];
                            case "getStatus" -> {
                                return status;
                            }
                            case "sendError" -> {
                                errorSent = (Integer) args[0];
                                status = errorSent;
                                committed = true;
                            }
                            case "setHeader" -> {
                                if (args[1] == null) {
                                    headers.remove(((String) args[0]).toLowerCase(Locale.ROOT)); // Servlet 6.1
                                } else {
                                    headers.put(((String) args[0]).toLowerCase(Locale.ROOT),
                                            new ArrayList<>(List.of((String) args[1])));
                                }
                            }
                            case "containsHeader" -> {
                                return headers.containsKey(((String) args[0]).toLowerCase(Locale.ROOT));
                            }
                            case "addHeader" -> headers.computeIfAbsent(((String) args[0]).toLowerCase(Locale.ROOT),
                                    k -> new ArrayList<>()).add((String) args[1]);
                            case "getHeader" -> {
                                return header((String) args[0]);
                            }
                            case "setContentType" -> contentType = (String) args[0];
                            case "setContentLength" -> contentLength = (Integer) args[0];
                            case "setContentLengthLong" -> contentLength = (Long) args[0];
                            case "getOutputStream" -> {
                                return out;
                            }
                            case "resetBuffer" -> body.reset();
                            case "reset" -> {
                                body.reset();
                                headers.clear();
                                status = 200;
                                contentType = null;
                                contentLength = -1;
                            }
                            case "getHeaders" -> {
                                List<String> values = headers.get(((String) args[0]).toLowerCase(Locale.ROOT));
                                return values == null ? List.of() : List.copyOf(values);
                            }
                            case "getHeaderNames" -> {
                                return List.copyOf(headers.keySet());
                            }
                            case "flushBuffer" -> committed = true;
                            case "isCommitted" -> {
                                return committed;
                            }
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "toString" -> {
                                return "fake response";
                            }
                            default -> throw new UnsupportedOperationException("fake response: " + m.getName());
                        }
                        return null;
                    });
        }
    }
}
