package io.github.gonefilter.monitor;

import java.util.Locale;

/**
 * The host of a {@code Referer} header and nothing else: no user information, port, path or query, which can name
 * a person or carry a token. Anything that is not a plain host name or IP address gives none.
 */
final class ReferrerHosts {

    /** The longest DNS name. */
    static final int MAX_HOST_LENGTH = 253;

    private ReferrerHosts() {
    }

    /** The host of {@code referer} in lower case, or {@code null} if there is none to tell. */
    static String of(String referer) {
        if (referer == null) {
            return null;
        }
        int schemeEnd = referer.indexOf("://");
        if (schemeEnd <= 0 || !scheme(referer, schemeEnd)) {
            return null; // a relative or odd value: no host to tell
        }
        int start = schemeEnd + 3;
        int end = start;
        while (end < referer.length() && "/?#".indexOf(referer.charAt(end)) < 0) {
            end++;
        }
        int at = referer.lastIndexOf('@', end - 1);
        if (at >= start) {
            start = at + 1; // user:password@ is never kept
        }
        int hostEnd;
        if (start < end && referer.charAt(start) == '[') {
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
        int length = hostEnd - start;
        if (length == 0 || length > MAX_HOST_LENGTH) {
            return null;
        }
        boolean bracketed = referer.charAt(start) == '[';
        if (bracketed && length <= 2) {
            return null;
        }
        for (int i = bracketed ? start + 1 : start; i < (bracketed ? hostEnd - 1 : hostEnd); i++) {
            char c = referer.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || (bracketed ? c == ':' : c == '-' || c == '_');
            if (!allowed) {
                return null;
            }
        }
        return referer.substring(start, hostEnd).toLowerCase(Locale.ROOT);
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
