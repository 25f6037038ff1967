package io.github.gonefilter.path;

import static io.github.gonefilter.path.PathCanonicalizer.canonicalizeDecoded;
import static io.github.gonefilter.path.PathCanonicalizer.canonicalizeEncoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PathCanonicalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/secret/doc                 | /secret/doc",
            "/secret/doc/                | /secret/doc",
            "//secret///doc//            | /secret/doc",
            "/secret/./doc               | /secret/doc",
            "/x/../secret/doc            | /secret/doc",
            "/../../secret/doc           | /secret/doc",
            "/secret;x=1/doc             | /secret/doc",
            "/secret/doc;jsessionid=ABC  | /secret/doc",
            "/secret/..;/secret/doc      | /secret/doc",
            "/%73ecret/%64oc             | /secret/doc",
            "/secret%2Fdoc               | /secret/doc",
            "/secret%5cdoc               | /secret/doc",
            "/secret\\doc                | /secret/doc",
            "/x/%2e%2e/secret/doc        | /secret/doc",
            "/secret/%2E/doc             | /secret/doc",
            "/blog/caf%C3%A9             | /blog/café",
            "/blog/café                  | /blog/café",
            "/a%3Bb                      | /a;b",
            "/100%25                     | /100%",
            "/a%20b                      | /a b",
            "''                          | /",
            "/                           | /",
            "/.                          | /",
            "/..                         | /",
            "a/b                         | /a/b",
    })
    void canonicalizesEverySpelling(String raw, String canonical) {
        assertThat(canonicalizeEncoded(raw)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%", "/a%2", "/a%zz", "/a%C0%AE", "/a%C3", "/a%FF", "/a%00b", "/a%ED%A0%80"})
    void rejectsMalformedEncodingNulAndOverlongUtf8(String raw) {
        assertThatThrownBy(() -> canonicalizeEncoded(raw)).isInstanceOf(InvalidPathException.class);
    }

    @Test
    void decodedPathsAreNotDecodedAgain() {
        assertThat(canonicalizeDecoded("/a%2Fb")).isEqualTo("/a%2Fb");
        assertThat(canonicalizeDecoded("/a;b//c/")).isEqualTo("/a;b/c");
        assertThat(canonicalizeDecoded("/a\\b")).isEqualTo("/a/b");
        assertThatThrownBy(() -> canonicalizeDecoded("/a\u0000b")).isInstanceOf(InvalidPathException.class);
    }

    @Test
    void keepsLineTerminatorsSoRegexesSeeThem() {
        assertThat(canonicalizeEncoded("/a%0Ab")).isEqualTo("/a\nb");
    }

    @Test
    void alreadyCanonicalPathsAreReturnedAsTheSameInstance() {
        String path = "/api/users/123";
        assertThat(canonicalizeEncoded(path)).isSameAs(path);
        assertThat(canonicalizeDecoded(path)).isSameAs(path);
    }

    @Test
    void encodeIsTheInverseOfDecoding() {
        String canonical = "/100%/a;b/line\nbreak/ü";
        assertThat(canonicalizeEncoded(PathCanonicalizer.encode(canonical))).isEqualTo(canonical);
    }

    @Test
    void uriPathEncodesWhatIsNotAllowedInAUri() {
        assertThat(PathCanonicalizer.toUriPath("/a b/ü/<x>")).isEqualTo("/a%20b/%C3%BC/%3Cx%3E");
        assertThat(PathCanonicalizer.toUriPath("/plain/path-1.html")).isEqualTo("/plain/path-1.html");
    }
}
