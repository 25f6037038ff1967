package io.github.gonefilter.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.tombstone.PathPattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a purge names for each kind of pattern, spelled out; {@link PurgeScopeProperties} checks it generally. */
class PurgeScopeTest {

    @Test
    void anExactPathIsItsEncodedUrlUnderTheContextPathAndItsPathKey() {
        PurgeScope scope = PurgeScope.of(PathPattern.of("/blog/café"), "/shop");
        assertThat(scope.url()).hasValue("/shop/blog/caf%C3%A9");
        assertThat(scope.prefix()).isEqualTo("/shop/blog/caf%C3%A9");
        assertThat(scope.surrogateKeys()).containsExactly("gf:/shop/blog/caf%C3%A9");
        assertThat(scope.urlRegex()).isEqualTo("(?i)^/shop/blog/caf%C3%A9/?(?:[;?].*)?$");
    }

    @Test
    void aGlobIsItsLiteralDirectory() {
        PurgeScope scope = PurgeScope.of(PathPattern.of("/catalog-2023/**"), "");
        assertThat(scope.url()).isEmpty();
        assertThat(scope.prefix()).isEqualTo("/catalog-2023");
        assertThat(scope.surrogateKeys()).containsExactly("gf-tree:/catalog-2023", "gf:/catalog-2023");
        assertThat(scope.urlRegex()).isEqualTo("(?i)^/catalog-2023(?:/[^?]*)?/?(?:[;?].*)?$");

        PurgeScope partial = PurgeScope.of(PathPattern.of("/blog/2019-*.html"), "/shop");
        assertThat(partial.prefix()).isEqualTo("/shop/blog");
        assertThat(partial.surrogateKeys()).containsExactly("gf-tree:/shop/blog", "gf:/shop/blog");
        assertThat(partial.urlRegex()).isEqualTo("(?i)^/shop/blog/2019-[^/?]*[.]html/?(?:[;?].*)?$");
    }

    @Test
    void aRegexIsTheDirectoryOfItsLiteralBeginningOrTheApplicationsRoot() {
        assertThat(PurgeScope.of(PathPattern.regex("/promo/20(19|20)/.*"), "").prefix())
                .as("an alternation anywhere: no literal beginning is trusted").isEqualTo("/");
        assertThat(PurgeScope.of(PathPattern.regex("^/promo/20[0-9]{2}/.*"), "").prefix()).isEqualTo("/promo");
        assertThat(PurgeScope.of(PathPattern.regex("/docs/v1?/.*"), "").prefix()).as("'1?' may be absent").isEqualTo("/docs");
        assertThat(PurgeScope.of(PathPattern.regex("(?i)/Docs/.*"), "/shop").prefix()).isEqualTo("/shop/");
        assertThat(PurgeScope.of(PathPattern.regex("/promo/.*"), "/shop").surrogateKeys())
                .containsExactly("gf-tree:/shop/promo", "gf:/shop/promo");
        assertThat(PurgeScope.of(PathPattern.regex("^/a b/\".*\"$"), "").urlRegex())
                .isEqualTo("(?s)(?i)^(?:/a%20b/%22.*%22)/?(?:[;?].*)?$");
    }

    @Test
    void keysAreCaseFoldedCommaFreeAndHashedWhenLong() {
        assertThat(SurrogateKeys.forPath("", "/Blog/A,B")).containsExactly("gf:/blog/a%2Cb", "gf-tree:/", "gf-tree:/blog");
        String deep = "/" + "x".repeat(100) + "/y";
        List<String> keys = SurrogateKeys.forPath("/shop", deep);
        assertThat(keys.get(0)).matches("gf:#[0-9a-f]{32}");
        assertThat(keys).contains("gf-tree:/shop");
        assertThat(SurrogateKeys.forPath("", "/a/b/c/d/e/f/g/h/i/j/k")).hasSize(1 + SurrogateKeys.MAX_TREE_DEPTH);
    }

    @Test
    void aPathWhoseRawSpellingIsReadOtherwiseCarriesTheKeysOfBoth() {
        assertThat(SurrogateKeys.headerValue("", "/a/b", "/a/c")).isEqualTo("gf:/a/b gf-tree:/ gf-tree:/a gf:/a/c");
    }

    @Test
    void aRegexPcreWouldReadDifferentlyOrWithAnchorsInsideIsBannedByItsLiteralDirectory() {
        Map<String, String> broader = new LinkedHashMap<>();
        broader.put("^/blog/x$|^/blog/y$", "(?s)(?i)^/shop(?:[/;?].*)?$");
        broader.put("/w/\\p{IsLatin}+", "(?s)(?i)^/shop/w(?:[/;?].*)?$");
        broader.put("/blog/[a-z&&[^q]]+", "(?s)(?i)^/shop/blog(?:[/;?].*)?$");
        broader.put("/a/\\p{javaLowerCase}", "(?s)(?i)^/shop/a(?:[/;?].*)?$");
        broader.put("/a/(?<=a)b", "(?s)(?i)^/shop/a(?:[/;?].*)?$");
        broader.put("/a/\\u0041", "(?s)(?i)^/shop/a(?:[/;?].*)?$");
        broader.put("/a/(?U)\\w+", "(?s)(?i)^/shop/a(?:[/;?].*)?$");
        broader.put("/a/x\\z", "(?s)(?i)^/shop/a(?:[/;?].*)?$");
        for (Map.Entry<String, String> e : broader.entrySet()) {
            PurgeScope scope = PurgeScope.of(PathPattern.regex(e.getKey()), "/shop");
            assertThat(scope.urlRegex()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(scope.urlRegexExact()).as(e.getKey()).isFalse();
        }
        for (String exact : List.of("^/promo/20[0-9]{2}/.*$", "/a/\\pL+", "/a/\\p{Lu}\\d*", "/a/(?i:b|c)/\\Q.x\\E",
                "/a/[^]/]+", "/a/(?<year>[0-9]{4})/\\k<year>", "/a/[$^]")) {
            PurgeScope scope = PurgeScope.of(PathPattern.regex(exact), "");
            assertThat(scope.urlRegexExact()).as(exact).isEqualTo(!exact.contains("\\k"));
        }
        Pattern ban = Pattern.compile(PurgeScope.of(PathPattern.regex("^/blog/x$|^/blog/y$"), "/shop").urlRegex());
        for (String url : List.of("/shop/blog/x", "/shop/blog/y/", "/shop/blog/x?page=2", "/shop", "/shop/")) {
            assertThat(ban.matcher(url).matches()).as(url).isTrue();
        }
        assertThat(ban.matcher("/shopping/blog/x").matches()).isFalse();
    }
}
