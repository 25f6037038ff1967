package io.github.gonefilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the importer leaves out, and why, with file and line; exit codes; the report. */
class ImportCommandTest {

    @TempDir
    Path dir;

    @Test
    void nginxRulesThatCannotBeTranslatedExactlyAreReportedAndLeftOut() throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                server {
                  location = /exact { return 410; }
                  location = /a/ { return 410; }
                  location ~ ^/caf.$ { return 410; }
                  location /b { if ($http_user_agent ~ bot) { return 410; } }
                  location ^~ /c/ { return 410; }
                  location ^~ /c/d/ { return 200; }
                }
                """);
        Path out = dir.resolve("t.json");
        Path report = dir.resolve("report.json");
        Cli run = Cli.run(dir, "import", "--from", "nginx", "-o", out.toString(), "--report", report.toString(), conf.toString());
        assertThat(run.out()).isEqualTo("""
                site.conf:3: left out: location = /a/ {: it matches no canonical path, only spellings the filter reads as another path (a trailing slash, '//', a dot segment, ';' or '\\')
                site.conf:4: left out: location ~ ^/caf.$ {: '.' matches one byte of a non-ASCII character in the server but a whole character in Java; only '.*' and '.+' mean the same in both (in '^/caf.$')
                site.conf:5: left out: location /b {: its 410 or 451 depends on an 'if' inside the location
                imported 2 tombstones to t.json, left out 3 rules
                """);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Files.readString(out)).isEqualTo("""
                {
                  "tombstones" : [
                    {
                      "path" : "/exact"
                    },
                    {
                      "regex" : "(?!(?:/c/d/.*)\\\\z)(?:/c/.*)"
                    }
                  ]
                }
                """);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("imported").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(json.get("leftOut").get(2).get("rule").asText()).isEqualTo("location /b {");
    }

    @Test
    void nginxReportsWhatChangesA410AndWhatElseAnswers410() throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                server {
                  location /a/ {
                    location ~ \\.(bak|txt)$ { return 200; }
                    return 200;
                  }
                  location ~ \\.bak$ { return 410; }
                  location /x/ { rewrite ^ /y/ last; return 410; }
                  location = /i { internal; return 410; }
                  location /lim/ { limit_except POST { deny all; } return 410; }
                  location /mod/ { perl Gone::handler; return 410; }
                  location /sub/ { rewrite ^/sub/(.*)$ /gone/$1 last; }
                  location /gone/ { return 410; }
                  location /named/ { error_page 418 = @gone; return 418; }
                  location @gone { return 410; }
                  location /t/ { try_files $uri =410; }
                  error_page 404 =410 /gone.html;
                }
                """);
        Cli run = Cli.run(dir, "import", "--from", "nginx", conf.toString());
        assertThat(run.err()).isEqualTo("""
                site.conf:6: left out: location ~ \\.bak$ {: on some of its paths the answer depends on site.conf:2 (a location nested in it is looked up before the regex locations on its paths)
                site.conf:7: left out: location /x/ {: 'rewrite' at site.conf:7 runs before its return and may answer otherwise
                site.conf:8: left out: location = /i {: 'internal' makes nginx answer 404 to every request from outside
                site.conf:9: left out: location /lim/ {: its answer depends on the method ('limit_except' at site.conf:9)
                site.conf:10: left out: location /mod/ {: it holds 'perl' (site.conf:10), which may change its answer and which the importer does not model
                site.conf:11: left out: rewrite ^/sub/(.*)$ /gone/$1 last;: it sends requests on to /gone/$1, which a location or rule answering 410 or 451 may match; the paths this reaches are not translated
                site.conf:13: left out: error_page 418 = @gone;: it sends requests to @gone (site.conf:14), which answers 410 or 451
                site.conf:15: left out: try_files $uri =410;: it answers 410 where no file exists, which the configuration does not tell
                site.conf:16: left out: error_page 404 =410 /gone.html;: it turns 404 into 410 on whichever paths answer so, which the configuration does not tell
                imported 1 tombstone, left out 9 rules
                """);
        assertThat(run.out()).contains("\"path\" : \"/gone/*/**\"");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void apacheReportsRulesThatDependOnTheHostOrTheServersBuild() throws Exception {
        Path conf = Files.writeString(dir.resolve("httpd.conf"), """
                <VirtualHost *:443>
                  ServerName www.example.com
                  Redirect gone /vh1
                </VirtualHost>
                <VirtualHost *:443>
                  ServerName other.example.com
                  Redirect gone /vh2
                </VirtualHost>
                <IfModule mod_nonexistent.c>
                  Redirect gone /absentmod
                </IfModule>
                <IfModule mod_rewrite.c>
                  RewriteEngine On
                  RewriteRule ^/old/ - [G]
                </IfModule>
                """);
        Cli run = Cli.run(dir, "import", "--from", "apache", conf.toString());
        assertThat(run.err()).isEqualTo("""
                httpd.conf:3: left out: Redirect gone /vh1: it depends on the host: it applies only in the <VirtualHost> at httpd.conf:1, and other hosts answer 410 or 451 too; import one site's configuration at a time
                httpd.conf:7: left out: Redirect gone /vh2: it depends on the host: it applies only in the <VirtualHost> at httpd.conf:5, and other hosts answer 410 or 451 too; import one site's configuration at a time
                httpd.conf:10: left out: Redirect gone /absentmod: it is inside <IfModule mod_nonexistent.c>, and which modules the server loads is not in the configuration read
                httpd.conf:14: left out: RewriteRule ^/old/ - [G]: it depends on the host: it applies only to requests no <VirtualHost> takes (a virtual host does not inherit the server's rewrite rules)
                imported 0 tombstones, left out 4 rules
                """);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void tuckeyReportsStatusRulesThatLetTheRequestThroughRewriteChainsAndClassRules() throws Exception {
        Path conf = Files.writeString(dir.resolve("urlrewrite.xml"), """
                <urlrewrite>
                  <rule><from>^/noto$</from><set type="status">410</set></rule>
                  <rule><from>^/chain/(.*)$</from><to>/gone/$1</to></rule>
                  <rule><from>^/gone/</from><set type="status">410</set><to>null</to></rule>
                  <class-rule class="com.example.Rules" />
                  <rule><from>^/later$</from><set type="status">410</set><to>null</to></rule>
                </urlrewrite>
                """);
        Cli run = Cli.run(dir, "import", "--from", "tuckey", conf.toString());
        assertThat(run.err()).isEqualTo("""
                urlrewrite.xml:2: left out: <rule> from ^/noto$: it sets the status 410 but lets the request through (no <to>): what is sent depends on the application
                urlrewrite.xml:3: left out: <rule> from ^/chain/(.*)$: it rewrites the URL to '/gone/$1', which the rule at urlrewrite.xml:4 answers 410 for; the paths this reaches are not translated
                urlrewrite.xml:5: left out: <class-rule> com.example.Rules: a <class-rule> runs code the importer cannot read; any 410 it sends is not translated
                urlrewrite.xml:6: left out: <rule> from ^/later$: on some of its paths the answer depends on urlrewrite.xml:5 (a <class-rule> runs code the importer cannot read)
                imported 1 tombstone, left out 4 rules
                """);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void apacheConditionsAndRewritesAreReported() throws Exception {
        Path conf = Files.writeString(dir.resolve("httpd.conf"), """
                RewriteEngine On
                RewriteCond %{HTTP_HOST} ^old\\.example$
                RewriteRule ^/host-only - [G]
                RewriteRule ^/moved/(.*)$ /new/$1 [PT]
                RewriteRule ^/moved/gone - [G]
                Redirect gone /plain
                <Directory /var/www>
                  Redirect gone /in-directory
                </Directory>
                """);
        Cli run = Cli.run(dir, "import", "--from", "apache", conf.toString());
        assertThat(run.err()).isEqualTo("""
                httpd.conf:3: left out: RewriteRule ^/host-only - [G]: it has RewriteCond httpd.conf:2
                httpd.conf:5: left out: RewriteRule ^/moved/gone - [G]: on some of its paths the answer depends on httpd.conf:4 (it rewrites the URL, and what the rewritten URL answers is not known here)
                httpd.conf:8: left out: Redirect gone /in-directory: it is inside <Directory /var/www>, which depends on more than the request path
                imported 1 tombstone, left out 3 rules
                """);
        assertThat(run.out()).contains("\"path\" : \"/plain/**\"");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void everythingTranslatedExitsZeroAndCsvOutputWorks() throws Exception {
        Path conf = Files.writeString(dir.resolve("urlrewrite.xml"), """
                <?xml version="1.0" encoding="utf-8"?>
                <!DOCTYPE urlrewrite PUBLIC "-//tuckey.org//DTD UrlRewrite 4.0//EN" "http://www.tuckey.org/res/dtds/urlrewrite4.0.dtd">
                <urlrewrite>
                  <!-- <rule><from>^/commented$</from><set type="status">410</set><to>null</to></rule> -->
                  <rule>
                    <from casesensitive="true">^/api/v1/.*$</from>
                    <set type="status">410</set>
                    <to>null</to>
                  </rule>
                </urlrewrite>
                """);
        Path csv = dir.resolve("t.csv");
        Cli run = Cli.run(dir, "import", "--from", "TUCKEY", "-o", csv.toString(), conf.toString());
        assertThat(run.out()).isEqualTo("imported 1 tombstone to t.csv, left out 0 rules\n");
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(csv)).endsWith("\n,(?s:.*?)(?-s:^/api/v1/.*$)(?s:.*),,,,,,,,,,\n");
        assertThat(Cli.run(dir, "import", "--from", "tuckey", "--report", dir.resolve("r.json").toString(), conf.toString())
                .exitCode()).isZero();
    }

    @Test
    void redirectionExportsJsonAndCsv() throws Exception {
        Path json = Files.writeString(dir.resolve("redirection.json"), """
                {"redirects": [
                  {"url": "/old-post/", "action_code": 410, "match_type": "url", "regex": false,
                   "match_data": {"source": {"flag_case": false, "flag_query": "exact"}}},
                  {"url": "/About", "action_code": 410, "match_type": "url", "regex": false,
                   "match_data": {"source": {"flag_case": true}}},
                  {"url": "/members", "action_code": 410, "match_type": "login", "regex": false},
                  {"url": "/q?x=1", "action_code": 410, "match_type": "url", "regex": false},
                  {"url": "/moved", "action_code": 301, "match_type": "url", "regex": false},
                  {"url": "^/tag/.*", "action_code": 451, "match_type": "url", "regex": true}
                ]}
                """);
        Cli run = Cli.run(dir, "import", "--from", "redirection", json.toString());
        assertThat(run.err()).isEqualTo("""
                redirection.json:3: left out: redirect #3 /members: it matches on 'login', not the URL alone
                redirection.json:4: left out: redirect #4 /q?x=1: it matches the query string exactly
                imported 3 tombstones, left out 2 rules
                """);
        assertThat(run.out()).contains("\"path\" : \"/old-post\"").contains("[Aa][Bb][Oo][Uu][Tt]")
                .contains("\"visibility\" : \"legal\"");
        Path csv = Files.writeString(dir.resolve("redirection.csv"), "source,target,regex,code,type,hits,title,status\n"
                + "/gone-page,,0,410,url,3,,enabled\n/disabled,,0,410,url,0,,disabled\n/live,/x,0,301,url,0,,enabled\n");
        Cli fromCsv = Cli.run(dir, "import", "--from", "redirection", csv.toString());
        assertThat(fromCsv.out()).contains("\"path\" : \"/gone-page\"").doesNotContain("/disabled").doesNotContain("/live");
        assertThat(fromCsv.exitCode()).isZero();
    }

    @Test
    void unreadableInputAndUsageErrorsExitTwo() throws Exception {
        assertThat(Cli.run(dir, "import", "--from", "iis", "x").exitCode()).isEqualTo(2);
        assertThat(Cli.run(dir, "import", "x").exitCode()).isEqualTo(2);
        Cli missing = Cli.run(dir, "import", "--from", "nginx", dir.resolve("none.conf").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("gone-filter: none.conf: file not found\n");
        Path broken = Files.writeString(dir.resolve("broken.conf"), "server {\n  location / { return 410;\n");
        Cli syntax = Cli.run(dir, "import", "--from", "nginx", broken.toString());
        assertThat(syntax.exitCode()).isEqualTo(2);
        assertThat(syntax.err()).isEqualTo("gone-filter: broken.conf:3: unexpected end of file\n");
    }
}
