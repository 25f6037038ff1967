package io.github.gonefilter.internal.response;

import java.util.Locale;

/** Just enough of RFC 9110 content negotiation to tell whether a client prefers HTML over JSON. */
final class AcceptHeader {

    private AcceptHeader() {
    }

    /**
     * Whether {@code accept} gives {@code text/html} a higher quality than JSON. Ties, a missing header and
     * {@code *}{@code /*} go to JSON: API clients are the ones that read bodies.
     */
    static boolean prefersHtml(String accept) {
        if (accept == null || accept.isEmpty()) {
            return false;
        }
        return quality(accept, "text", "html") > Math.max(quality(accept, "application", "problem+json"),
                quality(accept, "application", "json"));
    }

    /** The quality the most specific matching media range gives {@code type/subtype}; 0 if none matches. */
    static double quality(String accept, String type, String subtype) {
        int bestSpecificity = -1;
        double bestQuality = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = mediaRange.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String rangeType = mediaRange.substring(0, slash);
            String rangeSubtype = mediaRange.substring(slash + 1);
            int specificity;
            if (rangeType.equals(type) && rangeSubtype.equals(subtype)) {
                specificity = 2;
            } else if (rangeType.equals(type) && rangeSubtype.equals("*")) {
                specificity = 1;
            } else if (rangeType.equals("*") && rangeSubtype.equals("*")) {
                specificity = 0;
            } else {
                continue;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim();
                if (param.length() > 2 && (param.charAt(0) == 'q' || param.charAt(0) == 'Q') && param.charAt(1) == '=') {
                    try {
                        q = Math.max(0, Math.min(1, Double.parseDouble(param.substring(2).trim())));
                    } catch (NumberFormatException e) {
                        q = 0; // an unreadable weight gets no preference
                    }
                }
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                bestQuality = q;
            }
        }
        return bestQuality;
    }
}
