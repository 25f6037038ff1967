package io.github.gonefilter.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For every path a tombstone matches, whatever the pattern, context path and case rule: what the filter tags the
 * response with and what a purge of the tombstone names meet (a surrogate key in common, the URL under the prefix,
 * the URL regex matching the usual spellings).
 */
class PurgeScopeProperties {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final List<String> SEGMENTS = List.of("a", "b", "Blog", "2019", "x.html", "é", "caf é", "100%",
            "a,b", "(x)", "$1", "a+b", "日本", "😀", "x;y", "%41", "a b", "Z", "q?r", "#", "\"q\"");
    private static final List<String> CONTEXTS = List.of("", "/shop", "/my shop", "/a/b");

    /** A canonical path and a tombstone made from it: itself, a glob over part of it, or a regex. */
    record Case(String context, String path, Tombstone tombstone, boolean caseSensitive) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<String>> segments = Arbitraries.of(SEGMENTS).list().ofMinSize(0).ofMaxSize(12);
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 12);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 6);
        return Combinators.combine(Arbitraries.of(CONTEXTS), segments, cut, kind, Arbitraries.of(true, false))
                .as((context, segs, at, k, caseSensitive) -> {
                    String path = segs.isEmpty() ? "/" : "/" + String.join("/", segs);
                    int n = Math.min(at, segs.size());
                    String head = "/" + String.join("/", segs.subList(0, n));
                    String base = n == 0 ? "" : head;
                    String parent = segs.isEmpty() ? "" : path.substring(0, path.lastIndexOf('/'));
                    Tombstone t = switch (k) {
                        case 0 -> Tombstone.of(PathCanonicalizer.encode(path));
                        case 1 -> Tombstone.of(PathCanonicalizer.encode(base) + "/**");
                        case 2 -> Tombstone.of(segs.isEmpty() ? "/**" : PathCanonicalizer.encode(parent) + "/*");
                        case 3 -> Tombstone.of(base.isEmpty() ? "/*/**" : PathCanonicalizer.encode(base) + "*/**");
                        case 4 -> Tombstone.regexBuilder(Pattern.quote(base) + "(/.*)?").build();
                        case 5 -> Tombstone.regexBuilder(literalRegex(base) + ".*").build();
                        default -> Tombstone.regexBuilder("(?i)" + literalRegex(path)).build();
                    };
                    return new Case(context, path, t, caseSensitive);
                });
    }

    /** The text as a regex whose letters, digits and slashes stay literal characters (the rest escaped). */
    private static String literalRegex(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || cp == '/') {
                out.appendCodePoint(cp);
            } else {
                out.append(Pattern.quote(new String(Character.toChars(cp))));
            }
        });
        return out.toString();
    }

    @Property(tries = 3000)
    void whatAMatchedResponseCarriesMeetsWhatItsTombstonesPurgeNames(@ForAll("cases") Case c) {
        InMemoryTombstoneRegistry registry = new InMemoryTombstoneRegistry(c.caseSensitive());
        registry.bury(c.tombstone());
        String requested = c.caseSensitive() ? c.path() : c.path().toUpperCase(Locale.ROOT);
        if (!PathCanonicalizer.isCanonical(requested) || registry.find(requested, NOW).isEmpty()) {
            return; // e.g. "/**" does not match every generated path's upper-case spelling: nothing to purge
        }
        PurgeScope scope = PurgeScope.of(c.tombstone().pattern(), c.context());

        List<String> tagged = SurrogateKeys.forPath(c.context(), requested);
        assertThat(tagged).as("keys of %s vs purge of %s", requested, scope).containsAnyElementsOf(scope.surrogateKeys());
        for (String key : tagged) {
            assertThat(key).doesNotContain(" ", ",", "\"").hasSizeLessThanOrEqualTo(8 + 1 + 64);
        }

        String regex = scope.urlRegex();
        assertThat(regex).doesNotContainPattern("\\s").doesNotContain("\"");
        if (c.caseSensitive()) {
            String url = PathCanonicalizer.toUriPath(PurgeScope.fullPath(c.context(), requested));
            if (requested.equals("/") && !c.context().isEmpty()) {
                url = url + "/";
            }
            assertThat(url).as("under the prefix").startsWith(scope.prefix());
            if (c.tombstone().pattern() instanceof io.github.gonefilter.tombstone.PathPattern.Regex
                    && !PathCanonicalizer.toUriPath(requested).equals(requested)) {
                return; // a regex over decoded characters is approximate over their percent-encoded spelling
            }
            Pattern compiled = Pattern.compile(regex);
            for (String spelling : List.of(url, url + "/", url + "?page=2", url + ";jsessionid=1", lowerHex(url))) {
                assertThat(compiled.matcher(spelling).matches()).as("%s matches %s", regex, spelling).isTrue();
            }
        }
    }

    private static String lowerHex(String url) {
        StringBuilder out = new StringBuilder(url);
        for (int i = url.indexOf('%'); i >= 0; i = url.indexOf('%', i + 1)) {
            out.setCharAt(i + 1, Character.toLowerCase(url.charAt(i + 1)));
            out.setCharAt(i + 2, Character.toLowerCase(url.charAt(i + 2)));
        }
        return out.toString();
    }

    @Property(tries = 500)
    void aResponseCarriesAtMostNineKeysPerSpelling(@ForAll("cases") Case c) {
        List<String> keys = new ArrayList<>(SurrogateKeys.forPath(c.context(), c.path()));
        assertThat(keys).hasSizeLessThanOrEqualTo(1 + SurrogateKeys.MAX_TREE_DEPTH).doesNotHaveDuplicates();
        assertThat(SurrogateKeys.headerValue(c.context(), c.path(), c.path().toUpperCase(Locale.ROOT)).length())
                .isLessThan(2 * 9 * 74);
    }
}
