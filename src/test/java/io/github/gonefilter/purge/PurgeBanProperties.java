package io.github.gonefilter.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The BAN of a regex tombstone is never narrower than the tombstone: for regexes mixing what PCRE reads as Java
 * does with Java-only syntax and anchors inside alternations, under any context path, every path the filter
 * answers for is matched by the ban in its usual URL spellings; and a regex PCRE could read differently never
 * reaches the ban at all (it falls back to the literal directory).
 */
class PurgeBanProperties {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final List<String> SEGMENTS = List.of("a", "b", "blog", "x", "y", "2019", "q", "Latin");
    private static final List<String> PIECES = List.of("a", "blog", "x", "y", "2019", "[a-z]+", "\\w+", ".*", "(?:x|y)",
            "[0-9]{4}", "\\p{IsLatin}+", "[a-z&&[^q]]+", "\\p{Lower}+", "\\p{javaLowerCase}+", "[^/]+", "\\QLatin\\E",
            "(?i:LATIN)", "\\pL+");
    private static final List<String> CONTEXTS = List.of("", "/shop", "/a/b");

    record Case(String context, String path, String regex) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> path = Arbitraries.of(SEGMENTS).list().ofMinSize(1).ofMaxSize(4)
                .map(segments -> "/" + String.join("/", segments));
        Arbitrary<String> branch = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(true, false))
                .as((start, pieces, end) -> (start ? "^" : "") + "/" + String.join("/", pieces) + (end ? "$" : ""));
        Arbitrary<String> regex = branch.list().ofMinSize(1).ofMaxSize(3).map(branches -> String.join("|", branches));
        return Combinators.combine(Arbitraries.of(CONTEXTS), path, regex).as(Case::new);
    }

    @Property(tries = 3000)
    void theBanCoversEveryPathTheTombstoneAnswersForInItsUsualSpellings(@ForAll("cases") Case c) {
        Tombstone tombstone = Tombstone.regexBuilder(c.regex()).build();
        InMemoryTombstoneRegistry registry = new InMemoryTombstoneRegistry(true);
        registry.bury(tombstone);
        PurgeScope scope = PurgeScope.of(tombstone.pattern(), c.context());
        String ban = scope.urlRegex();
        if (!scope.urlRegexExact()) {
            assertThat(ban).as("nothing of %s reaches PCRE", c.regex()).matches("\\(\\?s\\)\\(\\?i\\)\\^[a-zA-Z0-9/]*"
                    + Pattern.quote("(?:[/;?].*)?$"));
        }
        if (registry.find(c.path(), NOW).isEmpty()) {
            return;
        }
        Pattern compiled = Pattern.compile(ban);
        String url = c.context() + c.path();
        for (String spelling : List.of(url, url + "/", url + "?page=2", url + ";jsessionid=1")) {
            assertThat(compiled.matcher(spelling).matches()).as("%s (for %s) matches %s", ban, c.regex(), spelling)
                    .isTrue();
        }
    }
}
