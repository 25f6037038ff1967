package io.github.gonefilter.cli.importer;

import io.github.gonefilter.cli.pattern.PathSet;
import java.util.List;

/**
 * A 410 or 451 rule and the paths it would answer for if nothing else applied ({@code matches}), with the
 * rules that win over it where they overlap ({@code winners}) and the rules whose effect on it cannot be
 * known ({@code unknowns}, with why). {@code unknownReason} set means the rule itself cannot be translated.
 */
record Decided(Origin origin, Outcome outcome, PathSet matches, List<Winner> winners, List<Winner> unknowns,
        List<String> unknownWhy, String unknownReason) {

    /** A rule that wins over this one on the paths of {@code set}. */
    record Winner(Origin origin, PathSet set) {
    }

    static Decided unknown(Origin origin, String reason) {
        return new Decided(origin, Outcome.OTHER, null, List.of(), List.of(), List.of(), reason);
    }
}
