package io.github.gonefilter.cli.importer;

import io.github.gonefilter.cli.pattern.PathSet;
import io.github.gonefilter.cli.pattern.PathSets;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.Visibility;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns decided sets into tombstones: an exact path or glob when nothing wins over the rule on its paths,
 * else a regex that excludes the winners; rules that answer for no canonical path, or whose answer depends
 * on something the configuration does not say, are left out with the reason.
 */
final class Emitter {

    private final List<ImportResult.Imported> tombstones = new ArrayList<>();
    private final List<ImportResult.Skipped> skipped = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    void skip(Origin origin, String reason) {
        skipped.add(new ImportResult.Skipped(origin, reason));
    }

    void emitAll(List<Decided> decided) {
        decided.forEach(this::emit);
    }

    void emit(Decided d) {
        if (d.unknownReason() != null) {
            skip(d.origin(), d.unknownReason());
            return;
        }
        PathSet base = d.matches();
        if (base.automaton() != null && base.automaton().isEmpty()) {
            skip(d.origin(), "it applies to no request path at all");
            return;
        }
        if (PathSets.isEmpty(base).orElse(false)) {
            skip(d.origin(), "it matches no canonical path, only spellings the filter reads as another path"
                    + " (a trailing slash, '//', a dot segment, ';' or '\\')");
            return;
        }
        for (int i = 0; i < d.unknowns().size(); i++) {
            Decided.Winner u = d.unknowns().get(i);
            if (u.set() == null || PathSets.mayOverlap(base, u.set())) {
                skip(d.origin(), "on some of its paths the answer depends on " + u.origin() + " ("
                        + d.unknownWhy().get(i) + ")");
                return;
            }
        }
        List<Decided.Winner> winners = new ArrayList<>();
        for (Decided.Winner w : d.winners()) {
            if (PathSets.mayOverlap(base, w.set())) {
                winners.add(w);
            }
        }
        PathSet set = winners.isEmpty() ? base : new PathSet.Except(base, winners.stream().map(Decided.Winner::set).toList());
        if (!winners.isEmpty() && PathSets.isEmpty(set).orElse(false)) {
            skip(d.origin(), "it never answers: shadowed by "
                    + winners.stream().map(w -> w.origin().toString()).collect(Collectors.joining(", ")));
            return;
        }
        Optional<String> glob = set.glob();
        Tombstone.Builder builder;
        try {
            builder = glob.isPresent() ? Tombstone.builder(glob.get()) : Tombstone.regexBuilder(set.regex());
        } catch (IllegalArgumentException e) {
            skip(d.origin(), "no tombstone can hold it: " + e.getMessage());
            return;
        }
        Tombstone t = builder.visibility(d.outcome() == Outcome.LEGAL ? Visibility.LEGAL : Visibility.GONE).build();
        if (keys.add(t.pattern().key())) {
            tombstones.add(new ImportResult.Imported(t, d.origin()));
        }
    }

    /** The tombstones in rule order (it is their precedence), the rules left out by file and line, for people. */
    ImportResult result() {
        List<String> files = skipped.stream().map(sk -> sk.origin().file()).distinct().toList();
        List<ImportResult.Skipped> byLine = new ArrayList<>(skipped);
        byLine.sort(java.util.Comparator.comparingInt((ImportResult.Skipped sk) -> files.indexOf(sk.origin().file()))
                .thenComparingInt(sk -> sk.origin().line()));
        return new ImportResult(tombstones, byLine);
    }
}
