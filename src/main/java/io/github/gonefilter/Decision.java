package io.github.gonefilter;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;

/** What the filter does with one request, as {@link RequestResolver} decides it. */
sealed interface Decision permits Decision.Pass, Decision.Gone, Decision.Announce, Decision.BadRequest,
        Decision.Unavailable {

    /** Let the request through untouched. */
    Decision PASS = new Pass();

    /** Let the request through untouched. */
    record Pass() implements Decision {
    }

    /**
     * Answer for {@code tombstone}, in force at {@code now}, which governs the canonical {@code path}; for an
     * erased path, {@code announced} is the scheduled tombstone whose headers a never-existing path beside it
     * gets, or {@code null}.
     */
    record Gone(Tombstone tombstone, String path, Instant now, Tombstone announced) implements Decision {
        Gone(Tombstone tombstone, String path, Instant now) {
            this(tombstone, path, now, null);
        }
    }

    /** Let the request through with the warning headers of {@code tombstone}'s scheduled removal. */
    record Announce(Tombstone tombstone) implements Decision {
    }

    /** Refuse a request whose path cannot be read; nothing about tombstones is revealed. */
    record BadRequest(Instant now) implements Decision {
    }

    /**
     * The registry cannot decide (a fail-closed shared store past its maximum staleness): neither pass the request,
     * which might reach a removed resource, nor fail it with a 500; answer 503, revealing nothing.
     */
    record Unavailable(Instant now) implements Decision {
    }
}
