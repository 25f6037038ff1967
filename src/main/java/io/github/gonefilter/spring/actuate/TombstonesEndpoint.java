package io.github.gonefilter.spring.actuate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.RegistryStatus;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.Visibility;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code tombstones}: what the registry holds, which tombstone answers a path and why, and,
 * with {@code management.endpoint.tombstones.access=unrestricted}, burying and restoring. Read-only by default;
 * like every endpoint, reachable over HTTP only once {@code management.endpoints.web.exposure.include} names it.
 * Over HTTP, {@link TombstonesEndpointWebExtension} turns the exceptions below into 400, 404, 405 and 409 answers.
 */
@Endpoint(id = TombstonesEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class TombstonesEndpoint {

    public static final String ID = "tombstones";
    /** Entries listed when no {@code limit} is given. */
    public static final int DEFAULT_LIMIT = 20;
    /** The largest {@code limit}: a page never costs more than this many entries. */
    public static final int MAX_LIMIT = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TombstoneRegistry registry;
    private final Clock clock;
    private final TombstoneMode defaultMode;

    public TombstonesEndpoint(TombstoneRegistry registry, Clock clock) {
        this(registry, clock, TombstoneMode.SHORT_CIRCUIT);
    }

    /** @param defaultMode the filter's mode for tombstones that do not name one, for the explanations */
    public TombstonesEndpoint(TombstoneRegistry registry, Clock clock, TombstoneMode defaultMode) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultMode = Objects.requireNonNull(defaultMode, "defaultMode");
    }

    /**
     * The registry's status and one page of its tombstones, in declaration order.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or {@code limit} is not in 0..{@value #MAX_LIMIT}
     */
    @ReadOperation
    public RegistryReport tombstones(@Nullable Integer offset, @Nullable Integer limit) {
        int from = offset == null ? 0 : offset;
        int count = limit == null ? DEFAULT_LIMIT : limit;
        if (from < 0) {
            throw new IllegalArgumentException("offset must not be negative but was " + from);
        }
        if (count < 0 || count > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 0 and " + MAX_LIMIT + " but was " + count);
        }
        RegistryStatus status = registry.status();
        List<Tombstone> all = registry.list();
        int start = Math.min(from, all.size());
        int end = (int) Math.min(all.size(), (long) start + count);
        List<Map<String, Object>> page = all.subList(start, end).stream().map(TombstonesEndpoint::json).toList();
        Map<String, Integer> byVisibility = new LinkedHashMap<>();
        for (Visibility v : Visibility.values()) {
            byVisibility.put(v.code(), status.byVisibility().get(v));
        }
        return new RegistryReport(status.kind(), status.source(), status.state().name(),
                registry instanceof WritableTombstoneRegistry, status.size(), byVisibility, text(status.lastLoaded()),
                status.lastError(), text(status.lastErrorAt()), all.size(), start, count, page);
    }

    /**
     * Which tombstone answers a request for {@code path} now, and why; {@code null} when none does. The segments
     * are those of an already decoded path, as the web layer hands them over.
     */
    @ReadOperation
    public @Nullable Explanation explain(@Selector(match = Selector.Match.ALL_REMAINING) String... path) {
        String canonical = PathCanonicalizer.canonicalizeDecoded("/" + String.join("/", path));
        Instant now = clock.instant();
        Optional<Tombstone> found = registry.find(canonical, now);
        if (found.isEmpty()) {
            return null;
        }
        Tombstone t = found.get();
        boolean inForce = t.isActiveAt(now);
        String kind = kind(t.pattern());
        String rule = switch (kind) {
            case "exact" -> "an exact path beats every glob and regular expression";
            case "glob" -> "among the globs that match, the one with the longest literal prefix ('"
                    + ((PathPattern.Glob) t.pattern()).literalPrefix() + "') wins, then the one declared first;"
                    + " no exact path matches";
            default -> "regular expressions are tried in declaration order, the first match wins;"
                    + " no exact path or glob matches";
        };
        String answer = inForce
                ? t.visibility().status() + (t.visibility() == Visibility.NOT_FOUND
                        ? " for GET and HEAD (an erasure: the container's own 404); other methods reach the application"
                        : " for every method the filter's 'methods' cover")
                : "passes through with Deprecation and Sunset headers until " + t.goneFrom();
        if (inForce && t.modeOr(defaultMode) == TombstoneMode.FALLBACK) {
            answer = "the application answers first (mode fallback); only if it answers 404: " + answer
                    + "; anything else it answers passes untouched";
        }
        return new Explanation(canonical, t.pattern().source(), kind, inForce, inForce ? t.visibility().status() : null,
                answer, (inForce ? "in force; " : "scheduled, not yet in force; ") + rule, json(t));
    }

    /**
     * Buries a tombstone given with the members of a tombstone file's entry, read by the library's own JSON reader,
     * so mistakes are reported as in a file (an unknown member, an invalid value). Over HTTP, Actuator reads the
     * body's members as text: {@code restorable} may be {@code "true"}, {@code maxAge} seconds or ISO-8601 as in a
     * file, and {@code extensions}, an object, cannot be given here (bury them through the file or the Java API).
     *
     * @throws IllegalArgumentException naming the member and value that are wrong
     * @throws UnsupportedOperationException if the registry cannot be written
     */
    @WriteOperation
    public Map<String, Object> bury(@Nullable Object path, @Nullable Object regex, @Nullable Object deletedAt,
            @Nullable Object reason, @Nullable Object message, @Nullable Object alternative, @Nullable Object maxAge,
            @Nullable Object goneFrom, @Nullable Object goneUntil, @Nullable Object visibility,
            @Nullable Object restorable, @Nullable Object mode) {
        Tombstone tombstone = tombstone(path, regex, deletedAt, reason, message, alternative, maxAge, goneFrom,
                goneUntil, visibility, restorable, mode);
        writable().bury(tombstone);
        return OperationResponseBody.of(json(tombstone));
    }

    /**
     * Restores the tombstone of an exact path or glob, given as path segments.
     *
     * @return what was removed, or {@code null} if no tombstone has that pattern
     * @throws io.github.gonefilter.tombstone.NotRestorableException if it is not restorable and {@code force} is not true
     * @throws UnsupportedOperationException if the registry cannot be written
     */
    @DeleteOperation
    public @Nullable Restored restore(@Selector(match = Selector.Match.ALL_REMAINING) String[] path,
            @Nullable Boolean force) {
        String canonical = PathCanonicalizer.canonicalizeDecoded("/" + String.join("/", path));
        return restore(PathPattern.of(PathCanonicalizer.encode(canonical)), force);
    }

    /**
     * Restores the tombstone of a regular expression, which a path cannot name.
     *
     * @return what was removed, or {@code null} if no tombstone has that expression
     * @throws IllegalArgumentException if {@code regex} is missing or invalid
     */
    @DeleteOperation
    public @Nullable Restored restoreRegex(@Nullable String regex, @Nullable Boolean force) {
        if (regex == null || regex.isEmpty()) {
            throw new IllegalArgumentException("name the tombstone to restore: DELETE /actuator/tombstones/<path or glob>,"
                    + " or /actuator/tombstones?regex=<expression> for a regular expression");
        }
        return restore(PathPattern.regex(regex), force);
    }

    private @Nullable Restored restore(PathPattern pattern, @Nullable Boolean force) {
        boolean removed = writable().restore(pattern, Boolean.TRUE.equals(force));
        return removed ? new Restored(pattern.source(), kind(pattern), true) : null;
    }

    /** The tombstone of a write operation's members, those given; see {@link #parse}. */
    static Tombstone tombstone(@Nullable Object path, @Nullable Object regex, @Nullable Object deletedAt,
            @Nullable Object reason, @Nullable Object message, @Nullable Object alternative, @Nullable Object maxAge,
            @Nullable Object goneFrom, @Nullable Object goneUntil, @Nullable Object visibility,
            @Nullable Object restorable, @Nullable Object mode) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("path", path);
        members.put("regex", regex);
        members.put("deletedAt", deletedAt);
        members.put("reason", reason);
        members.put("message", message);
        members.put("alternative", alternative);
        members.put("maxAge", maxAge);
        members.put("goneFrom", goneFrom);
        members.put("goneUntil", goneUntil);
        members.put("visibility", visibility);
        members.put("restorable", restorable);
        members.put("mode", mode);
        members.values().removeIf(Objects::isNull);
        return parse(members);
    }

    /**
     * Reads a tombstone from JSON members exactly as a tombstone file's entry is read. Actuator's web layer hands
     * over every member as text, so {@code "true"} and {@code "false"} for {@code restorable} count as the booleans
     * (any other text is reported as the file reader reports it); {@code maxAge} as text is read as in a file.
     */
    static Tombstone parse(Map<String, ?> members) {
        ObjectNode node = JSON.valueToTree(members);
        if (node.get("restorable") != null && node.get("restorable").isTextual()) {
            String text = node.get("restorable").textValue();
            if (text.equals("true") || text.equals("false")) {
                node.put("restorable", Boolean.parseBoolean(text));
            }
        }
        return TombstoneJson.fromJsonString(node.toString());
    }

    private WritableTombstoneRegistry writable() {
        if (registry instanceof WritableTombstoneRegistry w) {
            return w;
        }
        throw new UnsupportedOperationException("the tombstone registry (" + registry.description()
                + ") is read-only: change its source instead");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Tombstone t) {
        return JSON.convertValue(TombstoneJson.toJson(t), LinkedHashMap.class);
    }

    private static String kind(PathPattern pattern) {
        if (pattern instanceof PathPattern.Exact) {
            return "exact";
        }
        return pattern instanceof PathPattern.Glob ? "glob" : "regex";
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * What {@code GET /actuator/tombstones} answers.
     *
     * @param listed    how many tombstones {@code list()} holds (a compact shared registry lists fewer than its size)
     * @param offset    the first entry of {@code tombstones} in that list
     * @param limit     the most entries asked for
     * @param tombstones the entries, as in a tombstone file
     */
    public record RegistryReport(String kind, String source, String state, boolean writable, int size,
            Map<String, Integer> byVisibility, @Nullable String lastLoaded, @Nullable String lastError,
            @Nullable String lastErrorAt, int listed, int offset, int limit, List<Map<String, Object>> tombstones)
            implements OperationResponseBody {
    }

    /**
     * Which tombstone answers a path and why.
     *
     * @param path      the canonical path asked about
     * @param pattern   the tombstone's path, glob or expression
     * @param kind      {@code exact}, {@code glob} or {@code regex}
     * @param inForce   whether it applies now, rather than being scheduled
     * @param status    what a GET gets now: 410, 451 or 404; {@code null} while only scheduled
     * @param answer    what the filter does with a request for the path now
     * @param why       why this tombstone, of all that may match
     * @param tombstone the tombstone, as in a tombstone file
     */
    public record Explanation(String path, String pattern, String kind, boolean inForce, @Nullable Integer status,
            String answer, String why, Map<String, Object> tombstone) implements OperationResponseBody {
    }

    /** What a restore removed. */
    public record Restored(String pattern, String kind, boolean restored) implements OperationResponseBody {
    }
}
