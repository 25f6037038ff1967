package io.github.gonefilter;

import io.github.gonefilter.internal.response.GoneResponseWriter;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import io.github.gonefilter.tombstone.Visibility;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fallback mode: the request goes to the application first, through a {@link FallbackResponse} that answers for the
 * tombstone at the moment the application sets 404; whatever else the application answers passes untouched and, if
 * it is a success or a redirect, is reported as live content (one WARNING per path, the listeners, and with
 * {@code autoRestore} the restore of a restorable exact-path tombstone).
 */
final class Fallback {

    private static final System.Logger LOG = System.getLogger(GoneFilter.class.getName());
    /** Paths warned about, bounded: a glob tombstone over live content must not grow memory without limit. */
    private static final int MAX_WARNED = 1024;

    private final TombstoneRegistry registry;
    private final GoneResponseWriter writer;
    private final List<GoneListener> listeners;
    private final boolean autoRestore;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
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
        FallbackResponse wrapped = new FallbackResponse(request, response, gone, this);
        chain.doFilter(request, wrapped);
        if (request.isAsyncStarted()) {
            // The application answers later, on another thread: the wrapper still intercepts its 404; the rest
            // is judged when the request completes.
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    wrapped.finished();
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                }

                @Override
                public void onError(AsyncEvent event) {
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    event.getAsyncContext().addListener(this);
                }
            });
        } else {
            wrapped.finished();
        }
    }

    /** Writes the tombstone's answer in place of the application's 404; the status written. */
    int answer(HttpServletRequest request, HttpServletResponse response, Decision.Gone gone)
            throws IOException, ServletException {
        int status = writer.writeGone(request, response, gone.tombstone(), gone.path(), gone.now());
        GoneFilter.notifyListeners(listeners, new GoneEvent(request.getMethod(), gone.path(), status, gone.tombstone(),
                gone.now()));
        return status;
    }

    /**
     * The application answered {@code status} for a path {@code gone}'s tombstone covers: live content if it is a
     * GET or HEAD answered with 2xx or 3xx.
     */
    void applicationAnswered(HttpServletRequest request, Decision.Gone gone, int status) {
        Tombstone t = gone.tombstone();
        GoneEvent event = new GoneEvent(request.getMethod(), gone.path(), status, t, gone.now());
        if (status == HttpServletResponse.SC_NOT_FOUND && t.visibility() == Visibility.NOT_FOUND) {
            GoneFilter.notifyListeners(listeners, event); // the application's own 404 is this tombstone's answer
            return;
        }
        if (status < 200 || status >= 400) {
            return; // an error is not live content: a failing page must not restore anything
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return; // a 204 to DELETE or a 201 to PUT says nothing about content being served there
        }
        for (GoneListener listener : listeners) {
            try {
                listener.onLiveContent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "GoneListener " + listener.getClass().getName() + " failed", e);
            }
        }
        String path = PathCanonicalizer.toUriPath(gone.path()); // encoded: a path must not forge log lines
        if (autoRestore && t.restorable() && t.pattern() instanceof PathPattern.Exact
                && registry instanceof WritableTombstoneRegistry writable) {
            restore(writable, t, path, status);
        } else {
            warnOnce(path, t, status);
        }
    }

    private void restore(WritableTombstoneRegistry registry, Tombstone t, String path, int status) {
        try {
            if (registry.restore(t.pattern(), false)) {
                LOG.log(Level.WARNING, "path " + path + " is tombstoned but the application served " + status
                        + "; restored the tombstone (autoRestore)");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "path " + path + " is tombstoned but the application served " + status
                    + "; restoring the tombstone failed: " + e);
        }
    }

    private void warnOnce(String path, Tombstone t, int status) {
        if (warned.size() >= MAX_WARNED) {
            if (warningsSuppressed.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "more than " + MAX_WARNED + " tombstoned paths served live content;"
                        + " further paths are not logged (listeners still hear each)");
            }
            return;
        }
        if (warned.add(path)) {
            String hint = !t.restorable() ? "; the tombstone is not restorable: restore it by force or remove it"
                    : t.pattern() instanceof PathPattern.Exact ? "; restore it, or set autoRestore"
                    : "; narrow or restore the tombstone " + t.pattern().key();
            LOG.log(Level.WARNING, "path " + path + " is tombstoned but the application served " + status + hint);
        }
    }
}
