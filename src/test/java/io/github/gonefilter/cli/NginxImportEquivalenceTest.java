package io.github.gonefilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.cli.importer.Importer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nginx importer against nginx itself: for each configuration, nginx runs it, the importer translates it,
 * the real filter runs the result in Tomcat, and every probed request target must be answered alike (see
 * {@link Equivalence} for the spellings nginx itself tells apart).
 */
class NginxImportEquivalenceTest {

    @TempDir
    Path dir;

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("exact location", "", """
                        location = /exact { return 410; }
                        location = /caf\u00e9 { return 410; }
                        location / { return 200; }
                        """, List.of("/exact", "/café", "/exactly")),
                Arguments.of("prefix locations with and without a slash", "", """
                        location /old { return 410; }
                        location /legacy/ { return 410; }
                        location / { return 200; }
                        """, List.of("/old", "/older", "/old/page", "/legacy", "/legacy/a/b")),
                Arguments.of("longest prefix wins", "", """
                        location /docs/ { return 410; }
                        location /docs/current/ { return 200; }
                        location /docs/current/old/ { return 451; }
                        location / { return 200; }
                        """, List.of("/docs/a", "/docs/current/a", "/docs/current/old/x", "/docs/currentx")),
                Arguments.of("regex beats prefix, ^~ beats regex", "", """
                        location /shop/ { return 410; }
                        location ^~ /shop/static/ { return 200; }
                        location ^~ /archive/ { return 410; }
                        location ~ \\.php$ { return 200; }
                        location ~* \\.(jpg|png)$ { return 200; }
                        location / { return 200; }
                        """, List.of("/shop/a", "/shop/a.php", "/shop/a.PNG", "/shop/static/a.php", "/archive/x.php",
                        "/archive/b.jpg", "/other.php")),
                Arguments.of("exact beats everything; regexes in order", "", """
                        location = /news/index.php { return 410; }
                        location ~ ^/news/20(19|20)/ { return 410; }
                        location ~ ^/news/ { return 200; }
                        location ~* ^/NEWS/2021/ { return 451; }
                        location ~ \\.php$ { return 200; }
                        location / { return 200; }
                        """, List.of("/news/index.php", "/news/2019/a", "/news/2020/b.php", "/news/2021/a", "/news/x",
                        "/NEWS/2021/a", "/News/2021/a")),
                Arguments.of("regexes with anchors and classes", "", """
                        location ~ ^/p/[0-9]+$ { return 410; }
                        location ~ /tmp/ { return 410; }
                        location ~ "^/q/\\d{2,3}/?$" { return 410; }
                        location ~ ^/r/.*\\.bak$ { return 410; }
                        location / { return 200; }
                        """, List.of("/p/1", "/p/123", "/p/12a", "/a/tmp/b", "/tmp", "/q/12", "/q/1234", "/q/12/",
                        "/r/a.bak", "/r/x/y.bak", "/r/a.bakx")),
                Arguments.of("a regex beats a prefix location whose nested locations do not match", "", """
                        location /a/ {
                          location ~ \\.txt$ { return 200; }
                          return 200;
                        }
                        location ~ \\.bak$ { return 410; }
                        location / { return 200; }
                        """, List.of("/a/x.bak", "/a/x.txt", "/x.bak")),
                Arguments.of("map with if at server level", """
                        map $uri $gone {
                            default 0;
                            /articles/3 1;
                            /articles/17 1;
                            /Blog/Old-Post 1;
                            /kept 0;
                            ~^/tag/ 1;
                            ~*^/cat/ 1;
                        }
                        map $uri $legal {
                            default "";
                            /dmca/1 451;
                        }
                        """, """
                        if ($gone) { return 410; }
                        if ($legal) { return 451; }
                        location = /kept { return 200; }
                        location / { return 200; }
                        """, List.of("/articles/3", "/articles/17", "/articles/4", "/blog/old-post", "/Blog/Old-Post",
                        "/tag/x", "/TAG/x", "/cat/a", "/CAT/a", "/kept", "/dmca/1")),
                Arguments.of("a site in the style of a real one", "", realSite(), realSiteProbes()));
    }

    /** About three hundred rules: retired articles, a sunset API, old campaigns, static files, a PHP front. */
    static String realSite() {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= 200; i += 1) {
            s.append("location = /articles/").append(i * 7).append(" { return 410; }\n");
        }
        for (int year = 2005; year <= 2015; year++) {
            s.append("location ^~ /archive/").append(year).append("/ { return 410; }\n");
        }
        for (int i = 1; i <= 40; i++) {
            s.append("location /campaign-").append(i).append(" { return 410; }\n");
        }
        s.append("""
                location /api/ { return 200; }
                location /api/v1/ { return 410; }
                location = /api/v1/health { return 200; }
                location ~ ^/api/v1/legacy-([a-z]+)$ { return 451; }
                location ~* \\.(css|js|png|jpg|gif|ico)$ { return 200; }
                location ~ \\.php$ { return 200; }
                location ~ ^/forum/(viewtopic|showthread)\\.php { return 410; }
                location ^~ /wp-content/uploads/2012/ { return 410; }
                location / { return 200; }
                """);
        return s.toString();
    }

    static List<String> realSiteProbes() {
        List<String> probes = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            probes.add("/articles/" + i);
        }
        probes.addAll(List.of("/archive/2010/a", "/archive/2016/a", "/archive/2005/x.png", "/campaign-3", "/campaign-35/x",
                "/campaign-41", "/api/x", "/api/v1/x", "/api/v1/health", "/api/v1/legacy-abc", "/api/v1/legacy-abc.php",
                "/api/v1/a.js", "/forum/viewtopic.php", "/forum/showthread.php/x", "/forum/index.php",
                "/wp-content/uploads/2012/a.jpg", "/wp-content/uploads/2013/a.jpg", "/index.php"));
        return probes;
    }

    /**
     * Configurations whose 410s come from constructs the importer does not translate (a directive that changes a
     * location's answer, a nested location that is looked up first, error_page, try_files, named locations,
     * rewrites into a 410 location): those rules are reported, and only the paths they answer 410 for may differ.
     */
    static Stream<Arguments> reportedConfigurations() {
        return Stream.of(
                Arguments.of("directives that change what a 410 location answers", "", """
                        location /x/ { rewrite ^ /y/ last; return 410; }
                        location /y/ { return 200; }
                        location = /i { internal; return 410; }
                        location /lim/ { limit_except POST { deny all; } return 410; }
                        location /br/ { break; return 410; }
                        location /if/ { if ($http_x_test) { return 200; } return 410; }
                        location /ep/ { error_page 410 =200 /y/; return 410; }
                        location /ok/ { add_header X-Gone yes; expires 1d; set $a 1; deny all; return 410; rewrite ^ /y/ last; }
                        location / { return 200; }
                        """, List.of("/x/a", "/y/a", "/i", "/lim/a", "/br/a", "/if/a", "/ep/a", "/ok/a"),
                        List.of("location /x/ {", "location = /i {", "location /lim/ {", "location /br/ {", "location /if/ {",
                                "location /ep/ {"), List.of("/x/a", "/i", "/lim/a", "/br/a", "/if/a", "/ep/a")),
                Arguments.of("a server-level if that rewrites depending on a header", "", """
                        if ($http_x_test) { rewrite ^/old/(.*)$ /new/$1 last; }
                        location /old/ { return 410; }
                        location /other/ { return 410; }
                        location / { return 200; }
                        """, List.of("/old/a", "/other/a", "/new/a"), List.of("location /old/ {"), List.of("/old/a")),
                Arguments.of("an error page for 410 at server level", "", """
                        error_page 410 /410.html;
                        location = /410.html { internal; return 200 "gone"; }
                        location /p/ { return 410; }
                        location /q/ { error_page 404 /404.html; return 410; }
                        location / { return 200; }
                        """, List.of("/p/a", "/q/a"), List.of("location /p/ {"), List.of("/p/a")),
                Arguments.of("a nested location is looked up before the top-level regexes", "", """
                        location /a/ {
                          location ~ \\.(bak|txt)$ { return 200; }
                          return 200;
                        }
                        location /b/ {
                          location /b/c/ { return 200; }
                          return 200;
                        }
                        location ~ \\.bak$ { return 410; }
                        location / { return 200; }
                        """, List.of("/a/x.bak", "/a/x.txt", "/b/x.bak", "/b/c/x.bak", "/x.bak"), List.of("location ~ \\.bak$ {"),
                        List.of("/a/x.bak", "/b/x.bak", "/b/c/x.bak", "/x.bak")),
                Arguments.of("410s from error_page, try_files, named locations and rewrites", "", """
                        location /sub/ { rewrite ^/sub/(.*)$ /gone/$1 last; }
                        location /gone/ { return 410; }
                        location /named/ { error_page 418 = @gone; return 418; }
                        location @gone { return 410; }
                        location /t/ { try_files $uri =410; }
                        location /old/ { return 404; }
                        error_page 404 =410 /gone.html;
                        location = /gone.html { return 410; }
                        location /front/ { rewrite ^/front/(.*)$ /index.php?q=$1 last; }
                        location / { return 200; }
                        """, List.of("/sub/a", "/gone/a", "/named/a", "/t/a", "/old/a", "/gone.html", "/front/a"),
                        List.of("rewrite ^/sub/(.*)$ /gone/$1 last;", "error_page 418 = @gone;", "try_files $uri =410;",
                                "error_page 404 =410 /gone.html;"), List.of("/sub/a", "/named/a", "/t/a", "/old/a")),
                Arguments.of("a server-level break: the rules after it never answer", "", """
                        break;
                        if ($uri ~ ^/x/legal) { return 451; }
                        location /x/ { return 410; }
                        location / { return 200; }
                        """, List.of("/x/a", "/x/legal"), List.of("if ($uri ~ ^/x/legal) {"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void importedTombstonesAnswerAsNginxDoes(String name, String http, String server, List<String> seeds) throws Exception {
        compare(name, http, server, seeds, List.of(), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reportedConfigurations")
    void whatCannotBeTranslatedIsReportedNotApproximated(String name, String http, String server, List<String> seeds,
            List<String> leftOut, List<String> leftOutPaths) throws Exception {
        compare(name, http, server, seeds, leftOut, leftOutPaths);
    }

    private void compare(String name, String http, String server, List<String> seeds, List<String> leftOut,
            List<String> leftOutPaths) throws Exception {
        try (WebServers.Running nginx = WebServers.nginx(dir.resolve("nginx"), http, server)) {
            Equivalence eq = Equivalence.importAndCompare(Importer.NGINX, List.of(nginx.dir.resolve("nginx.conf")), null,
                    nginx.port, dir, seeds, "nginx, " + name, leftOut, leftOutPaths);
            assertThat(eq.compared).isGreaterThan(seeds.size() * 10);
        }
    }
}
