package io.github.gonefilter;

import io.github.gonefilter.internal.response.GoneResponseWriter;
import io.github.gonefilter.internal.registry.CompactPaths;
import io.github.gonefilter.internal.servlet.AsyncCompletion;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.NotRestorableException;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.Visibility;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Fallback mode: the request goes to the application first, through a {@link FallbackResponse} that answers for the
 * tombstone at the moment the application sets 404; whatever else the application answers passes untouched and, if
 * it is a success to GET or HEAD, is reported as live content (one WARNING per path, the listeners, and with
 * {@code autoRestore} the restore of a restorable exact-path tombstone).
 */
final class Fallback {

    private static final System.Logger LOG = System.getLogger(GoneFilter.class.getName());
    /**
     * Paths warned about per tombstone: a glob over a catch-all page must not use up the budget of the others, nor
     * let a client write the log.
     */
    private static final int MAX_WARNED_PER_TOMBSTONE = 16;
    /** Tombstones warned about, bounded: memory stays flat whatever clients request. */
    private static final int MAX_WARNED_TOMBSTONES = 1024;
    private static final String NOT_RESTORABLE = "; the tombstone is not restorable: restore it by force or remove it";

    private final TombstoneRegistry registry;
    private final GoneResponseWriter writer;
    private final List<GoneListener> listeners;
    private final boolean autoRestore;
    private final Map<String, Set<String>> warned = new ConcurrentHashMap<>();
    private final AtomicBoolean warningsSuppressed = new AtomicBoolean();

    Fallback(TombstoneRegistry registry, GoneResponseWriter writer, List<GoneListener> listeners, boolean autoRestore) {
        this.registry = registry;
        this.writer = writer;
        this.listeners = listeners;
        this.autoRestore = autoRestore;
    }

    /** Runs the chain for a request that {@code gone} governs in fallback mode. */
    void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Decision.Gone gone)
            throws IOException, ServletException {
        if (gone.announced() != null) {
            // Before the chain, as for a never-existing path beside it: whatever the answer is, it carries them.
            writer.announce(request, response, gone.announced());
        }
        FallbackResponse wrapped = new FallbackResponse(request, response, gone, this);
        try {
            chain.doFilter(request, wrapped);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!wrapped.answered()) {
                throw e;
            }
            // The tombstone's answer stands: what the application does after its 404 (forward to its own page,
            // fail) is discarded like its body, and must not turn the 410 into a 500.
            LOG.log(Level.DEBUG, "The application failed after the tombstone answered its 404: " + e);
        }
        if (request.isAsyncStarted()) {
            // The application answers later, on another thread: the wrapper still intercepts its 404; the rest
            // is judged when the request completes.
            AsyncCompletion.whenComplete(request, response, wrapped::finished);
        } else {
            wrapped.finished();
        }
    }

    /** Writes the tombstone's answer in place of the application's 404; the status written. */
    int answer(HttpServletRequest request, HttpServletResponse response, Decision.Gone gone)
            throws IOException, ServletException {
        int status = writer.writeGone(request, response, gone.tombstone(), gone.path(), gone.now(), true);
        GoneFilter.notifyListeners(listeners, new GoneEvent(request.getMethod(), gone.path(), status, gone.tombstone(),
                gone.now()));
        return status;
    }

    /**
     * The application answered {@code status} for a path {@code gone}'s tombstone covers: live content if it is a
     * GET or HEAD answered with 2xx. A redirect is not: a login redirect, a "not found, go home" or a trailing-slash
     * redirect says nothing about content at this path.
     */
    void applicationAnswered(HttpServletRequest request, Decision.Gone gone, int status) {
        Tombstone t = gone.tombstone();
        if (CompactPaths.isDetailless(t)) {
            // Compact mode: the details may have arrived while the application answered.
            t = registry.find(gone.path(), gone.now()).orElse(t);
        }
        GoneEvent event = new GoneEvent(request.getMethod(), gone.path(), status, t, gone.now());
        if (status == HttpServletResponse.SC_NOT_FOUND && t.visibility() == Visibility.NOT_FOUND) {
            GoneFilter.notifyListeners(listeners, event); // the application's own 404 is this tombstone's answer
            return;
        }
        if (status < 200 || status >= 300) {
            return; // an error or a redirect is not live content: it must not restore anything
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return; // a 204 to DELETE or a 201 to PUT says nothing about content being served there
        }
        GoneFilter.notifyEach(listeners, listener -> listener.onLiveContent(event));
        String path = PathCanonicalizer.toUriPath(gone.path()); // encoded: a path must not forge log lines
        // Without its details, whether a tombstone is restorable is the registry's to say.
        boolean mayRestore = t.restorable() || CompactPaths.isDetailless(t);
        if (autoRestore && mayRestore && t.pattern() instanceof PathPattern.Exact
                && registry instanceof WritableTombstoneRegistry writable) {
            restore(writable, t, path, status);
        } else {
            Tombstone warned = t;
            warnOnce(t, path, () -> live(warned, path, status) + hint(warned));
        }
    }

    private void restore(WritableTombstoneRegistry registry, Tombstone t, String path, int status) {
        try {
            if (registry.restore(t.pattern(), false)) {
                LOG.log(Level.WARNING, live(t, path, status) + "; restored the tombstone (autoRestore)");
            }
        } catch (NotRestorableException e) {
            warnOnce(t, path, () -> live(t, path, status) + NOT_RESTORABLE);
        } catch (RuntimeException e) {
            // A read-only registry refuses every time: once per path, like the warning it stands for.
            warnOnce(t, path, () -> live(t, path, status) + "; restoring the tombstone failed: " + e);
        }
    }

    /** The warning's subject; an erasure's path is private, so it is never named. */
    private static String live(Tombstone t, String path, int status) {
        return t.visibility() == Visibility.NOT_FOUND
                ? "an erased path (visibility not_found) is tombstoned but the application served " + status
                : "path " + path + " is tombstoned but the application served " + status;
    }

    private static String hint(Tombstone t) {
        if (CompactPaths.isDetailless(t)) {
            return "; restore or remove it (its details are not loaded yet)";
        }
        if (!t.restorable()) {
            return NOT_RESTORABLE;
        }
        if (t.pattern() instanceof PathPattern.Exact) {
            return "; restore it, or set autoRestore";
        }
        return "; narrow or restore the tombstone" + (t.visibility() == Visibility.NOT_FOUND ? "" : " " + t.pattern().key());
    }

    /**
     * Logs {@code message} the first time {@code path} serves live content under {@code t}: at most
     * {@value #MAX_WARNED_PER_TOMBSTONE} paths per tombstone, then one line saying more were seen.
     */
    private void warnOnce(Tombstone t, String path, Supplier<String> message) {
        String key = t.pattern().key();
        Set<String> paths = warned.get(key);
        if (paths == null) {
            if (warned.size() >= MAX_WARNED_TOMBSTONES) {
                if (warningsSuppressed.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "more than " + MAX_WARNED_TOMBSTONES + " tombstones served live content;"
                            + " further ones are not logged (listeners still hear each)");
                }
                return;
            }
            paths = warned.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        }
        if (paths.contains(path) || paths.size() > MAX_WARNED_PER_TOMBSTONE) {
            return;
        }
        if (paths.size() == MAX_WARNED_PER_TOMBSTONE) {
            if (paths.add("")) { // the marker: the line below is written once
                LOG.log(Level.WARNING, "more than " + MAX_WARNED_PER_TOMBSTONE + " paths under one tombstone"
                        + (t.visibility() == Visibility.NOT_FOUND ? "" : " " + t.pattern().key())
                        + " served live content; further ones are not logged (listeners still hear each)");
            }
            return;
        }
        if (paths.add(path)) {
            LOG.log(Level.WARNING, message.get());
        }
    }
}
