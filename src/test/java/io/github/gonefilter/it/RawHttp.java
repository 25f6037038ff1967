package io.github.gonefilter.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tiny HTTP/1.1 client that writes the request target byte for byte as given, so tests control spellings
 * that {@code java.net.http} would normalize or refuse ({@code ..}, {@code %2F}, a raw backslash, an
 * absolute-form target). Every character of the request line and headers is sent as one ISO-8859-1 byte, so
 * {@code "\u00c0"} in a target is the raw byte 0xC0. One request per connection ({@code Connection: close}).
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final int port;
    private final String method;
    private final String target;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body;

    private RawHttp(int port, String method, String target) {
        this.port = port;
        this.method = method;
        this.target = target;
    }

    static RawHttp request(int port, String method, String target) {
        return new RawHttp(port, method, target);
    }

    static Response get(int port, String target) throws IOException {
        return request(port, "GET", target).send();
    }

    RawHttp header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    RawHttp body(String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    Response send() throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(body);
        }
        return exchange(port, request.toByteArray(), "HEAD".equals(method));
    }

    /** Sends {@code bytes} as they are and reads the answer until the server closes the connection. */
    static Response exchange(int port, byte[] bytes, boolean head) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return Response.parse(in.readAllBytes(), head);
        }
    }

    /** A parsed response. {@code body} is de-chunked; {@code rawBody} is every byte after the header block. */
    record Response(int status, String statusLine, List<Map.Entry<String, String>> headers, byte[] body, byte[] rawBody) {

        static Response parse(byte[] bytes, boolean head) {
            int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (end < 0) {
                throw new AssertionError("no complete response header block in: "
                        + new String(bytes, StandardCharsets.ISO_8859_1));
            }
            String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            String statusLine = lines[0];
            String[] parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1]);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
            }
            byte[] raw = Arrays.copyOfRange(bytes, end + 4, bytes.length);
            byte[] body = raw;
            if (!head) {
                String te = first(headers, "Transfer-Encoding");
                String cl = first(headers, "Content-Length");
                if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
                    body = dechunk(raw);
                } else if (cl != null) {
                    body = Arrays.copyOf(raw, Math.min(raw.length, Integer.parseInt(cl)));
                }
            }
            return new Response(status, statusLine, List.copyOf(headers), body, raw);
        }

        /** The first value of a header, case-insensitively, or {@code null}. */
        String header(String name) {
            return first(headers, name);
        }

        /** Every value of a header, in order. */
        List<String> headerValues(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        /** Header names, lower case, in order. */
        List<String> headerNames() {
            return headers.stream().map(h -> h.getKey().toLowerCase(Locale.ROOT)).toList();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return statusLine + "\n" + headers.stream().map(h -> h.getKey() + ": " + h.getValue())
                    .collect(Collectors.joining("\n")) + "\n\n" + text();
        }

        private static String first(List<Map.Entry<String, String>> headers, String name) {
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }

        private static byte[] dechunk(byte[] raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int i = 0;
            while (i < raw.length) {
                int lineEnd = indexOf(Arrays.copyOfRange(raw, i, raw.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
                if (lineEnd < 0) {
                    throw new AssertionError("truncated chunked body");
                }
                String sizeLine = new String(raw, i, lineEnd, StandardCharsets.ISO_8859_1);
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                i += lineEnd + 2;
                if (size == 0) {
                    break;
                }
                out.write(raw, i, size);
                i += size + 2;
            }
            return out.toByteArray();
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
