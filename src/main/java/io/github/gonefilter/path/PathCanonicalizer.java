package io.github.gonefilter.path;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns every spelling of a path into one canonical form, the only form tombstones are matched against.
 *
 * <p>The canonical form starts with {@code /}, has no empty, {@code .} or {@code ..} segments, no trailing
 * slash (except the root {@code /}), no backslash and no NUL. Backslashes and percent-encoded slashes are
 * treated as separators, because some containers and frameworks route them so: it is safer to treat a
 * strange spelling as the deleted path than to let it through. A {@code ..} above the root stays at the root,
 * as RFC 3986 section 5.2.4 does.
 */
public final class PathCanonicalizer {

    private PathCanonicalizer() {
    }

    /**
     * Canonicalizes a path as it appears on the wire or in a tombstone file: path parameters ({@code ;...})
     * are removed from each segment, then each segment is percent-decoded once as strict UTF-8 (overlong
     * forms are rejected), then dot segments and separators are resolved. Non-ASCII characters may appear
     * unencoded.
     *
     * @throws InvalidPathException for malformed percent-encoding, invalid UTF-8 or a NUL
     */
    public static String canonicalizeEncoded(String raw) {
        if (isCanonical(raw) && raw.indexOf('%') < 0 && raw.indexOf(';') < 0) {
            return raw;
        }
        int n = raw.length();
        StringBuilder out = new StringBuilder(n + 1);
        int i = 0;
        while (i <= n) {
            int j = i;
            while (j < n && !isSeparator(raw.charAt(j))) {
                j++;
            }
            int end = j;
            for (int k = i; k < j; k++) {
                if (raw.charAt(k) == ';') {
                    end = k;
                    break;
                }
            }
            if (end > i) {
                String segment = needsDecoding(raw, i, end) ? decode(raw, i, end) : raw.substring(i, end);
                appendSegments(out, segment, 0, segment.length());
            }
            i = j + 1;
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /**
     * Canonicalizes a path that is already percent-decoded and free of path parameters, such as the
     * container's servlet path plus path info. Nothing is decoded again: a {@code %} stays a {@code %}.
     *
     * @throws InvalidPathException for a NUL
     */
    public static String canonicalizeDecoded(String path) {
        if (isCanonical(path)) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 1);
        appendSegments(out, path, 0, path.length());
        return out.length() == 0 ? "/" : out.toString();
    }

    /** Whether {@link #canonicalizeDecoded} would return {@code path} unchanged. */
    public static boolean isCanonical(String path) {
        int n = path.length();
        if (n == 0 || path.charAt(0) != '/') {
            return false;
        }
        if (n == 1) {
            return true;
        }
        int segmentStart = 1;
        for (int i = 1; i <= n; i++) {
            char c = i < n ? path.charAt(i) : '/';
            if (c == '\\' || c == 0) {
                return false;
            }
            if (c == '/') {
                int length = i - segmentStart;
                if (length == 0
                        || (length == 1 && path.charAt(segmentStart) == '.')
                        || (length == 2 && path.charAt(segmentStart) == '.' && path.charAt(segmentStart + 1) == '.')) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    /**
     * Folds case one code point at a time, as {@link String#equalsIgnoreCase} compares:
     * {@code foldCase(a).equals(foldCase(b))} exactly when {@code a.equalsIgnoreCase(b)}. Unlike
     * {@code toLowerCase(Locale.ROOT)}, it never changes the length ({@code U+0130} folds to {@code i}, not
     * to {@code i} plus a combining dot), so a path that a case-insensitive router treats as equal to a
     * tombstone's path folds to the same string.
     */
    public static String foldCase(String path) {
        int n = path.length();
        int i = 0;
        while (i < n) {
            char c = path.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                break;
            }
            i++;
        }
        if (i == n) {
            return path; // ASCII without capitals: the common case, no allocation
        }
        StringBuilder out = new StringBuilder(n).append(path, 0, i);
        while (i < n) {
            int cp = path.codePointAt(i);
            out.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp)));
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /**
     * Percent-encodes the characters of a canonical path that {@link #canonicalizeEncoded} would otherwise
     * interpret ({@code %}, {@code ;}) or that do not belong in a file (control characters), so that
     * {@code canonicalizeEncoded(encode(p)).equals(p)} for every canonical {@code p}.
     */
    public static String encode(String canonicalPath) {
        StringBuilder out = null;
        for (int i = 0; i < canonicalPath.length(); i++) {
            char c = canonicalPath.charAt(i);
            boolean escape = c == '%' || c == ';' || c < 0x20 || c == 0x7f;
            if (escape && out == null) {
                out = new StringBuilder(canonicalPath.length() + 8).append(canonicalPath, 0, i);
            }
            if (escape) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? canonicalPath : out.toString();
    }

    /**
     * Percent-encodes a canonical path for use as a URI reference (e.g. the problem-details {@code instance}):
     * everything but unreserved characters, sub-delimiters other than {@code ;}, {@code :}, {@code @} and
     * {@code /} is encoded as UTF-8.
     */
    public static String toUriPath(String canonicalPath) {
        StringBuilder out = null;
        byte[] utf8 = null;
        for (int i = 0; i < canonicalPath.length(); i++) {
            char c = canonicalPath.charAt(i);
            if (isUriPathChar(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(canonicalPath.length() + 16).append(canonicalPath, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < canonicalPath.length() ? i + 2 : i + 1;
            utf8 = canonicalPath.substring(i, end).getBytes(StandardCharsets.UTF_8);
            for (byte b : utf8) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
            i = end - 1;
        }
        return out == null ? canonicalPath : out.toString();
    }

    private static boolean isUriPathChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,=:@/".indexOf(c) >= 0;
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == '\\';
    }

    private static boolean needsDecoding(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c >= 0x80) {
                return true;
            }
        }
        return false;
    }

    /** Appends the segments of {@code s[from,to)}, resolving empty and dot segments against {@code out}. */
    private static void appendSegments(StringBuilder out, String s, int from, int to) {
        int i = from;
        while (i <= to) {
            int j = i;
            while (j < to && !isSeparator(s.charAt(j))) {
                j++;
            }
            appendSegment(out, s, i, j);
            i = j + 1;
        }
    }

    private static void appendSegment(StringBuilder out, String s, int from, int to) {
        int length = to - from;
        if (length == 0 || (length == 1 && s.charAt(from) == '.')) {
            return;
        }
        if (length == 2 && s.charAt(from) == '.' && s.charAt(from + 1) == '.') {
            int lastSlash = out.lastIndexOf("/");
            out.setLength(Math.max(lastSlash, 0));
            return;
        }
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == 0) {
                throw new InvalidPathException("path contains a NUL character");
            }
        }
        out.append('/').append(s, from, to);
    }

    private static String decode(String s, int from, int to) {
        ByteBuffer bytes = ByteBuffer.allocate((to - from) * 4);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    throw new InvalidPathException("incomplete percent-encoding at '" + s.substring(i, to) + "'");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new InvalidPathException("invalid percent-encoding '" + s.substring(i, i + 3) + "'");
                }
                bytes.put((byte) ((hi << 4) | lo));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < to ? i + 2 : i + 1;
                bytes.put(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        bytes.flip();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPathException("percent-encoded bytes are not valid UTF-8 in '" + s.substring(from, to) + "'");
        }
    }
}
