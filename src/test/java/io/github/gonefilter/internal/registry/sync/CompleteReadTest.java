package io.github.gonefilter.internal.registry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The last change of a key wins in a complete read, also for keys already held as fingerprints. */
class CompleteReadTest {

    private final Fingerprinting fingerprinting = new Fingerprinting(true);

    @Test
    void aRestoreOrAChangeToAFullTombstoneCancelsOnlyTheFingerprintsCollectedBeforeIt() {
        CompleteRead read = new CompleteRead(fingerprinting, 2);
        for (int i = 0; i < 5; i++) {
            read.buried(Tombstone.of("/doc/" + i)); // compact from the third on
        }
        assertThat(read.compact()).isTrue();
        read.buried(plainPath("/doc/5"));
        read.restored("/doc/1");                          // restored after it was read
        read.restored("/doc/5");
        read.buried(plainPath("/doc/5"));                 // and buried again: it stands
        read.buried(Tombstone.builder("/doc/2").goneFrom(Instant.parse("2030-01-01T00:00:00Z")).build());
        read.restored("/never/read");

        CompactPathSet set = read.fingerprints();
        assertThat(set.contains(fingerprinting.of("/doc/0"))).isTrue();
        assertThat(set.contains(fingerprinting.of("/doc/1"))).isFalse();
        assertThat(set.contains(fingerprinting.of("/doc/2"))).as("now held in full").isFalse();
        assertThat(set.contains(fingerprinting.of("/doc/5"))).isTrue();
        assertThat(set.size()).isEqualTo(4);
        assertThat(read.full()).containsOnlyKeys("/doc/2");
    }

    @Test
    void onceCompactAPlainPathIsNeverReadInFull() {
        CompleteRead read = new CompleteRead(fingerprinting, 1);
        read.buried(Tombstone.of("/a"));
        read.buried(Tombstone.of("/b"));
        TombstoneStore.Stored plain = mock(TombstoneStore.Stored.class);
        when(plain.plainPath()).thenReturn("/c");
        read.buried(plain);
        TombstoneStore.Stored windowed = mock(TombstoneStore.Stored.class);
        when(windowed.tombstone()).thenReturn(Tombstone.builder("/d").goneUntil(Instant.parse("2030-01-01T00:00:00Z")).build());
        read.buried(windowed);
        verify(plain, never()).tombstone();
        assertThat(read.fingerprints().contains(fingerprinting.of("/c"))).isTrue();
        assertThat(read.full()).containsOnlyKeys("/d");
    }

    @Test
    void anInvalidStoredTombstoneIsSkipped() {
        CompleteRead read = new CompleteRead(fingerprinting, 10);
        read.buried(mock(TombstoneStore.Stored.class)); // tombstone() null: invalid, logged by the store
        read.buried(Tombstone.of("/b"));
        assertThat(read.full()).containsOnlyKeys("/b");
    }

    /** A stored exact path the store can tell is plain without reading it. */
    private static TombstoneStore.Stored plainPath(String path) {
        TombstoneStore.Stored stored = mock(TombstoneStore.Stored.class);
        when(stored.key()).thenReturn(path);
        when(stored.plainPath()).thenReturn(path);
        when(stored.tombstone()).thenReturn(Tombstone.of(path));
        return stored;
    }

    @Test
    void belowTheLimitEverythingIsHeldInFull() {
        CompleteRead read = new CompleteRead(fingerprinting, 10);
        read.buried(Tombstone.of("/a"));
        read.buried(Tombstone.of("/b"));
        read.restored("/a");
        assertThat(read.fingerprints()).isNull();
        assertThat(read.full()).containsOnlyKeys("/b");
    }
}
