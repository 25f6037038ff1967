package io.github.gonefilter.internal.registry;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The registries' background threads: daemons, named for thread dumps, without the web application's class loader. */
public final class Threads {

    private Threads() {
    }

    /** Threads named {@code name}, or {@code name-1}, {@code name-2}... when {@code numbered}. */
    public static ThreadFactory daemons(String name, boolean numbered) {
        AtomicInteger n = new AtomicInteger();
        return r -> daemon(r, numbered ? name + "-" + n.incrementAndGet() : name);
    }

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    public static Thread start(String name, Runnable work) {
        Thread t = daemon(work, name);
        t.start();
        return t;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        // Threads may start during a request: keep the web application's class loader out of them, so that a
        // redeployed application can be collected.
        t.setContextClassLoader(Threads.class.getClassLoader());
        return t;
    }
}
