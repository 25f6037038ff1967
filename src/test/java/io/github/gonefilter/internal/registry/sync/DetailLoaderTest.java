package io.github.gonefilter.internal.registry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.gonefilter.tombstone.Tombstone;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;

/** The bounded wait set and batched loading of compact mode's details, over a mocked store. */
class DetailLoaderTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final TombstoneStore store = mock(TombstoneStore.class);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void manyRequestsForOneTombstoneMakeOneLoad() throws Exception {
        when(store.load(anyCollection())).thenAnswer(found());
        DetailLoader loader = new DetailLoader(store, executor, 100, 100, Duration.ofMillis(10));
        for (int i = 0; i < 2000; i++) {
            loader.get("/doc/7");
        }
        await(() -> loader.get("/doc/7") != null);
        assertThat(loader.get("/doc/7").message()).isEqualTo("details of /doc/7");
        verify(store, times(1)).load(anyCollection());
    }

    @Test
    void theWaitSetIsBoundedDropsTheOldestAndCountsIt() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(store.load(anyCollection())).thenAnswer(invocation -> {
            loading.countDown();
            release.await();
            return found().answer(invocation);
        });
        DetailLoader loader = new DetailLoader(store, executor, 10_000, 100, Duration.ofMillis(10));
        loader.get("/first");
        assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue(); // "/first" is being loaded
        for (int i = 0; i < 500; i++) {
            loader.get("/doc/" + i);
        }
        assertThat(loader.waiting()).isEqualTo(101);
        assertThat(loader.dropped()).isEqualTo(400);
        release.countDown();
        await(() -> loader.waiting() == 0);
        assertThat(loader.get("/doc/499")).isNotNull();
        assertThat(loader.get("/doc/400")).isNotNull();
        assertThat(loader.get("/doc/0")).as("dropped: asked for again").isNull();
        await(() -> loader.get("/doc/0") != null);
        verify(store, times(3)).load(anyCollection()); // "/first", one batch of the 100 kept, "/doc/0"
    }

    @Test
    void aFailedLoadIsRetriedAndNothingIsLost() throws Exception {
        when(store.load(anyCollection())).thenThrow(new IllegalStateException("down")).thenAnswer(found());
        DetailLoader loader = new DetailLoader(store, executor, 100, 100, Duration.ofMillis(20));
        loader.get("/a");
        loader.get("/b");
        await(() -> loader.get("/a") != null && loader.get("/b") != null);
        verify(store, atLeast(2)).load(anyCollection());
    }

    @Test
    void detailsThatChangedDuringTheirLoadAreLoadedAgain() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String[] message = {"old"};
        when(store.load(anyCollection())).thenAnswer(invocation -> {
            loading.countDown();
            release.await();
            Collection<String> keys = invocation.getArgument(0);
            Map<String, Tombstone> out = new HashMap<>();
            keys.forEach(k -> out.put(k, Tombstone.builder(k).message(message[0]).build()));
            return out;
        });
        DetailLoader loader = new DetailLoader(store, executor, 100, 100, Duration.ofMillis(10));
        loader.get("/a");
        assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
        loader.invalidate("/a"); // a sync applied a change while the old row was being read
        message[0] = "new";
        release.countDown();
        await(() -> loader.get("/a") != null);
        assertThat(loader.get("/a").message()).isEqualTo("new");
    }

    @Test
    void aKeyTheStoreNoLongerHoldsIsRememberedAsHavingNoDetails() throws Exception {
        when(store.load(anyCollection())).thenReturn(Map.of());
        DetailLoader loader = new DetailLoader(store, executor, 100, 100, Duration.ofMillis(10));
        loader.get("/restored");
        await(() -> loader.get("/restored") != null);
        assertThat(loader.get("/restored")).isSameAs(DetailLoader.NONE);
        verify(store, times(1)).load(List.of("/restored"));
    }

    private static Answer<Map<String, Tombstone>> found() {
        return invocation -> {
            Collection<String> keys = invocation.getArgument(0);
            Map<String, Tombstone> out = new HashMap<>();
            keys.forEach(k -> out.put(k, Tombstone.builder(k).message("details of " + k).build()));
            return out;
        };
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
