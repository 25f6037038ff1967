package io.github.gonefilter.benchmarks;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The tombstones and requests every benchmark and the load server share, so the filters are compared on the
 * same data: exact paths {@code /items/N}, globs under {@code /archive} and {@code /legacy}, and regular
 * expressions under {@code /reports}. Reasons and messages are shared, as in a bulk list; {@code deletedAt}
 * differs per tombstone.
 */
public final class Corpus {

    /** Deleted by an exact tombstone (when there are more than 500) and by Tuckey rule 500. */
    public static final String GONE_PATH = "/items/500";
    /** A live path: no exact path, glob, regex or Tuckey rule covers it. */
    public static final String LIVE_PATH = "/items/live-2000001";
    /** A live path that walks the glob trie: it shares the literal prefix of 5,000 globs. */
    public static final String LIVE_NEAR_GLOB_PATH = "/legacy/999999/page.json";
    public static final String GLOB_ANY_DEPTH_PATH = "/archive/2500/2019/05/report.html";
    public static final String GLOB_SEGMENT_PATH = "/legacy/2500/page.html";
    public static final String REGEX_PATH = "/reports/r7/2019/q3.pdf";

    public static final String REASON = "user_request";
    public static final String MESSAGE = "The owner removed this item.";
    public static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

    private Corpus() {
    }

    public static String exactPath(int i) {
        return "/items/" + i;
    }

    public static Tombstone exact(int i) {
        return Tombstone.builder(exactPath(i)).reason(REASON).message(MESSAGE).deletedAt(BASE.plusSeconds(i)).build();
    }

    /** {@code count} exact tombstones {@code /items/0 .. /items/count-1}. */
    public static List<Tombstone> exacts(int count) {
        List<Tombstone> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(exact(i));
        }
        return list;
    }

    /** {@code count} globs: half {@code /archive/N/**}, half {@code /legacy/N/*.html}. */
    public static List<Tombstone> globs(int count) {
        List<Tombstone> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String glob = i % 2 == 0 ? "/archive/" + (i / 2) + "/**" : "/legacy/" + (i / 2) + "/*.html";
            list.add(Tombstone.builder(glob).reason("sunset").message("This section was retired.").build());
        }
        return list;
    }

    /** {@code count} regular expressions, each under its own literal prefix {@code /reports/rN/}. */
    public static List<Tombstone> regexes(int count) {
        List<Tombstone> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(Tombstone.regexBuilder("^/reports/r" + i + "/\\d{4}/q[1-4]\\.pdf$")
                    .reason("expired").message("Old reports are no longer published.").build());
        }
        return list;
    }

    /** The benchmark set: {@code exactCount} exact paths plus 10,000 globs and 10 regexes. */
    public static List<Tombstone> standard(int exactCount) {
        List<Tombstone> list = new ArrayList<>(exacts(exactCount));
        list.addAll(globs(10_000));
        list.addAll(regexes(10));
        return list;
    }

    /** A Tuckey configuration with {@code rules} rules {@code ^/items/N$} answering 410. */
    public static String tuckeyXml(int rules) {
        StringBuilder xml = new StringBuilder(rules * 96 + 256);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<!DOCTYPE urlrewrite PUBLIC \"-//tuckey.org//DTD UrlRewrite 5.1//EN\"\n")
                .append("        \"http://www.tuckey.org/res/dtds/urlrewrite5.1.dtd\">\n")
                .append("<urlrewrite>\n");
        for (int i = 0; i < rules; i++) {
            xml.append("  <rule><from>^/items/").append(i)
                    .append("$</from><set type=\"status\">410</set><to>null</to></rule>\n");
        }
        return xml.append("</urlrewrite>\n").toString();
    }
}
