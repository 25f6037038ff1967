package io.github.gonefilter.internal.registry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;

/** Complete and incremental sync against a store, without a database: the store is a mock that streams changes. */
class StoreSyncTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final TombstoneStore store = mock(TombstoneStore.class);
    private final CompactMode mode = CompactMode.create(store, true, 3, 100, 100, Duration.ofSeconds(1));

    @AfterEach
    void close() {
        mode.close();
    }

    @Test
    void aCompleteReadReplacesTheCopyAndReportsWhatDiffers() throws Exception {
        StoreSync sync = new StoreSync(store, mode, true);
        streams(0, 2, sink -> {
            sink.buried(stored(Tombstone.of("/a")));
            sink.buried(stored(Tombstone.of("/b")));
        });
        assertThat(sync.completeDue()).isTrue();
        assertThat(sync.complete(() -> true).changes()).extracting(c -> c.tombstone().pattern().key()).containsExactly("/a", "/b");
        assertThat(sync.completeDue()).isFalse();
        assertThat(sync.published().version()).isEqualTo(2);

        streams(0, 3, sink -> {
            sink.buried(stored(Tombstone.of("/b")));
            sink.buried(stored(Tombstone.builder("/c").message("new").build()));
        });
        List<TombstoneChange> changes = sync.complete(() -> true).changes();
        assertThat(changes).extracting(c -> c.kind() + " " + c.tombstone().pattern().key())
                .containsExactly("ADDED /c", "REMOVED /a");
        assertThat(changes).allMatch(c -> c.cause() == TombstoneChange.Cause.SYNC);
        assertThat(sync.published().snapshot().find("/a", NOW)).isEmpty();
        assertThat(sync.published().snapshot().find("/c", NOW)).isPresent();
    }

    /**
     * A listener added while a complete read runs (a background sync that began before {@code addListener}) hears
     * what the read brings, such as the write that its registry made next: purging relies on it.
     */
    @Test
    void aCompleteReadReportsToAListenerThatCameWhileItRan() throws Exception {
        StoreSync sync = new StoreSync(store, mode, true);
        AtomicBoolean listened = new AtomicBoolean();
        streams(0, 1, sink -> {
            listened.set(true); // the listener comes, then the write is read
            sink.buried(stored(Tombstone.of("/heard")));
        });
        assertThat(sync.complete(listened::get).changes()).extracting(c -> c.tombstone().pattern().key())
                .containsExactly("/heard");
    }

    @Test
    void anIncrementalReadAppliesOnlyWhatCameAfterTheLastVersion() throws Exception {
        StoreSync sync = new StoreSync(store, mode, true);
        streams(0, 5, sink -> sink.buried(stored(Tombstone.of("/a"))));
        sync.complete(() -> false);
        streams(5, 7, sink -> {
            sink.restored("/a");
            sink.restored("/never-held");
            sink.buried(stored(Tombstone.builder("/b").visibility(Visibility.LEGAL).build()));
        });
        StoreSync.Result result = sync.incremental();
        assertThat(result.changed()).isTrue();
        assertThat(result.changes()).extracting(c -> c.kind() + " " + c.tombstone().pattern().key())
                .containsExactly("REMOVED /a", "ADDED /b");
        assertThat(sync.published().version()).isEqualTo(7);
        streams(7, 7, sink -> { });
        assertThat(sync.incremental().changed()).isFalse();
    }

    @Test
    void growingPastTheLimitMakesTheNextSyncCompleteAndCompact() throws Exception {
        StoreSync sync = new StoreSync(store, mode, true);
        streams(0, 1, sink -> sink.buried(stored(Tombstone.of("/doc/0"))));
        sync.complete(() -> false);
        streams(1, 4, sink -> {
            for (int i = 1; i <= 3; i++) {
                sink.buried(stored(Tombstone.of("/doc/" + i)));
            }
        });
        sync.incremental();
        assertThat(sync.published().snapshot().compact()).isFalse();
        assertThat(sync.completeDue()).isTrue();
        streams(0, 4, sink -> {
            for (int i = 0; i <= 3; i++) {
                sink.buried(stored(Tombstone.of("/doc/" + i)));
            }
        });
        sync.complete(() -> false);
        assertThat(sync.published().snapshot().compact()).isTrue();
        assertThat(sync.published().snapshot().size()).isEqualTo(4);
        assertThat(sync.published().snapshot().held()).isEmpty();
        assertThat(sync.published().snapshot().find("/doc/2", NOW)).isPresent();
    }

    private void streams(long since, long version, Consumer<TombstoneStore.ChangeSink> changes) throws Exception {
        doAnswer((Answer<Long>) invocation -> {
            changes.accept(invocation.getArgument(1));
            return version;
        }).when(store).readChanges(eq(since), any()); // doAnswer: restubbing must not run the previous answer
    }

    private static TombstoneStore.Stored stored(Tombstone t) {
        return new TombstoneStore.Stored() {
            @Override
            public String key() {
                return t.pattern().key();
            }

            @Override
            public Tombstone tombstone() {
                return t;
            }
        };
    }
}
