package io.github.gonefilter.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** UP while the filter answers correctly, stale snapshot included; DOWN only when it cannot answer. */
class TombstonesHealthIndicatorTest {

    private static final Instant LOADED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock FIVE_MINUTES_LATER = Clock.fixed(LOADED.plusSeconds(300), ZoneOffset.UTC);

    @Test
    void currentIsUpWithCountSourceAndAge() {
        Health health = health(RegistryStatus.State.CURRENT, null);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "CURRENT").containsEntry("kind", "jdbc")
                .containsEntry("source", "table gone_tombstone").containsEntry("tombstones", 7)
                .containsEntry("lastLoaded", "2026-01-01T00:00:00Z").containsEntry("age", "PT5M")
                .doesNotContainKey("lastError");
    }

    @Test
    void aStaleSnapshotStaysUpAndSaysSo() {
        Health health = health(RegistryStatus.State.STALE, "connection refused");
        assertThat(health.getStatus()).as("must not take the node out of a load balancer").isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "STALE")
                .containsEntry("lastError", "connection refused")
                .containsEntry("serving", "the last snapshot, as of 2026-01-01T00:00:00Z, while the source cannot be read");
    }

    @Test
    void unavailableIsDown() {
        Health health = health(RegistryStatus.State.UNAVAILABLE, "connection refused");
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "UNAVAILABLE");
    }

    private static Health health(RegistryStatus.State state, String error) {
        TombstoneRegistry registry = mock(TombstoneRegistry.class);
        when(registry.status()).thenReturn(new RegistryStatus("jdbc", "table gone_tombstone", 7, Map.of(), LOADED,
                error, error == null ? null : LOADED.plusSeconds(10), state));
        return new TombstonesHealthIndicator(registry, FIVE_MINUTES_LATER).health();
    }
}
