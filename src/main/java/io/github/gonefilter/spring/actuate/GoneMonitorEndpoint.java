package io.github.gonefilter.spring.actuate;

import io.github.gonefilter.monitor.NotFoundEntry;
import io.github.gonefilter.monitor.NotFoundMonitor;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code gonemonitor}: the paths the application answered 404 for, most requested first, as
 * the {@link NotFoundMonitor} counted them on this node; and, with
 * {@code management.endpoint.gonemonitor.access=unrestricted}, promoting one to a tombstone or dismissing it.
 * Read-only by default; like every endpoint, reachable over HTTP only once exposed. Over HTTP,
 * {@link GoneMonitorEndpointWebExtension} answers bad input with 400, an unknown entry with 404 and a registry
 * that cannot be written with 405, as the {@code tombstones} endpoint does.
 */
@Endpoint(id = GoneMonitorEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class GoneMonitorEndpoint {

    public static final String ID = "gonemonitor";
    /** Entries listed when no {@code limit} is given. */
    public static final int DEFAULT_LIMIT = 20;
    /** The largest {@code limit}. */
    public static final int MAX_LIMIT = 1000;

    private final NotFoundMonitor monitor;
    private final TombstoneRegistry registry;
    private final Clock clock;

    public GoneMonitorEndpoint(NotFoundMonitor monitor, TombstoneRegistry registry, Clock clock) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The monitor's counters and its {@code limit} most requested entries, highest count first.
     *
     * @throws IllegalArgumentException if {@code limit} is not in 0..{@value #MAX_LIMIT}
     */
    @ReadOperation
    public MonitorReport entries(@Nullable Integer limit) {
        int count = limit == null ? DEFAULT_LIMIT : limit;
        if (count < 0 || count > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 0 and " + MAX_LIMIT + " but was " + count);
        }
        NotFoundMonitor.Statistics s = monitor.statistics();
        List<Map<String, Object>> top = monitor.top(count).stream().map(this::json).toList();
        return new MonitorReport(s.entries(), s.maxEntries(), monitor.retention().toString(), s.recorded(),
                s.replaced(), s.rejected(), s.expired(), s.excluded(), top);
    }

    /**
     * Buries a tombstone for a path (or a glob) the monitor lists, and dismisses every entry it now answers. The
     * members are those of a tombstone file's entry, read by the library's own reader as the {@code tombstones}
     * endpoint reads them; {@code glob} may name the pattern instead of {@code path}.
     *
     * @throws IllegalArgumentException naming the member and value that are wrong
     * @throws UnsupportedOperationException if the registry cannot be written
     */
    @WriteOperation
    public Promoted promote(@Nullable Object path, @Nullable Object glob, @Nullable Object deletedAt,
            @Nullable Object reason, @Nullable Object message, @Nullable Object alternative, @Nullable Object maxAge,
            @Nullable Object goneFrom, @Nullable Object goneUntil, @Nullable Object visibility,
            @Nullable Object restorable, @Nullable Object mode) {
        Tombstone tombstone = TombstonesEndpoint.tombstone(pattern(path, glob), null, deletedAt, reason, message,
                alternative, maxAge, goneFrom, goneUntil, visibility, restorable, mode);
        writable().bury(tombstone);
        List<String> dismissed = new ArrayList<>();
        if (tombstone.pattern() instanceof PathPattern.Exact exact && monitor.dismiss(exact.path())) {
            dismissed.add(exact.path());
        }
        Instant now = clock.instant();
        for (NotFoundEntry e : monitor.entries()) {
            // what the registry now answers for leaves the list; its own matching decides, case rules included
            if (registry.find(e.path(), now).isPresent() && monitor.dismiss(e.path())) {
                dismissed.add(e.path());
            }
        }
        return new Promoted(TombstonesEndpoint.json(tombstone), dismissed);
    }

    /** {@code path} or {@code glob}, exactly one; a glob must have a {@code *}. */
    static @Nullable Object pattern(@Nullable Object path, @Nullable Object glob) {
        if (path != null && glob != null) {
            throw new IllegalArgumentException("give either path or glob, not both");
        }
        if (glob != null && !String.valueOf(glob).contains("*")) {
            throw new IllegalArgumentException("glob '" + glob + "' has no *: give it as path");
        }
        return path != null ? path : glob;
    }

    /**
     * Dismisses the entry of a path, given as the segments of an already decoded path.
     *
     * @return what was dismissed, or {@code null} if the monitor holds no entry for it
     */
    @DeleteOperation
    public @Nullable Dismissed dismiss(@Selector(match = Selector.Match.ALL_REMAINING) String... path) {
        String canonical = PathCanonicalizer.canonicalizeDecoded("/" + String.join("/", path));
        return monitor.dismiss(canonical) ? new Dismissed(canonical, true) : null;
    }

    private WritableTombstoneRegistry writable() {
        if (registry instanceof WritableTombstoneRegistry w) {
            return w;
        }
        throw new UnsupportedOperationException("the tombstone registry (" + registry.description()
                + ") is read-only: add the tombstone to its source instead");
    }

    private Map<String, Object> json(NotFoundEntry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", e.path());
        if (e.query() != null) {
            json.put("query", e.query());
        }
        json.put("count", e.count());
        json.put("error", e.error());
        json.put("firstSeen", e.firstSeen().toString());
        json.put("lastSeen", e.lastSeen().toString());
        if (monitor.referrers()) {
            json.put("referrers", e.referrers()); // records: host, then count
        }
        if (monitor.userAgents()) {
            json.put("bots", e.bots());
            json.put("humans", e.humans());
        }
        return json;
    }

    /**
     * What {@code GET /actuator/gonemonitor} answers: the monitor's counters (see
     * {@link NotFoundMonitor.Statistics}) and its top entries.
     *
     * @param retention how long an entry stays after its last 404, ISO-8601
     * @param top       the entries, most requests certainly seen ({@code count - error}) first: {@code path},
     *                  {@code count}, {@code error}, {@code firstSeen}, {@code lastSeen}, and {@code query},
     *                  {@code referrers}, {@code bots} and {@code humans} when the monitor keeps them
     */
    public record MonitorReport(int entries, int maxEntries, String retention, long recorded, long replaced,
            long rejected, long expired, long excluded, List<Map<String, Object>> top)
            implements OperationResponseBody {
    }

    /**
     * What a promotion did.
     *
     * @param tombstone the tombstone buried, as in a tombstone file
     * @param dismissed the paths it took off the list
     */
    public record Promoted(Map<String, Object> tombstone, List<String> dismissed) implements OperationResponseBody {
    }

    /** What a dismissal removed. */
    public record Dismissed(String path, boolean dismissed) implements OperationResponseBody {
    }
}
