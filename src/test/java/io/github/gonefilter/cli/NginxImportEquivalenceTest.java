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

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void importedTombstonesAnswerAsNginxDoes(String name, String http, String server, List<String> seeds) throws Exception {
        try (WebServers.Running nginx = WebServers.nginx(dir.resolve("nginx"), http, server)) {
            Equivalence eq = Equivalence.importAndCompare(Importer.NGINX, List.of(nginx.dir.resolve("nginx.conf")), null,
                    nginx.port, dir, seeds, "nginx, " + name);
            assertThat(eq.compared).isGreaterThan(seeds.size() * 10);
        }
    }
}
