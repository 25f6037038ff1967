package io.github.gonefilter.monitor;

import java.util.List;
import java.util.Locale;

/**
 * Tells crawlers and scripts from browsers by their {@code User-Agent}, roughly: a missing or blank one, or one that
 * contains a word crawlers, scanners and HTTP libraries put in theirs. A heuristic for a split in a report, never for
 * a decision; the header is not kept.
 */
final class BotUserAgents {

    /** Only the start of a header is read: a few hundred characters say what a client is, and the work stays bounded. */
    static final int READ_AT_MOST = 512;

    /** Lower case; matched anywhere in the lower-cased header. */
    static final List<String> WORDS = List.of("bot", "crawl", "spider", "slurp", "scan", "fetch", "archiver",
            "facebookexternalhit", "headless", "curl", "wget", "python", "java/", "okhttp", "httpclient",
            "go-http-client", "libwww", "axios", "node-fetch", "aiohttp", "scrapy", "zgrab", "masscan");

    private BotUserAgents() {
    }

    static boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String text = (userAgent.length() > READ_AT_MOST ? userAgent.substring(0, READ_AT_MOST) : userAgent)
                .toLowerCase(Locale.ROOT);
        for (String word : WORDS) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
