package io.github.gonefilter.tombstone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a tombstone accepts as its {@code alternative}, a browser reads it as the tombstone meant: a path on
 * this site, or an http(s) URL to the host the URI names. Never protocol-relative ({@code //host},
 * {@code /\host}), never another scheme. The browser is modelled on WHATWG URL parsing: leading and trailing
 * C0 controls and spaces are stripped, tabs and newlines removed anywhere, and {@code \} read as {@code /} in
 * http(s) URLs. The rendered text is checked as the HTML page and JSON body (toString) and as the
 * {@code Link} header (ASCII form) carry it, at the root context, where nothing is put in front of it.
 */
class AlternativeProperties {

    private static final List<String> TOKENS = List.of("/", "/", "/", "\\", "\t", "\n", "\r", " ", "\u0000", "\u001f",
            "\u007f", "\u00a0", "\u2028", "\u3000", "\uff0f", "\u2215", "evil.example", "evil.example", ":", "http",
            "https", "HTTP", "javascript", "%2F", "%5C", "%09", "@", "?", "#", "a", ".", "..", "\u00e9");

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):(.*)$", Pattern.DOTALL);

    @Provide
    Arbitrary<String> candidates() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(8).map(tokens -> String.join("", tokens));
    }

    @Property(tries = 5000)
    void writtenAlternativesPassOnlyAsPathsOrHttpUrls(@ForAll("candidates") String written) {
        Tombstone accepted;
        try {
            accepted = Tombstone.builder("/a").alternative(written).build();
        } catch (IllegalArgumentException refused) {
            assertThat(refused).hasMessageContaining("alternative").hasMessageContaining("/a");
            return;
        }
        assertBrowserAgrees(accepted.alternative());
    }

    @Property(tries = 5000)
    void constructedUrisPassOnlyAsPathsOrHttpUrls(@ForAll("candidates") String path) {
        URI uri;
        try {
            uri = new URI(null, null, path, null); // quotes what a single-string URI would refuse
        } catch (URISyntaxException e) {
            return;
        }
        Tombstone accepted;
        try {
            accepted = Tombstone.builder("/a").alternative(uri).build();
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertBrowserAgrees(accepted.alternative());
    }

    private static void assertBrowserAgrees(URI alternative) {
        for (String rendered : List.of(alternative.toString(), alternative.toASCIIString())) {
            String browser = browserView(rendered);
            Matcher scheme = SCHEME.matcher(browser);
            if (alternative.isAbsolute()) {
                assertThat(scheme.matches()).as(rendered).isTrue();
                String name = scheme.group(1).toLowerCase(Locale.ROOT);
                assertThat(name).as(rendered).isIn("http", "https");
                assertThat(scheme.group(2).replace('\\', '/').toLowerCase(Locale.ROOT)).as(rendered)
                        .startsWith("//" + alternative.getRawAuthority().toLowerCase(Locale.ROOT));
            } else {
                String path = browser.replace('\\', '/');
                assertThat(scheme.matches() && !path.startsWith("/")).as("%s has a scheme", rendered).isFalse();
                assertThat(path).as(rendered).startsWith("/").doesNotStartWith("//");
            }
        }
    }

    /** What a browser parses: C0 controls and spaces trimmed at both ends, tabs and newlines dropped anywhere. */
    private static String browserView(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) <= 0x20) {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= 0x20) {
            to--;
        }
        return text.substring(from, to).replace("\t", "").replace("\n", "").replace("\r", "");
    }
}
