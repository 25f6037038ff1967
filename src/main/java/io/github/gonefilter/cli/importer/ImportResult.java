package io.github.gonefilter.cli.importer;

import io.github.gonefilter.tombstone.Tombstone;
import java.util.List;

/**
 * What an import produced: the tombstones, each with the rule it came from, and every rule left out with
 * the reason it could not be translated exactly.
 */
public record ImportResult(List<Imported> tombstones, List<Skipped> skipped) {

    public ImportResult {
        tombstones = List.copyOf(tombstones);
        skipped = List.copyOf(skipped);
    }

    /** A tombstone and the rule it stands for. */
    public record Imported(Tombstone tombstone, Origin origin) {
    }

    /** A rule left out, and why. */
    public record Skipped(Origin origin, String reason) {
    }
}
