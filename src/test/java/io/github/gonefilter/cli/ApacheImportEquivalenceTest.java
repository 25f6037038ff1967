package io.github.gonefilter.cli;

import io.github.gonefilter.cli.importer.Importer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Apache importer against Apache httpd itself: httpd runs each configuration (server context, and an
 * {@code .htaccess} in a directory of the document root), the importer translates the same files, the real
 * filter runs the result in Tomcat, and every probed request target must be answered alike.
 */
class ApacheImportEquivalenceTest {

    @TempDir
    Path dir;

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("Redirect gone, 410 and 451 by prefix", """
                        Redirect gone /old
                        Redirect 410 /legacy/
                        Redirect 451 /dmca/case-1
                        Redirect gone /caf\u00e9
                        """, null, "/", List.of("/old", "/older", "/old/a", "/legacy", "/legacy/a", "/dmca/case-1/x",
                        "/café")),
                Arguments.of("RedirectMatch", """
                        RedirectMatch gone ^/blog/20(19|20)/.*\\.html$
                        RedirectMatch 410 "^/p/[0-9]+$"
                        RedirectMatch 410 (?i)^/shout/
                        RedirectMatch 451 /secret
                        """, null, "/", List.of("/blog/2019/a.html", "/blog/2021/a.html", "/blog/2020/x/y.html",
                        "/p/12", "/p/x", "/shout/a", "/SHOUT/a", "/a/secret/b", "/secretive")),
                Arguments.of("server-context RewriteRule with flags", """
                        RewriteEngine On
                        RewriteRule ^/cat/ - [G]
                        RewriteRule ^/Dog/ - [NC,G]
                        RewriteRule ^/bird/keep$ - [F]
                        RewriteRule ^/bird/ - [G,L]
                        RewriteRule "^/fish/(\\d+)$" - [R=410]
                        """, null, "/", List.of("/cat/a", "/cat", "/dog/a", "/DOG/a", "/bird/keep", "/bird/other",
                        "/fish/12", "/fish/x")),
                Arguments.of("Location and LocationMatch", """
                        <Location /loc>
                          Redirect gone
                        </Location>
                        <Location /slash/>
                          Redirect 451
                        </Location>
                        <LocationMatch "^/lm/[a-z]+\\.asp$">
                          Redirect gone
                        </LocationMatch>
                        """, null, "/", List.of("/loc", "/locx", "/loc/a", "/slash", "/slash/a", "/lm/abc.asp",
                        "/lm/ABC.asp", "/lm/abc.aspx")),
                Arguments.of("precedence between the phases", """
                        Redirect 301 /old/keep http://localhost/new
                        Redirect gone /old
                        RewriteEngine On
                        RewriteRule ^/gone/but/forbidden - [F]
                        RedirectMatch 451 ^/gone/legal
                        Redirect gone /gone
                        """, null, "/", List.of("/old/keep", "/old/keep/x", "/old/other", "/gone/but/forbidden",
                        "/gone/legal", "/gone/x")),
                Arguments.of(".htaccess in the document root", "", """
                        RewriteEngine On
                        RewriteRule ^old-page$ - [G]
                        RewriteRule ^shop/(item|product)-\\d+\\.html$ - [G,NC]
                        RewriteRule ^shop/keep - [L]
                        RewriteRule ^shop/ - [G]
                        Redirect gone /press/2019
                        """, "/", List.of("/old-page", "/old-pages", "/shop/item-12.html", "/shop/ITEM-1.HTML",
                        "/shop/keep", "/shop/keep/a", "/shop/x", "/press/2019/a")),
                Arguments.of(".htaccess in a subdirectory", "", """
                        RewriteEngine On
                        RewriteRule ^x(.*)$ - [G,NC]
                        RewriteRule ^y$ - [G]
                        """, "/sub", List.of("/sub/xy", "/sub/XY", "/sub/y", "/sub/y/z", "/sub", "/x", "/subx")),
                Arguments.of("a site in the style of a real one", realSite(), null, "/", realSiteProbes()));
    }

    static String realSite() {
        StringBuilder s = new StringBuilder("RewriteEngine On\n");
        for (int i = 1; i <= 150; i++) {
            s.append("Redirect gone /news/").append(i * 13).append('\n');
        }
        for (int i = 1; i <= 60; i++) {
            s.append("RewriteRule ^/products/").append(1000 + i).append("(/.*)?$ - [G]\n");
        }
        for (int year = 2001; year <= 2012; year++) {
            s.append("RedirectMatch 410 ^/events/").append(year).append("/.*\\.html$\n");
        }
        s.append("""
                Redirect 301 /news/13/keep http://localhost/news
                RewriteRule ^/api/v1/status$ - [F]
                Redirect gone /api/v1
                RedirectMatch 451 ^/downloads/(?i)leaked-
                <Location /intranet>
                  Redirect gone
                </Location>
                """);
        return s.toString();
    }

    static List<String> realSiteProbes() {
        List<String> probes = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            probes.add("/news/" + i);
            probes.add("/products/" + (1000 + i));
        }
        probes.addAll(List.of("/news/13/keep", "/products/1061", "/products/1001/spec", "/events/2005/a.html",
                "/events/2013/a.html", "/api/v1/status", "/api/v1/x", "/api/v2/x", "/downloads/Leaked-1",
                "/downloads/leaked-2", "/intranet/a", "/intranetx"));
        return probes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void importedTombstonesAnswerAsHttpdDoes(String name, String server, String htaccess, String base,
            List<String> seeds) throws Exception {
        Path serverDir = dir.resolve("httpd");
        Path htaccessFile = null;
        if (htaccess != null) {
            Path directory = serverDir.resolve("docs" + (base.equals("/") ? "" : base));
            Files.createDirectories(directory);
            htaccessFile = Files.writeString(directory.resolve(".htaccess"), htaccess);
        }
        try (WebServers.Running httpd = WebServers.apache(serverDir, server)) {
            List<Path> files = new ArrayList<>(List.of(httpd.dir.resolve("httpd.conf")));
            if (htaccessFile != null) {
                files.add(htaccessFile);
            }
            Equivalence.importAndCompare(Importer.APACHE, files, base, httpd.port, dir, seeds, "Apache httpd, " + name, List.of());
        }
    }
}
