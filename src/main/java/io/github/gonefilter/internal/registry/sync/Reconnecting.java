package io.github.gonefilter.internal.registry.sync;

import io.github.gonefilter.internal.registry.Threads;
import java.lang.System.Logger.Level;

/**
 * A thread that holds one connection listening for a store's change notices (PostgreSQL {@code LISTEN}, Redis
 * {@code SUBSCRIBE}) and reconnects after failures: after 0.5 s, then twice as long each time up to 10 s, and
 * after 0.5 s again once a connection has worked. Polling covers the gaps.
 */
public abstract class Reconnecting implements Runnable, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Reconnecting.class.getName());
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final String what;
    private volatile boolean closed;
    private volatile long backoffMillis = FIRST_BACKOFF_MILLIS;

    /** @param what names the subscription in logs and its thread, such as {@code LISTEN channel} */
    protected Reconnecting(String what) {
        this.what = what;
    }

    /** Starts listening on a daemon thread of its own; closing the result stops it. */
    public final AutoCloseable start(String threadName) {
        Threads.start(threadName, this);
        return this;
    }

    @Override
    public final void run() {
        while (!closed) {
            try {
                listen();
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                LOG.log(Level.DEBUG, what + " failed; retrying", e);
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                return;
            }
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
        }
    }

    /**
     * Connects and listens until the connection ends or {@link #close()} is called; calls {@link #connected()}
     * once it listens.
     */
    protected abstract void listen() throws Exception;

    /** Ends a {@link #listen()} in progress from another thread, without waiting for it. */
    protected abstract void interrupt();

    /** The connection works: the next failure is retried soon. */
    protected final void connected() {
        backoffMillis = FIRST_BACKOFF_MILLIS;
    }

    /** Stops for good, from {@link #listen()}: there is nothing to listen to. */
    protected final void giveUp() {
        closed = true;
    }

    protected final boolean closed() {
        return closed;
    }

    /** Stops listening without waiting for the thread. */
    @Override
    public final void close() {
        closed = true;
        interrupt();
    }
}
