package io.github.gonefilter.cli;

import io.github.gonefilter.cli.importer.Importer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Tuckey importer against Tuckey UrlRewriteFilter 5.1.3 itself, running in embedded Tomcat in front of
 * the same application: every probed request target must be answered alike by Tuckey and by the filter
 * loaded from the import.
 */
class TuckeyImportEquivalenceTest {

    @TempDir
    Path dir;

    private static String rule(String attributes, String from, int status) {
        return "<rule" + attributes + "><from" + (from.startsWith("!cs!") ? " casesensitive=\"true\">" + from.substring(4) : ">" + from)
                + "</from><set type=\"status\">" + status + "</set><to>null</to></rule>\n";
    }

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("regex rules, case-insensitive by default", rule("", "^/old-page$", 410)
                        + rule("", "^/legacy/.*$", 410) + rule("", "!cs!^/Exact/Case$", 410) + rule("", "/tmp/", 451)
                        + rule("", "\\.bak$", 410),
                        List.of("/old-page", "/OLD-PAGE", "/legacy/a", "/legacy", "/Exact/Case", "/exact/case", "/a/tmp/b",
                                "/x.bak", "/x.BAK")),
                Arguments.of("wildcard rules", rule(" match-type=\"wildcard\"", "/reports/*.pdf", 410)
                        + rule(" match-type=\"wildcard\"", "/files/**", 410),
                        List.of("/reports/a.pdf", "/reports/a/b.pdf", "/reports/.pdf", "/files", "/files/a/b", "/filesx")),
                Arguments.of("precedence: an earlier rule that answers otherwise wins", """
                        <rule><from>^/shop/keep$</from><set type="status">403</set><to>null</to></rule>
                        """ + rule("", "^/shop/legal", 451) + rule("", "^/shop/", 410),
                        List.of("/shop/keep", "/shop/keep/x", "/shop/a", "/shop/legal")),
                Arguments.of("a rule list in the style of a real one", realRules(), realProbes()));
    }

    static String realRules() {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= 150; i++) {
            s.append(rule("", "^/product/" + (i * 11) + "$", 410));
        }
        for (int i = 1; i <= 40; i++) {
            s.append(rule("", "^/category/old-" + i + "(/.*)?$", 410));
        }
        s.append(rule(" match-type=\"wildcard\"", "/downloads/2010/**", 410));
        s.append(rule("", "^/api/v1/", 410));
        return s.toString();
    }

    static List<String> realProbes() {
        List<String> probes = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            probes.add("/product/" + i);
            probes.add("/category/old-" + i + "/a");
        }
        probes.addAll(List.of("/category/old-41", "/downloads/2010/a.zip", "/downloads/2011/a.zip", "/api/v1/x", "/api/v2/x"));
        return probes;
    }

    /** Rules whose 410 depends on the application or comes from a rewrite chain: reported, not approximated. */
    static Stream<Arguments> reportedConfigurations() {
        return Stream.of(
                Arguments.of("a status rule without <to>, and a rewrite into a 410 rule", """
                        <rule><from>^/noto$</from><set type="status">410</set></rule>
                        <rule><from>^/chain/(.*)$</from><to>/gone/$1</to></rule>
                        <rule><from>^/other/(.*)$</from><to>/elsewhere/$1</to></rule>
                        <rule><from>^/gone/</from><set type="status">410</set><to>null</to></rule>
                        """, List.of("/noto", "/chain/a", "/other/a", "/gone/a"),
                        List.of("<rule> from ^/noto$", "<rule> from ^/chain/(.*)$"), List.of("/chain/a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void importedTombstonesAnswerAsTuckeyDoes(String name, String rules, List<String> seeds) throws Exception {
        compare(name, rules, seeds, List.of(), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reportedConfigurations")
    void whatCannotBeTranslatedIsReportedNotApproximated(String name, String rules, List<String> seeds, List<String> leftOut,
            List<String> leftOutPaths) throws Exception {
        compare(name, rules, seeds, leftOut, leftOutPaths);
    }

    private void compare(String name, String rules, List<String> seeds, List<String> leftOut, List<String> leftOutPaths)
            throws Exception {
        Path tuckeyDir = dir.resolve("tuckey");
        Path conf = tuckeyDir.resolve("webapp/WEB-INF/urlrewrite.xml");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlrewrite>\n" + rules + "</urlrewrite>\n");
        try (FilterServer tuckey = FilterServer.filterClass(tuckeyDir, "org.tuckey.web.filters.urlrewrite.UrlRewriteFilter",
                Map.of("confPath", "/WEB-INF/urlrewrite.xml", "statusEnabled", "false", "logLevel", "WARN"))) {
            Equivalence.importAndCompare(Importer.TUCKEY, List.of(conf), null, tuckey.port(), dir, seeds, "Tuckey, " + name, leftOut, leftOutPaths);
        }
    }
}
