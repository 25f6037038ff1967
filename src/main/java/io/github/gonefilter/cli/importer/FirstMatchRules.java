package io.github.gonefilter.cli.importer;

import io.github.gonefilter.cli.pattern.PathSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules that a server tries in order, the first that applies deciding: Apache's rewrite and alias phases,
 * Tuckey's rule list, nginx's server-level {@code if} blocks. Rules are grouped in sections (one phase, one
 * {@code .htaccess}); a rule that stops its section ({@code [L]} without an answer) lets later sections run.
 */
final class FirstMatchRules {

    /** What a matching rule does. */
    enum Effect {
        /** Answers: 410, 451 or anything else ({@link Outcome}). */
        DECIDES,
        /** Ends the rules of its section without answering; later sections still run. */
        STOPS_SECTION,
        /** Matches and has no effect on the answer (sets a variable, a header). */
        CONTINUES,
        /** Its effect cannot be known from the configuration: a condition, a rewrite. */
        UNKNOWN
    }

    /**
     * One rule. For {@link Effect#UNKNOWN}, {@code outcome} is what it answers when it applies, or {@code null}
     * if even that is unknown (a rewrite), and {@code why} says what makes it unknown.
     */
    record Rule(Origin origin, int section, Effect effect, Outcome outcome, PathSet matches, String why) {
    }

    private final List<Rule> rules = new ArrayList<>();

    void add(Rule rule) {
        rules.add(rule);
    }

    List<Rule> rules() {
        return rules;
    }

    /** The sets each 410 or 451 rule decides, in rule order. */
    List<Decided> decide() {
        List<Decided> result = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            boolean answersGone = rule.outcome() == Outcome.GONE || rule.outcome() == Outcome.LEGAL;
            if (!answersGone) {
                continue;
            }
            if (rule.effect() == Effect.UNKNOWN) {
                result.add(Decided.unknown(rule.origin(), rule.why()));
                continue;
            }
            if (rule.effect() != Effect.DECIDES) {
                continue;
            }
            List<Decided.Winner> winners = new ArrayList<>();
            List<Rule> unknowns = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                Rule earlier = rules.get(j);
                if (earlier.effect() == Effect.UNKNOWN) {
                    if (earlier.outcome() != rule.outcome()) {
                        unknowns.add(earlier);
                    }
                } else if (earlier.section() == rule.section()) {
                    if (earlier.effect() == Effect.STOPS_SECTION
                            || (earlier.effect() == Effect.DECIDES && earlier.outcome() != rule.outcome())) {
                        winners.add(new Decided.Winner(earlier.origin(), earlier.matches()));
                    }
                } else if (earlier.effect() == Effect.DECIDES && earlier.outcome() != rule.outcome()) {
                    winners.add(new Decided.Winner(earlier.origin(), decidedBy(j)));
                }
            }
            result.add(new Decided(rule.origin(), rule.outcome(), rule.matches(), winners,
                    unknowns.stream().map(u -> new Decided.Winner(u.origin(), u.matches())).toList(),
                    unknowns.stream().map(Rule::why).toList(), null));
        }
        return result;
    }

    /** The paths rule {@code k} answers for when its section is reached: its own minus earlier rules that apply. */
    private PathSet decidedBy(int k) {
        Rule rule = rules.get(k);
        List<PathSet> earlier = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            Rule e = rules.get(j);
            if (e.section() == rule.section() && (e.effect() == Effect.DECIDES || e.effect() == Effect.STOPS_SECTION)) {
                earlier.add(e.matches());
            }
        }
        return earlier.isEmpty() ? rule.matches() : new PathSet.Except(rule.matches(), earlier);
    }
}
