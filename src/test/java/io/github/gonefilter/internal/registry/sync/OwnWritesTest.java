package io.github.gonefilter.internal.registry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.TombstoneChange.Cause;
import io.github.gonefilter.tombstone.TombstoneChange.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changes read back from a store are this node's writes only when they are exactly what it wrote. */
class OwnWritesTest {

    private final OwnWrites own = new OwnWrites();

    @Test
    void aWriteReadBackIsAWriteOnceAndAnyOtherChangeASync() {
        Tombstone mine = Tombstone.builder("/a").message("mine").build();
        Tombstone theirs = Tombstone.builder("/a").message("theirs").build();
        own.burying(mine);
        own.restoring(PathPattern.of("/b"));
        assertThat(own.attribute(List.of(added(theirs), added(mine), removed(Tombstone.of("/b")))))
                .extracting(TombstoneChange::cause).containsExactly(Cause.SYNC, Cause.WRITE, Cause.WRITE);
        assertThat(own.attribute(List.of(added(mine)))).extracting(TombstoneChange::cause).containsExactly(Cause.SYNC);
    }

    @Test
    void aFailedWriteIsForgotten() {
        Tombstone t = Tombstone.of("/a");
        own.burying(t);
        own.buryFailed(t);
        own.restoring(PathPattern.of("/b"));
        own.restoreFailed(PathPattern.of("/b"));
        assertThat(own.attribute(List.of(added(t), removed(Tombstone.of("/b")))))
                .extracting(TombstoneChange::cause).containsOnly(Cause.SYNC);
    }

    private static TombstoneChange added(Tombstone t) {
        return new TombstoneChange(Kind.ADDED, t, Cause.SYNC);
    }

    private static TombstoneChange removed(Tombstone t) {
        return new TombstoneChange(Kind.REMOVED, t, Cause.SYNC);
    }
}
