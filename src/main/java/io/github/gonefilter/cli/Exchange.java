package io.github.gonefilter.cli;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.path.PathCanonicalizer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request through the real {@link GoneFilter}, in memory: the request a container would hand the filter
 * for a request target (context path "", the decoded path as servlet path), and a response that records what
 * the filter writes. Only the methods a filter uses are answered; the others return neutral values.
 */
final class Exchange {

    /**
     * What the filter did: answered itself, or passed the request to the application (with any headers it added).
     * For a tombstone in fallback mode, {@code applicationFirst}: the application was asked first, and what is
     * recorded is the answer to an application that answers 404, as one with no such page does.
     */
    record Result(boolean passedThrough, int status, List<String[]> headers, byte[] body, boolean containerError,
            boolean applicationFirst) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Exchange() {
    }

    /**
     * The real filter as a {@code web.xml} user with default settings and {@code lifetimes} gets it, loaded from
     * {@code file}, its clock fixed at {@code now}.
     *
     * @throws GoneFilterCli.UnusableInputException if the file is missing or does not load (the filter itself would
     *         start empty on a missing file in a writable folder, waiting for it to be written)
     */
    static GoneFilter filter(java.nio.file.Path file, boolean caseSensitive, java.time.Instant now, LifetimeOptions lifetimes) {
        TombstoneFile.loadable(file);
        try {
            return lifetimes.apply(GoneFilter.builder()).tombstones(file.toString()).reloadInterval(java.time.Duration.ZERO)
                    .caseSensitive(caseSensitive).clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)).build();
        } catch (io.github.gonefilter.registry.file.TombstoneFileException e) {
            throw new GoneFilterCli.UnusableInputException(Text.withoutParserSource(e.getMessage()));
        }
    }

    static Result run(GoneFilter filter, String method, String target, String accept) throws IOException, ServletException {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : null;
        Map<String, Object> attributes = new HashMap<>();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(Exchange.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getQueryString" -> query;
                    case "getContextPath" -> "";
                    case "getServletPath" -> PathCanonicalizer.canonicalizeEncoded(path.isEmpty() ? "/" : path);
                    case "getPathInfo" -> null;
                    case "getDispatcherType" -> DispatcherType.REQUEST;
                    case "getHeader" -> "accept".equalsIgnoreCase((String) args[0]) ? accept : null;
                    case "getHeaders" -> Collections.enumeration(
                            "accept".equalsIgnoreCase((String) args[0]) && accept != null ? List.of(accept) : List.of());
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "getCharacterEncoding" -> "UTF-8";
                    case "getScheme" -> "http";
                    case "isSecure" -> false;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> method + " " + target;
                    default -> neutral(m.getReturnType());
                });
        Recorder recorder = new Recorder();
        HttpServletResponse response = recorder.proxy();
        boolean[] passed = {false};
        boolean[] applicationFirst = {false};
        FilterChain chain = (req, res) -> {
            if (res != response) {
                // Only fallback mode wraps the response: play an application that has no such page.
                applicationFirst[0] = true;
                ((HttpServletResponse) res).sendError(HttpServletResponse.SC_NOT_FOUND);
            } else {
                passed[0] = true;
            }
        };
        filter.doFilter(request, response, chain);
        return new Result(passed[0], passed[0] ? 0 : recorder.status, recorder.headers, recorder.body.toByteArray(),
                recorder.containerError, applicationFirst[0]);
    }

    private static Object neutral(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class || type == long.class) {
            return type == int.class ? (Object) 0 : (Object) 0L;
        }
        if (type == java.util.Enumeration.class) {
            return Collections.emptyEnumeration();
        }
        return null;
    }

    /** Records status, headers (in order) and body. */
    private static final class Recorder {
        int status = 200;
        final List<String[]> headers = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean containerError;
        boolean committed;

        HttpServletResponse proxy() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(Exchange.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "getStatus" -> status;
                        case "sendError" -> {
                            status = (Integer) args[0];
                            containerError = true;
                            committed = true;
                            yield null;
                        }
                        case "setHeader" -> {
                            headers.removeIf(h -> h[0].equalsIgnoreCase((String) args[0]));
                            if (args[1] != null) {
                                headers.add(new String[] {(String) args[0], (String) args[1]});
                            }
                            yield null;
                        }
                        case "addHeader" -> {
                            headers.add(new String[] {(String) args[0], (String) args[1]});
                            yield null;
                        }
                        case "setIntHeader", "addIntHeader" -> {
                            headers.add(new String[] {(String) args[0], String.valueOf(args[1])});
                            yield null;
                        }
                        case "setDateHeader", "addDateHeader" -> {
                            headers.add(new String[] {(String) args[0], io.github.gonefilter.internal.text.TextValues
                                    .httpDate(java.time.Instant.ofEpochMilli((Long) args[1]))});
                            yield null;
                        }
                        case "getHeader" -> headers.stream().filter(h -> h[0].equalsIgnoreCase((String) args[0]))
                                .map(h -> h[1]).findFirst().orElse(null);
                        case "containsHeader" -> headers.stream().anyMatch(h -> h[0].equalsIgnoreCase((String) args[0]));
                        case "setContentType" -> {
                            headers.removeIf(h -> h[0].equalsIgnoreCase("Content-Type"));
                            headers.add(new String[] {"Content-Type", (String) args[0]});
                            yield null;
                        }
                        case "getContentType" -> headers.stream().filter(h -> h[0].equalsIgnoreCase("Content-Type"))
                                .map(h -> h[1]).findFirst().orElse(null);
                        case "setContentLength" -> {
                            headers.removeIf(h -> h[0].equalsIgnoreCase("Content-Length"));
                            headers.add(new String[] {"Content-Length", String.valueOf(args[0])});
                            yield null;
                        }
                        case "setContentLengthLong" -> {
                            headers.removeIf(h -> h[0].equalsIgnoreCase("Content-Length"));
                            headers.add(new String[] {"Content-Length", String.valueOf(args[0])});
                            yield null;
                        }
                        case "getOutputStream" -> out;
                        case "getWriter" -> new PrintWriter(body, true, StandardCharsets.UTF_8);
                        case "resetBuffer" -> {
                            body.reset();
                            yield null;
                        }
                        case "reset" -> {
                            body.reset();
                            headers.clear();
                            status = 200;
                            yield null;
                        }
                        case "flushBuffer" -> {
                            committed = true;
                            yield null;
                        }
                        case "isCommitted" -> committed;
                        case "setCharacterEncoding", "setLocale", "setBufferSize" -> null;
                        case "getCharacterEncoding" -> "UTF-8";
                        case "getLocale" -> Locale.ROOT;
                        case "getHeaders" -> headers.stream().filter(h -> h[0].equalsIgnoreCase((String) args[0]))
                                .map(h -> h[1]).toList();
                        case "getHeaderNames" -> headers.stream().map(h -> h[0]).distinct().toList();
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "Exchange response";
                        default -> neutral(m.getReturnType());
                    });
        }
    }
}
