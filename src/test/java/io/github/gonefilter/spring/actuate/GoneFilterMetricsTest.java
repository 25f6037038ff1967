package io.github.gonefilter.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.registry.InMemoryTombstoneRegistry;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.tombstone.Tombstone;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters: bounded tags, never the path, and the registry's syncs and staleness. */
class GoneFilterMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void countsResponsesByStatusAndReasonNeverByPath() {
        InMemoryTombstoneRegistry registry = InMemoryTombstoneRegistry.of(Tombstone.of("/a"));
        GoneFilterMetrics metrics = new GoneFilterMetrics(registry, Clock.systemUTC());
        metrics.bindTo(meters);
        metrics.onResponse(event(410, "/a/1", "gdpr"));
        metrics.onResponse(event(410, "/a/2", "gdpr"));
        metrics.onResponse(event(451, "/b", "dmca"));
        metrics.onResponse(new GoneEvent("GET", "/%zz", 400, null, Instant.now()));

        assertThat(meters.get(GoneFilterMetrics.RESPONSES).tags("status", "410", "reason", "gdpr").counter().count())
                .isEqualTo(2);
        assertThat(meters.get(GoneFilterMetrics.RESPONSES).tags("status", "451", "reason", "dmca").counter().count())
                .isEqualTo(1);
        assertThat(meters.get(GoneFilterMetrics.RESPONSES).tags("status", "400", "reason", "_none").counter().count())
                .isEqualTo(1);
        assertThat(meters.getMeters()).flatExtracting(m -> m.getId().getTags())
                .noneMatch(tag -> tag.getValue().startsWith("/"));
        assertThat(meters.get(GoneFilterMetrics.TOMBSTONES).gauge().value()).isEqualTo(1);
    }

    @Test
    void reasonsCalledOtherOrNoneNeverShareASeriesWithTheOverflowOrTheMissingReason() {
        GoneFilterMetrics metrics = new GoneFilterMetrics(new InMemoryTombstoneRegistry(), Clock.systemUTC());
        metrics.bindTo(meters);
        metrics.onResponse(event(410, "/a", "other"));
        metrics.onResponse(event(410, "/b", "none"));
        metrics.onResponse(event(410, "/c", null));
        for (String reason : List.of("other", "none", "_none")) {
            assertThat(meters.get(GoneFilterMetrics.RESPONSES).tags("status", "410", "reason", reason).counter().count())
                    .as(reason).isEqualTo(1);
        }
    }

    @Test
    void reasonsBeyondTheFirstFiftyAreCountedAsOther() {
        GoneFilterMetrics metrics = new GoneFilterMetrics(new InMemoryTombstoneRegistry(), Clock.systemUTC());
        metrics.bindTo(meters);
        for (int i = 0; i < 200; i++) {
            metrics.onResponse(event(410, "/p" + i, "r" + i));
        }
        metrics.onResponse(event(410, "/again", "r3"));
        assertThat(meters.find(GoneFilterMetrics.RESPONSES).counters()).hasSize(GoneFilterMetrics.MAX_REASONS + 1);
        assertThat(meters.get(GoneFilterMetrics.RESPONSES).tags("reason", "_other").counter().count()).isEqualTo(150);
        assertThat(meters.get(GoneFilterMetrics.RESPONSES).tags("reason", "r3").counter().count()).isEqualTo(2);
    }

    @Test
    void countsSyncsByOutcomeAndReportsStaleness(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, "{}");
        try (FileTombstoneRegistry registry = FileTombstoneRegistry.builder(file.toString())
                .reloadInterval(java.time.Duration.ZERO).build()) {
            Instant loaded = registry.status().lastLoaded();
            GoneFilterMetrics metrics = new GoneFilterMetrics(registry,
                    Clock.fixed(loaded.plusSeconds(90), ZoneOffset.UTC));
            metrics.bindTo(meters);
            assertThat(meters.get(GoneFilterMetrics.STALENESS).gauge().value()).isEqualTo(90, org.assertj.core.data.Offset.offset(1.0));

            Files.writeString(file, "[not json");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plus(1, ChronoUnit.MINUTES)));
            assertThatThrownBy(registry::reload).isNotNull();
            Files.writeString(file, "{\"tombstones\": [{\"path\": \"/x\"}]}");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plus(2, ChronoUnit.MINUTES)));
            registry.reload();

            assertThat(meters.get(GoneFilterMetrics.SYNCS).tags("outcome", "failure").counter().count()).isEqualTo(1);
            assertThat(meters.get(GoneFilterMetrics.SYNCS).tags("outcome", "success").counter().count()).isEqualTo(1);
            metrics.close();
            registry.bury(Tombstone.of("/y"));
            assertThat(meters.get(GoneFilterMetrics.TOMBSTONES).gauge().value()).isEqualTo(2);
        }
    }

    @Test
    void aRegistryWithoutASourceHasNoStaleness() {
        GoneFilterMetrics metrics = new GoneFilterMetrics(new InMemoryTombstoneRegistry(), Clock.systemUTC());
        metrics.bindTo(meters);
        assertThat(meters.get(GoneFilterMetrics.STALENESS).gauge().value()).isNaN();
        assertThat(meters.get(GoneFilterMetrics.STALENESS).gauge().getId().getBaseUnit()).isEqualTo("seconds");
        assertThatThrownBy(() -> metrics.bindTo(new SimpleMeterRegistry())).isInstanceOf(IllegalStateException.class);
        assertThat(meters.getMeters()).extracting(Meter::getId).isNotEmpty();
    }

    private static GoneEvent event(int status, String path, String reason) {
        return new GoneEvent("GET", path, status, Tombstone.builder(path).reason(reason).build(), Instant.now());
    }
}
