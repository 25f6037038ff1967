package io.github.gonefilter.internal.registry.sync;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps a shared registry's snapshot on local disk ({@link SnapshotFile}), if it has one: reads it when the store
 * is unreachable at start-up, rewrites it in the background after every change (coalesced, never an older view
 * over a newer one), and once more when the registry closes. Failures are logged, never thrown.
 */
public final class SnapshotFileKeeper {

    private static final System.Logger LOG = System.getLogger(SnapshotFileKeeper.class.getName());

    private final SnapshotFile file; // null: none configured
    private final String source;
    private final Supplier<StoreSync.Published> current;
    private final Executor executor;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final Object lock = new Object(); // one writer at a time
    private StoreSync.Published written; // guarded by lock

    /**
     * @param file     the file, or {@code null} for none
     * @param source   the store's description, which identifies the file's contents
     * @param current  the view lookups see now
     * @param executor where background writes run (the sync thread, so writers never wait for them)
     */
    public SnapshotFileKeeper(Path file, String source, boolean caseSensitive, Supplier<StoreSync.Published> current,
            Executor executor) {
        this.file = file == null ? null : new SnapshotFile(file, source, caseSensitive);
        this.source = source;
        this.current = current;
        this.executor = executor;
        this.written = current.get(); // nothing known yet: nothing to write
    }

    /**
     * What to start from when the store is unreachable at start-up: the file's contents, or {@code null} (logged)
     * when there is no file or it cannot be read.
     */
    public SnapshotFile.Contents readAtStart() {
        if (file == null || !Files.isRegularFile(file.path())) {
            LOG.log(Level.WARNING, "Tombstone store " + source + " is unreachable at start-up and there"
                    + " is no snapshot file; starting empty until it returns");
            return null;
        }
        try {
            return file.read();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Tombstone store " + source + " is unreachable at start-up and the"
                    + " snapshot " + file.path() + " cannot be read (" + e.getMessage() + "); starting empty");
            return null;
        }
    }

    /** Logs that the node enforces {@code count} tombstones read from the file. */
    public void startedFrom(int count) {
        LOG.log(Level.WARNING, "Tombstone store " + source + " is unreachable at start-up;"
                + " enforcing " + count + " tombstones from the snapshot " + file.path() + " until it returns");
    }

    /** Writes the file soon on the executor; coalesced. */
    public void writeSoon() {
        if (file != null && requested.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    if (requested.getAndSet(false)) {
                        writeNow();
                    }
                });
            } catch (RejectedExecutionException e) {
                // closing: close() writes it
            }
        }
    }

    /**
     * Writes the newest view atomically, never waiting for a sync in progress (which may wait on an unreachable
     * store). The view is read under the lock, so a write that waited for another can never replace a newer
     * view with the older one it would have read before; a view already written is not written again.
     */
    public void writeNow() {
        if (file == null) {
            return;
        }
        synchronized (lock) {
            StoreSync.Published v = current.get();
            if (v == written) {
                return;
            }
            try {
                file.write(v.version(), v.snapshot().held(), v.fingerprints());
                written = v;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot write the tombstone snapshot " + file.path() + ": " + e);
            }
        }
    }
}
