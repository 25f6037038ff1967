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
                Arguments.of("a later <Location> section is tried first", """
                        <Location /a>
                          Redirect gone
                        </Location>
                        <Location /a/b>
                          Redirect 301 http://localhost/x
                        </Location>
                        <Location /c/d>
                          Redirect 301 http://localhost/x
                        </Location>
                        <Location /c>
                          Redirect gone
                        </Location>
                        """, null, "/", List.of("/a/x", "/a/b/x", "/c/x", "/c/d/x", "/c/d")),
                Arguments.of("a <Location>'s own Redirect comes before the server's; one with a path after them", """
                        Redirect 301 /loc/keep http://localhost/x
                        <Location /loc>
                          Redirect gone
                        </Location>
                        <Location /c>
                          Redirect gone /c/d
                        </Location>
                        Redirect 301 /c/d/keep http://localhost/x
                        <Location /e>
                          Redirect 301 /e/keep http://localhost/x
                        </Location>
                        <Location /e>
                          Redirect gone /e
                        </Location>
                        """, null, "/", List.of("/loc/keep/x", "/loc/a", "/c/x", "/c/d/x", "/c/d/keep/x",
                        "/e/x", "/e/keep/x")),
                Arguments.of("one virtual host answers 410: its rules, and the server's redirects it inherits", """
                        RewriteEngine On
                        RewriteRule ^/rw/keep - [F]
                        Redirect 301 /loc/keep http://localhost/x
                        Redirect 301 /keep http://localhost/x
                        <VirtualHost *>
                          ServerName localhost
                          RewriteEngine On
                          RewriteRule ^/rw/ - [G]
                          Redirect gone /vh
                          RedirectMatch gone ^/keep/old
                          <Location /loc>
                            Redirect gone
                          </Location>
                        </VirtualHost>
                        <VirtualHost *>
                          ServerName other.example.com
                          Redirect 301 /vh http://localhost/x
                        </VirtualHost>
                        Redirect 301 /vh/keep http://localhost/x
                        """, null, "/", List.of("/rw/a", "/rw/keep", "/vh", "/vh/keep", "/keep/old", "/keep/new", "/loc/a",
                        "/loc/keep/x")),
                Arguments.of("<IfModule> for the rule's own module", """
                        <IfModule mod_rewrite.c>
                          RewriteEngine On
                          RewriteRule ^/ifrw/ - [G]
                        </IfModule>
                        <IfModule alias_module>
                          Redirect gone /ifalias
                        </IfModule>
                        <IfModule !mod_alias.c>
                          Redirect gone /never
                        </IfModule>
                        """, null, "/", List.of("/ifrw/a", "/ifalias/a", "/never")),
                Arguments.of("a site in the style of a real one", realSite(), null, "/", realSiteProbes()));
    }

    /** Configurations whose 410s depend on the host or on the server's build: those rules are reported. */
    static Stream<Arguments> reportedConfigurations() {
        return Stream.of(
                Arguments.of("several virtual hosts answer 410", """
                        <VirtualHost *>
                          ServerName localhost
                          Redirect gone /vh1
                        </VirtualHost>
                        <VirtualHost *>
                          ServerName other.example.com
                          Redirect gone /vh2
                        </VirtualHost>
                        """, List.of("/vh1", "/vh2"), List.of("Redirect gone /vh1", "Redirect gone /vh2"), List.of("/vh1")),
                Arguments.of("410s in the server context and in a virtual host", """
                        RewriteEngine On
                        RewriteRule ^/srv-rw - [G]
                        Redirect gone /srv
                        <VirtualHost *>
                          ServerName localhost
                          Redirect 301 /srv/keep http://localhost/x
                          Redirect gone /vh
                        </VirtualHost>
                        """, List.of("/srv/a", "/srv/keep", "/srv-rw", "/vh"),
                        List.of("RewriteRule ^/srv-rw - [G]", "Redirect gone /srv", "Redirect gone /vh"),
                        List.of("/srv/a", "/srv/keep", "/vh")),
                Arguments.of("an ErrorDocument that redirects instead of the 410", """
                        ErrorDocument 410 http://localhost/gone-page
                        ErrorDocument 451 /local-page.html
                        Redirect gone /a
                        Redirect 451 /l
                        """, List.of("/a/x", "/l/x"), List.of("Redirect gone /a"), List.of()),
                Arguments.of("conditions on the server's modules, definitions and version", """
                        <IfModule mod_nonexistent.c>
                          Redirect gone /absentmod
                        </IfModule>
                        <IfDefine NOT_DEFINED>
                          Redirect gone /ifdefine
                        </IfDefine>
                        <IfVersion < 2.0>
                          Redirect gone /ifversion
                        </IfVersion>
                        <IfModule mod_rewrite.c>
                          <IfModule mod_nonexistent.c>
                            RewriteEngine On
                            RewriteRule ^/nested - [G]
                          </IfModule>
                        </IfModule>
                        Redirect gone /plain
                        """, List.of("/absentmod", "/ifdefine", "/ifversion", "/nested", "/plain"),
                        List.of("Redirect gone /absentmod", "Redirect gone /ifdefine", "Redirect gone /ifversion",
                                "RewriteRule ^/nested - [G]"), List.of()));
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
    @MethodSource("reportedConfigurations")
    void whatCannotBeTranslatedIsReportedNotApproximated(String name, String server, List<String> seeds,
            List<String> leftOut, List<String> leftOutPaths) throws Exception {
        try (WebServers.Running httpd = WebServers.apache(dir.resolve("httpd"), server)) {
            Equivalence.importAndCompare(Importer.APACHE, List.of(httpd.dir.resolve("httpd.conf")), "/", httpd.port, dir,
                    seeds, "Apache httpd, " + name, leftOut, leftOutPaths);
        }
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
            Equivalence.importAndCompare(Importer.APACHE, files, base, httpd.port, dir, seeds, "Apache httpd, " + name);
        }
    }
}
