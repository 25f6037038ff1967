package io.github.gonefilter.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.tombstone.Tombstone;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegexBacktrackingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", value = {
            "(a+)+                        => (a+)+",
            "/files/(.*)*\\.pdf           => (.*)*",
            "/docs/(\\w+\\s?)*$           => (\\w+\\s?)*",
            "^/api/(\\d+)+/x              => (\\d+)+",
            "/x/(a|a?)+                   => (a|a?)+",
            "/x/((a|b)*c?)*               => ((a|b)*c?)*",
            "/x/(\\d{2,4})*               => (\\d{2,4})*",
            "/x/(a*)*?                    => (a*)*?",
            "/x/(?<name>a+)+              => (?<name>a+)+",
            "/x/(?i:a+){2,}               => (?i:a+){2,}",
            "(?i)/x/(?:[a-z]+-?)+\\.html  => (?:[a-z]+-?)+",
            "\\Q(\\E(a+)+                 => (a+)+",
            "[(]+(a+)+                    => (a+)+",
            "/x/(/.+)*                    => (/.+)*",
            "/x/(-\\w*-?)+                => (-\\w*-?)+",
    })
    void findsARepeatedGroupWithAQuantifierInside(String expression, String part) {
        assertFound(expression, part);
    }

    /**
     * Free-spacing mode ({@code (?x)}, review of issue 8): whitespace and comments separate a group from its
     * quantifier and are not atoms; the mode holds to the end of its group, or inside {@code (?x:...)}.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", value = {
            "(?x) /x/ ( a + ) + b                     => ( a + ) +",
            "(?x) /x/ ( a + ) {1,30} b                => ( a + ) {1,30}",
            "(?x)/x/(a+ # one or more a NL){1,30}b    => (a+ # one or more a NL){1,30}",
            "(?ix) /x/ (?: [a-z] + -? ) + \\.html    => (?: [a-z] + -? ) +",
            "/x/(?x: ( a + ) + ) b                    => ( a + ) +",
            "(?x)/x/(a #comment ) NL + ) * b          => (a #comment ) NL + ) *",
    })
    void freeSpacingAndCommentsDoNotHideTheNesting(String expression, String part) {
        assertFound(expression.replace(" NL", "\n"), part.replace(" NL", "\n")); // a comment ends at a line break
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?x) /x/ ( a ) + b", "(?x) ( / [^/] + ) *", "/x/(?x: a ) ( b + )", "(?x-x) ( a + ) b"})
    void freeSpacingAloneIsNotReported(String expression) {
        assertThat(RegexBacktracking.nestedQuantifier(expression)).isEmpty();
    }

    private static void assertFound(String expression, String part) {
        assertThat(RegexBacktracking.nestedQuantifier(expression)).contains(part);
        assertThat(RegexBacktracking.warning(expression)).hasValueSatisfying(w -> assertThat(w)
                .contains("regex '" + expression + "'", "'" + part + "'", "backtrack", "glob"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "^/api/v1/.*", "/items/\\d+", "/promo/20(19|20|21)/.*", "/a\\.b/c+", "(?i)/a",
            "(/[^/]+)*",                  // every repetition starts at the next '/'
            "/docs(/[^/]+)*/old",
            "(\\d{1,3}\\.){3}\\d{1,3}",   // every repetition ends at the next '.'
            "([^/]+/)*x", "(-\\w+)*", "/x/((ab)*c)*",
            "(?>a+)+", "(a+)++", "(a++)+", // atomic and possessive: never give back
            "[(a+)]+", "\\(a+\\)+", "\\Q(a+)+\\E", "(\\d{4})*", "(ab|cd)*", "(?=a+)x",
            "(a+", "", "(?<name", "\\p{L", "\\k<x", "a{2", "\\x{41", // invalid or empty: nothing to report, no exception
    })
    void leavesAloneWhatCannotDivideAPathInManyWays(String expression) {
        assertThat(RegexBacktracking.nestedQuantifier(expression)).isEmpty();
        assertThat(RegexBacktracking.warning(expression)).isEmpty();
    }

    @Test
    void groupsNestedTooDeepToCheckAreLeftAloneWithoutFailing() {
        String deep = "(".repeat(100_000) + "a" + ")".repeat(100_000);
        assertThat(RegexBacktracking.nestedQuantifier(deep)).isEmpty();
    }

    @Test
    void theIndexWarnsOnceForEachExpressionNotAtEveryRebuild() {
        String nested = "/warn-" + UUID.randomUUID() + "/(a+)+";
        String fine = "/fine-" + UUID.randomUUID() + "/(/[^/]+)*";
        List<Tombstone> tombstones = List.of(Tombstone.regexBuilder(nested).build(), Tombstone.regexBuilder(fine).build());
        Logger log = Logger.getLogger(TombstoneIndex.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            TombstoneIndex.of(tombstones, true);
            TombstoneIndex.of(tombstones, false);
            TombstoneIndex.of(tombstones, true);
        } finally {
            log.removeHandler(handler);
        }
        assertThat(records).filteredOn(r -> r.getMessage().contains(nested)).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).startsWith("Tombstone regex:" + nested + ": ").contains("'(a+)+'");
        });
        assertThat(records).noneMatch(r -> r.getMessage().contains(fine));
    }
}
