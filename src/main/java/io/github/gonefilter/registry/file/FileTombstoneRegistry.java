package io.github.gonefilter.registry.file;

import io.github.gonefilter.internal.registry.AtomicFiles;
import io.github.gonefilter.internal.registry.SnapshotTombstoneRegistry;
import io.github.gonefilter.internal.registry.Threads;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tombstones from a JSON or CSV file, given as a filesystem path, a {@code file:} URL, a
 * {@code classpath:} resource, or any other URL (read-only, not reloaded). The file is checked for changes
 * every {@link Builder#reloadInterval reload interval} and reloaded without a restart, once it has settled:
 * a file is loaded only when its size and modification time were the same at two checks in a row and while
 * it was read. A broken file at construction throws {@link TombstoneFileException}; a broken, incomplete
 * (a CSV file whose last line has no terminator) or deleted file at reload is logged once with the same
 * message and the last good set stays in force. A file that does not exist yet, in a directory the process
 * may write, starts as an empty set and is created by the first {@link #bury}. Files on the filesystem are
 * writable through {@link #bury} and {@link #restore}, and each write replaces the file atomically.
 */
public final class FileTombstoneRegistry extends SnapshotTombstoneRegistry implements WritableTombstoneRegistry {

    /** How often the file is checked for changes unless configured otherwise. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(FileTombstoneRegistry.class.getName());

    private final String location;
    private final Path file;
    private final URL url;
    private final TombstoneFileFormat format;
    private final ScheduledExecutorService reloader;
    private final Object lock = new Object();
    private Stamp loadedStamp;
    private Stamp failedStamp;
    /** What the last background check saw, to tell a file that has settled from one being written. */
    private Stamp seenStamp;

    private FileTombstoneRegistry(Builder builder) {
        super(builder.caseSensitive);
        this.location = builder.location;
        ClassLoader loader = builder.classLoader != null ? builder.classLoader : defaultClassLoader();
        Path resolvedFile = null;
        URL resolvedUrl = null;
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/+", "");
            resolvedUrl = loader.getResource(resource);
            if (resolvedUrl == null) {
                throw new TombstoneFileException(location, 0, 0, "no such resource on the classpath", null);
            }
            if ("file".equals(resolvedUrl.getProtocol())) {
                resolvedFile = toPath(resolvedUrl); // e.g. target/classes during development: reloadable
            }
        } else if (location.startsWith("file:")) {
            try {
                resolvedFile = Path.of(new URL(location).toURI());
            } catch (IOException | URISyntaxException | IllegalArgumentException e) {
                throw new TombstoneFileException(location, 0, 0, "not a valid file: URL", e);
            }
        } else if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            // Any other URL, such as a resource inside a WAR the container did not expand: read-only, no reload.
            try {
                resolvedUrl = new URL(location);
            } catch (IOException e) {
                throw new TombstoneFileException(location, 0, 0, "not a valid URL: " + e.getMessage(), e);
            }
        } else {
            resolvedFile = Path.of(location);
        }
        this.file = resolvedFile == null ? null : resolvedFile.toAbsolutePath();
        this.url = resolvedUrl;
        this.format = builder.format != null ? builder.format : TombstoneFileFormat.forName(location);
        synchronized (lock) {
            load(true);
        }
        Duration interval = builder.reloadInterval;
        if (file != null && !interval.isZero()) {
            reloader = Executors.newSingleThreadScheduledExecutor(Threads.daemons("gone-filter-reload " + location, false));
            long millis = Math.max(1, interval.toMillis());
            reloader.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            reloader = null;
        }
    }

    /** Starts a registry for a filesystem path, {@code file:} URL or {@code classpath:} resource. */
    public static Builder builder(String location) {
        return new Builder(location);
    }

    /** A registry for {@code location} with default settings. */
    public static FileTombstoneRegistry of(String location) {
        return builder(location).build();
    }

    /** The configured location. */
    public String location() {
        return location;
    }

    @Override
    public String description() {
        return "file " + location;
    }

    @Override
    protected String kind() {
        return "file";
    }

    /** Whether {@link #bury} and {@link #restore} can write the file: true for files on the filesystem. */
    public boolean writable() {
        return file != null && url == null;
    }

    /**
     * Rereads the file now if it changed since the last load, without waiting for it to settle as the
     * background checks do.
     *
     * @return whether a new set of tombstones was loaded; false also if the file changed while it was read
     * @throws TombstoneFileException if the file is broken, incomplete or gone; the last good set stays in force
     */
    public boolean reload() {
        synchronized (lock) {
            return load(false);
        }
    }

    @Override
    public void bury(Tombstone tombstone) {
        Objects.requireNonNull(tombstone, "tombstone");
        synchronized (lock) {
            requireWritable();
            write(snapshotPlus(List.of(tombstone)), written(TombstoneChange.Kind.ADDED, List.of(tombstone)));
        }
    }

    @Override
    public boolean restore(PathPattern pattern, boolean force) {
        synchronized (lock) {
            requireWritable();
            Tombstone removed = held(pattern);
            List<Tombstone> next = snapshotMinus(pattern, force);
            if (next == null) {
                return false;
            }
            write(next, written(TombstoneChange.Kind.REMOVED, List.of(removed)));
            return true;
        }
    }

    @Override
    public void close() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }

    /**
     * The background check: loads a changed file once it looked the same at two checks in a row. Runs every
     * reload interval; package-private so tests can run checks one by one.
     */
    void check() {
        try {
            synchronized (lock) {
                Stamp now = stamp();
                boolean settled = now.equals(seenStamp);
                seenStamp = now;
                if (settled) {
                    load(false);
                }
            }
        } catch (TombstoneFileException e) {
            // Logged once per broken version of the file, not every interval.
            LOG.log(Level.ERROR, "Keeping the last good tombstones (" + snapshot().size()
                    + "): " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Reloading tombstones from " + location + " failed; keeping the last good set", e);
        }
    }

    /**
     * Loads the file if it changed (or always if {@code initial}), recording the outcome for {@link #status()} and
     * the listeners; caller holds {@link #lock}.
     */
    private boolean load(boolean initial) {
        try {
            boolean loaded = read(initial);
            if (loaded || stamp().equals(loadedStamp)) {
                // An unchanged file checked is as current as one just read: staleness stays within the interval.
                failedStamp = null;
                events().loaded();
            }
            return loaded;
        } catch (TombstoneFileException e) {
            events().failed(e);
            throw e;
        }
    }

    /** {@link #load} without the bookkeeping. */
    private boolean read(boolean initial) {
        Stamp stamp = stamp();
        if (!initial && (stamp.equals(loadedStamp) || stamp.equals(failedStamp))) {
            return false;
        }
        List<Tombstone> tombstones;
        try (Reader reader = new InputStreamReader(open(), StandardCharsets.UTF_8)) {
            tombstones = format.read(location, reader);
        } catch (NoSuchFileException e) {
            if (initial && creatable()) {
                LOG.log(Level.INFO, "Tombstone file " + location + " does not exist yet: starting with no tombstones;"
                        + " the first bury creates it, and it is loaded when it appears");
                replaceSnapshot(List.of(), List.of());
                loadedStamp = stamp;
                return true;
            }
            failedStamp = stamp;
            throw new TombstoneFileException(location, 0, 0, "file not found: " + e.getFile() + (initial
                    ? " (and its directory does not exist or is not writable, so it cannot be created)" : ""), e);
        } catch (IOException e) {
            failedStamp = stamp;
            throw new TombstoneFileException(location, 0, 0, "cannot read: " + e, e);
        } catch (TombstoneFileException e) {
            failedStamp = stamp;
            throw e;
        }
        if (!initial && !stamp.equals(stamp())) {
            return false; // written to while it was read: the next check reads it again
        }
        replaceSnapshotReportingDifference(tombstones, TombstoneChange.Cause.RELOAD);
        loadedStamp = stamp;
        failedStamp = null;
        if (!initial) {
            LOG.log(Level.INFO, "Reloaded " + tombstones.size() + " tombstones from " + location);
        }
        return true;
    }

    /** Whether a missing file could be created by {@link #bury}: its (real) directory exists and is writable. */
    private boolean creatable() {
        if (!writable()) {
            return false;
        }
        try {
            Path dir = AtomicFiles.realTarget(file).getParent();
            return dir != null && Files.isDirectory(dir) && Files.isWritable(dir);
        } catch (IOException e) {
            return false;
        }
    }

    private InputStream open() throws IOException {
        return url != null && file == null ? url.openStream() : Files.newInputStream(file);
    }

    private Stamp stamp() {
        if (file == null) {
            return new Stamp(0, -1, null);
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            return new Stamp(-1, -1, null);
        } catch (IOException e) {
            return new Stamp(-2, -1, null);
        }
    }

    private void requireWritable() {
        if (!writable()) {
            throw new UnsupportedOperationException("tombstones from " + location
                    + " are read-only; give a filesystem path to change them at run time");
        }
    }

    /** Replaces the file's content with {@code tombstones} atomically, keeping its mode and symbolic links. */
    private void write(List<Tombstone> tombstones, List<TombstoneChange> changes) {
        byte[] text = format.write(tombstones).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.write(file, out -> out.write(text));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write tombstones to " + file, e);
        }
        replaceSnapshot(tombstones, changes);
        loadedStamp = stamp();
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : FileTombstoneRegistry.class.getClassLoader();
    }

    private record Stamp(long modifiedNanos, long size, Object fileKey) {
    }

    /** Configures a {@link FileTombstoneRegistry}. */
    public static final class Builder {
        private final String location;
        private boolean caseSensitive = true;
        private Duration reloadInterval = DEFAULT_RELOAD_INTERVAL;
        private TombstoneFileFormat format;
        private ClassLoader classLoader;

        private Builder(String location) {
            Objects.requireNonNull(location, "location");
            if (location.isBlank()) {
                throw new IllegalArgumentException("location must not be blank");
            }
            this.location = location.trim();
        }

        /** Whether paths match case-sensitively; default true. */
        public Builder caseSensitive(boolean caseSensitive) {
            this.caseSensitive = caseSensitive;
            return this;
        }

        /** How often to check the file for changes; {@link Duration#ZERO} never reloads. Default 5 seconds. */
        public Builder reloadInterval(Duration interval) {
            Objects.requireNonNull(interval, "reloadInterval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("reloadInterval must not be negative but was " + interval);
            }
            this.reloadInterval = interval;
            return this;
        }

        /** The file format; by default CSV for names ending in {@code .csv}, JSON otherwise. */
        public Builder format(TombstoneFileFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Where {@code classpath:} locations are looked up; default the thread's context class loader. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /**
         * Loads the file and starts watching it. A file that does not exist yet, in a directory the process may
         * write, starts as an empty set (logged at INFO).
         *
         * @throws TombstoneFileException if the file is broken or incomplete, cannot be read, or is missing
         *     where it cannot be created (a {@code classpath:} resource, a directory that does not exist)
         */
        public FileTombstoneRegistry build() {
            return new FileTombstoneRegistry(this);
        }
    }
}
