package io.github.gonefilter.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host of a {@code Referer} is the one a WHATWG URL parser (a browser's {@code new URL(...).hostname}) reads,
 * or none: the expected hosts below are what that parser gives.
 */
class ReferrerHostsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://news.example/a?token=1                | news.example",
        "HTTPS://User:Pw@News.Example:8443/a           | news.example",
        "http://host\\@evil.example/                    | host",
        "http://host\\evil.example/                     | host",
        "https://a@b@c.example/                        | c.example",
        "http://host?@evil.example/                    | host",
        "http://host#@evil.example/                    | host",
        "https://news.example.                         | news.example.",
        "http://192.168.0.1:8080/x                     | 192.168.0.1",
        "http://[::1]/                                 | [::1]",
        "http://[0:0:0:0:0:0:0:1]:80/                  | [::1]",
        "http://[2001:DB8:0:0:1:0:0:1]/                | [2001:db8::1:0:0:1]",
        "http://[::ffff:1.2.3.4]/                      | [::ffff:102:304]",
        "http://my_host.example/                       | my_host.example",
        "android-app://com.google.android.gm/          | com.google.android.gm",
        "android-app://x\\@com.example/                 | com.example",
    })
    void theHostIsTheOneABrowserReads(String referer, String host) {
        assertThat(ReferrerHosts.of(referer)).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "not a url", "/relative/path", "//news.example/", "news.example", "http:news.example",
        "http:/news.example", "http:\\\\news.example", "http:///news.example", "http://\\news.example/",
        "http://", "http://@/", "http://user@/x", "file://server/share",
        " http://news.example/", "http://news.example /", "http://news\t.example/", "http://news\n.example/",
        "http://ne%77s.example/", "http://bücher.example/", "http://news.example:80x/", "http://news.example:99999/",
        "http://0x7f.1/", "http://127.1/", "http://2130706433/", "http://010.0.0.1/", "http://1.2.3.4.5/",
        "http://256.0.0.1/", "http://a.0x10/", "http://[::1%25eth0]/", "http://[fe80::1%eth0]/", "http://[zz::1]/",
        "http://[:::]/", "http://[]/", "http://[::1]junk/", "http://[::1/", "http://[1.2.3.4]/",
    })
    void anythingNotReadableAsABrowserWouldGivesNoHost(String referer) {
        assertThat(ReferrerHosts.of(referer)).isNull();
    }

    @Test
    void namesUpToTheLongestDnsNameAreKept() {
        String longest = "a".repeat(ReferrerHosts.MAX_HOST_LENGTH);
        assertThat(ReferrerHosts.of("https://" + longest + "/")).isEqualTo(longest);
        assertThat(ReferrerHosts.of("https://" + longest + "a/")).isNull();
    }
}
