package io.github.gonefilter;

import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.purge.CachePurging;
import io.github.gonefilter.registry.sync.RegistryUnavailableException;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.Visibility;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Decides, in one call, what the filter does with a request: which spellings of its path to look up, in which
 * registry, at what time, and whether the tombstone found applies to its method. Reads the clock only when the
 * registry says a spelling may match. The spellings are also what the surrogate keys of cache purging are made of.
 */
final class RequestResolver {

    private final TombstoneRegistry registry;
    private final MethodRule methods;
    private final Set<DispatcherType> dispatcherTypes;
    private final boolean announceScheduled;
    private final Clock clock;
    private final CachePurging purging;
    private final List<String> excludedPaths;

    RequestResolver(TombstoneRegistry registry, MethodRule methods, Set<DispatcherType> dispatcherTypes,
            boolean announceScheduled, Clock clock, CachePurging purging, List<String> excludedPaths) {
        this.excludedPaths = List.copyOf(excludedPaths);
        this.registry = registry;
        this.methods = methods;
        this.dispatcherTypes = dispatcherTypes;
        this.announceScheduled = announceScheduled;
        this.clock = clock;
        this.purging = purging;
    }

    MethodRule methods() {
        return methods;
    }

    Set<DispatcherType> dispatcherTypes() {
        return dispatcherTypes;
    }

    /**
     * The decision for {@code request}. Each spelling of its path (the container's, and the request URI's when a
     * framework may read it differently) is looked up at most once, and only if the registry says it may match;
     * a tombstone in force beats a scheduled one, and the container's spelling wins a tie. Before anything is
     * written, {@code response} gets the surrogate keys of the spellings, if purging asks for them, whatever the
     * decision: the caches in front must be able to purge a live page as well as a 410.
     */
    Decision resolve(HttpServletRequest request, HttpServletResponse response) {
        if (!dispatcherTypes.contains(request.getDispatcherType()) || !methods.applies(request.getMethod())) {
            return Decision.PASS;
        }
        String path;
        String rawPath;
        try {
            path = containerPath(request);
            rawPath = rawPath(request, path);
        } catch (RuntimeException e) {
            // The container calls the path ambiguous or it is not valid UTF-8: refuse, never guess.
            return new Decision.BadRequest(clock.instant());
        }
        if (!excludedPaths.isEmpty() && excluded(path) && (rawPath == null || excluded(rawPath))) {
            return Decision.PASS; // every spelling is under an excluded prefix, so no framework routes it elsewhere
        }
        purging.tag(response, path, rawPath); // nothing, not even a volatile read, unless surrogate keys are on
        try {
            return lookUp(request.getMethod(), path, rawPath);
        } catch (RegistryUnavailableException e) {
            return new Decision.Unavailable(clock.instant());
        }
    }

    private Decision lookUp(String method, String path, String rawPath) {
        Instant now = null;
        Tombstone scheduled = null;
        String scheduledSpelling = null;
        for (int i = 0; i < 2; i++) {
            String spelling = i == 0 ? path : rawPath; // no array: a live path allocates nothing
            if (spelling == null || !registry.mayMatch(spelling)) {
                continue; // the common case: nothing could match, not even later; no clock read
            }
            if (now == null) {
                now = clock.instant();
            }
            Tombstone found = registry.find(spelling, now).orElse(null);
            if (found == null) {
                continue;
            }
            if (found.isActiveAt(now)) {
                if (found.visibility() == Visibility.NOT_FOUND) {
                    return erased(found, spelling, now, method);
                }
                return new Decision.Gone(found, spelling, now);
            }
            if (scheduled == null) {
                scheduled = found;
                scheduledSpelling = spelling;
            }
        }
        if (scheduled != null && scheduled.visibility() == Visibility.NOT_FOUND) {
            // A scheduled erasure announces nothing of its own, but a path beside it hears a broader schedule.
            scheduled = registry.findBeyondErasures(scheduledSpelling, now).orElse(null);
        }
        return scheduled != null && announceScheduled ? new Decision.Announce(scheduled) : Decision.PASS;
    }

    private boolean excluded(String canonicalPath) {
        for (String prefix : excludedPaths) {
            if (canonicalPath.startsWith(prefix)
                    && (canonicalPath.length() == prefix.length() || canonicalPath.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    /**
     * An erased path answers as if its {@code not_found} tombstone did not exist but its data were gone, so that
     * no method tells it from a path that never existed beside it: the tombstone such a path gets (a broader
     * {@code gone} or {@code legal} glob in force answers every method; a scheduled one announces itself);
     * else GET and HEAD get the container's own 404, even if a stale copy is still around, and every other
     * method goes to the application, whose data is already erased: its answer for a missing resource (405,
     * 501, its own 404, an {@code Allow} header) is what a never-existing path gets.
     */
    private Decision erased(Tombstone erasure, String spelling, Instant now, String method) {
        Tombstone beside = registry.findBeyondErasures(spelling, now).orElse(null);
        if (beside != null && beside.isActiveAt(now)) {
            return new Decision.Gone(beside, spelling, now);
        }
        Tombstone announced = beside != null && announceScheduled ? beside : null;
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return new Decision.Gone(erasure, spelling, now, announced);
        }
        return announced != null ? new Decision.Announce(announced) : Decision.PASS;
    }

    /** The path the container routes on: servlet path plus path info, already decoded, canonicalized. */
    static String containerPath(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null ? servletPath : servletPath + pathInfo;
        return PathCanonicalizer.canonicalizeDecoded(path == null || path.isEmpty() ? "/" : path);
    }

    /**
     * The path as spelled in the request URI, canonicalized independently of the container, or
     * {@code null} when it is the same as {@code containerPath} (the common case, checked without
     * allocating). Frameworks such as Spring MVC route on the request URI, so a spelling that the container
     * and the framework read differently is checked both ways.
     */
    static String rawPath(HttpServletRequest request, String containerPath) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri.length() == context.length() + containerPath.length() && uri.startsWith(context)
                && uri.startsWith(containerPath, context.length())
                && uri.indexOf('%') < 0 && uri.indexOf(';') < 0) {
            return null; // spelled exactly as the container routed it, and nothing in it decodes differently
        }
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            int slash = uri.indexOf('/', uri.indexOf("//") + 2);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        String canonicalUri = PathCanonicalizer.canonicalizeEncoded(uri.isEmpty() ? "/" : uri);
        String canonicalContext = context.isEmpty() ? "" : PathCanonicalizer.canonicalizeEncoded(context);
        String candidate;
        if (canonicalContext.isEmpty() || canonicalContext.equals("/")) {
            candidate = canonicalUri;
        } else if (canonicalUri.equals(canonicalContext)) {
            candidate = "/";
        } else if (canonicalUri.startsWith(canonicalContext + "/")) {
            candidate = canonicalUri.substring(canonicalContext.length());
        } else {
            return null; // spelled in a way we cannot relate to the context; the container's view stands
        }
        return candidate.equals(containerPath) ? null : candidate;
    }
}
