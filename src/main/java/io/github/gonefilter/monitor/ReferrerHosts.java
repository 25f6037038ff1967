package io.github.gonefilter.monitor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * The host of a {@code Referer} header and nothing else: no user information, port, path or query, which can name
 * a person or carry a token. The host is the one a WHATWG URL parser (a browser, and what a log viewer shows) reads,
 * or none: anything this class cannot read exactly as such a parser would is ignored rather than guessed, so that
 * a crafted value cannot be listed under a host it does not name.
 */
final class ReferrerHosts {

    /** The longest DNS name. */
    static final int MAX_HOST_LENGTH = 253;

    /**
     * The WHATWG "special" schemes whose host is a domain or an address: for them {@code \} ends the authority as
     * {@code /} does ({@code file}, also special, has hosts of its own kind and gives none here).
     */
    private static final Set<String> SPECIAL = Set.of("http", "https", "ws", "wss", "ftp");

    private ReferrerHosts() {
    }

    /** The host of {@code referer} in lower case, or {@code null} if there is none to tell with confidence. */
    static String of(String referer) {
        if (referer == null) {
            return null;
        }
        for (int i = 0; i < referer.length(); i++) {
            char c = referer.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return null; // a parser strips or removes these first, which moves the authority: not guessed at
            }
        }
        int schemeEnd = referer.indexOf("://");
        if (schemeEnd <= 0 || !scheme(referer, schemeEnd)) {
            return null; // a relative or odd value: no host to tell
        }
        String scheme = referer.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean special = SPECIAL.contains(scheme);
        if (scheme.equals("file")) {
            return null;
        }
        String delimiters = special ? "/\\?#" : "/?#";
        int start = schemeEnd + 3;
        int end = start;
        while (end < referer.length() && delimiters.indexOf(referer.charAt(end)) < 0) {
            end++;
        }
        int at = referer.lastIndexOf('@', end - 1);
        if (at >= start) {
            start = at + 1; // user:password@ is never kept; the last '@' ends it, as for the parser
        }
        if (start == end) {
            return null;
        }
        int hostEnd;
        if (referer.charAt(start) == '[') {
            hostEnd = referer.indexOf(']', start);
            if (hostEnd < 0 || hostEnd >= end) {
                return null;
            }
            hostEnd++;
        } else {
            hostEnd = referer.indexOf(':', start);
            if (hostEnd < 0 || hostEnd > end) {
                hostEnd = end;
            }
        }
        if (!port(referer, hostEnd, end)) {
            return null;
        }
        String host = referer.substring(start, hostEnd);
        if (host.charAt(0) == '[') {
            return ipv6(host);
        }
        return plainHost(host, special) ? host.toLowerCase(Locale.ROOT) : null;
    }

    /**
     * An IPv6 address in brackets as the parser writes it (lower-case hex, no leading zeros, the longest run of
     * zero pieces as {@code ::}), so that one address is one host however it was spelled; null if it is none.
     */
    private static String ipv6(String bracketed) {
        String literal = bracketed.substring(1, bracketed.length() - 1);
        if (literal.isEmpty() || literal.length() > 45) {
            return null;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null; // no zone ids ('%'), nothing a name lookup could be made of
            }
        }
        if (literal.indexOf(':') < 0) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(bracketed).getAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
        int[] pieces = new int[8];
        if (bytes.length == 4) { // an IPv4-mapped address, which Java hands back as IPv4
            pieces[5] = 0xffff;
            pieces[6] = (bytes[0] & 0xff) << 8 | (bytes[1] & 0xff);
            pieces[7] = (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
        } else {
            for (int i = 0; i < 8; i++) {
                pieces[i] = (bytes[2 * i] & 0xff) << 8 | (bytes[2 * i + 1] & 0xff);
            }
        }
        int runStart = -1;
        int runLength = 1; // a single zero piece is not compressed
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && pieces[j] == 0) {
                j++;
            }
            if (j - i > runLength) {
                runStart = i;
                runLength = j - i;
            }
            i = Math.max(i, j - 1);
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                out.append(i == 0 ? "::" : ":");
                i += runLength - 1;
                continue;
            }
            out.append(Integer.toHexString(pieces[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.append(']').toString();
    }

    /** Nothing, or {@code :} and a port number, between the host and the end of the authority. */
    private static boolean port(String text, int from, int end) {
        if (from == end) {
            return true;
        }
        if (text.charAt(from) != ':' || end - from > 6) {
            return false;
        }
        for (int i = from + 1; i < end; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return end - from == 1 || Integer.parseInt(text, from + 1, end, 10) <= 65_535;
    }

    /**
     * A dotted-decimal IPv4 address, or a name of ASCII letters, digits, dots, hyphens
     * and underscores. Not percent-escapes or non-ASCII (the parser decodes and maps them), nor a name ending in a
     * number other than a plain dotted-decimal address ({@code 0x7f.1}, {@code 2130706433}: the parser reads an
     * IPv4 address there, in a form this class does not rewrite).
     */
    private static boolean plainHost(String host, boolean special) {
        if (host.isEmpty() || host.length() > MAX_HOST_LENGTH) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '-' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return !special || !endsInANumber(host) || dottedDecimal(host);
    }

    /** The WHATWG test for an IPv4 host: its last label (before one trailing dot) is digits, or 0x and hex. */
    private static boolean endsInANumber(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return last.length() >= 2 && last.charAt(0) == '0' && (last.charAt(1) == 'x' || last.charAt(1) == 'X')
                && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** Four decimal numbers 0..255 without leading zeros: the form the parser writes an IPv4 address in. */
    private static boolean dottedDecimal(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean scheme(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
