package io.github.gonefilter.internal.registry.sync;

import io.github.gonefilter.internal.registry.AtomicFiles;
import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.tombstone.Tombstone;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The snapshot a node keeps on local disk, to start from when its store is unreachable. Binary, format 2:
 * <pre>
 * int magic "GONE", int format 2, UTF source, boolean caseSensitive, long version,
 * int n, n x (int length, UTF-8 JSON of a tombstone), int fingerprints (-1: not compact), fingerprints x long,
 * long CRC-32C of every byte before it
 * </pre>
 * Reading trusts nothing: every count is checked against the bytes that remain before anything is
 * allocated for it, and the checksum and the end of the file are checked before the contents are handed
 * out, so a damaged file (flipped bytes, truncation, absurd counts) is an {@link IOException}, never an
 * {@code OutOfMemoryError} or a half-loaded set.
 */
public final class SnapshotFile {

    private static final int MAGIC = 0x474f4e45; // "GONE"
    static final int FORMAT = 2; // 1 had no checksum and folded case with toLowerCase

    private final Path file;
    private final String source;
    private final boolean caseSensitive;

    SnapshotFile(Path file, String source, boolean caseSensitive) {
        this.file = file;
        this.source = source;
        this.caseSensitive = caseSensitive;
    }

    Path path() {
        return file;
    }

    /** What a snapshot file holds: the tombstones held in full and, in compact mode, the fingerprints. */
    public record Contents(List<Tombstone> tombstones, CompactPathSet fingerprints) {
    }

    /** Replaces the file atomically (a temporary file, then a rename). */
    void write(long version, Collection<Tombstone> held, CompactPathSet compact) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32C());
                DataOutputStream out = new DataOutputStream(checked);
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(source);
                out.writeBoolean(caseSensitive);
                out.writeLong(version);
                out.writeInt(held.size());
                for (Tombstone t : held) {
                    byte[] json = TombstoneJson.toJsonString(t).getBytes(StandardCharsets.UTF_8);
                    out.writeInt(json.length);
                    out.write(json);
                }
                out.writeInt(compact == null ? -1 : compact.size());
                if (compact != null) {
                    IOException[] failure = {null};
                    compact.forEach(fp -> {
                        try {
                            out.writeLong(fp);
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    });
                    if (failure[0] != null) {
                        throw failure[0];
                    }
                }
                out.flush();
                new DataOutputStream(raw).writeLong(checked.getChecksum().getValue()); // not part of the sum
            }
            AtomicFiles.moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads the whole file and checks it.
     *
     * @throws IOException naming what is wrong and where, for any damage or a file of another source
     */
    Contents read() throws IOException {
        long size = Files.size(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32C());
            Counting counting = new Counting(checked, size);
            DataInputStream in = new DataInputStream(counting);
            if (in.readInt() != MAGIC) {
                throw new IOException("not a gone-filter snapshot file");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException("it has format " + format + ", this version reads format " + FORMAT);
            }
            String fileSource = in.readUTF();
            if (!fileSource.equals(source)) {
                throw new IOException("it holds tombstones of " + fileSource + ", not " + source);
            }
            boolean fileCaseSensitive = in.readBoolean();
            long version = in.readLong();
            if (version < 0) {
                throw damaged(counting, "negative version " + version);
            }
            int n = count(in, counting, 4, "tombstone count");
            List<Tombstone> tombstones = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int length = count(in, counting, 1, "length of tombstone " + i);
                byte[] json = in.readNBytes(length);
                if (json.length < length) {
                    throw damaged(counting, "it ends inside tombstone " + i);
                }
                try {
                    tombstones.add(TombstoneJson.fromJsonString(new String(json, StandardCharsets.UTF_8)));
                } catch (RuntimeException e) {
                    throw damaged(counting, "tombstone " + i + " is invalid: " + e.getMessage());
                }
            }
            int fps = in.readInt();
            if (fps < -1 || (long) fps * 8 > counting.remaining()) {
                throw damaged(counting, "fingerprint count " + fps + " does not fit in the "
                        + counting.remaining() + " bytes left");
            }
            CompactPathSet set = null;
            if (fps >= 0) {
                if (fileCaseSensitive != caseSensitive) {
                    throw new IOException("it was written with caseSensitive=" + fileCaseSensitive);
                }
                long[] a = new long[fps];
                for (int i = 0; i < fps; i++) {
                    a[i] = in.readLong();
                }
                set = CompactPathSet.of(a, fps);
            }
            long computed = checked.getChecksum().getValue();
            long stored = in.readLong();
            if (stored != computed) {
                throw damaged(counting, "checksum mismatch");
            }
            if (in.read() >= 0) {
                throw damaged(counting, "bytes after the checksum");
            }
            return new Contents(List.copyOf(tombstones), set);
        } catch (EOFException e) {
            throw new IOException("it is truncated (" + size + " bytes)", e);
        }
    }

    /** Reads a count of items of at least {@code minBytes} each, refusing one the remaining bytes cannot hold. */
    private static int count(DataInputStream in, Counting counting, int minBytes, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * minBytes > counting.remaining()) {
            throw damaged(counting, what + " " + n + " does not fit in the " + counting.remaining() + " bytes left");
        }
        return n;
    }

    private static IOException damaged(Counting counting, String what) {
        return new IOException("it is damaged at byte " + counting.position() + ": " + what);
    }

    /** Counts the bytes consumed, so counts read from the file can be checked against what is left. */
    private static final class Counting extends FilterInputStream {
        private final long size;
        private long position;

        Counting(InputStream in, long size) {
            super(in);
            this.size = size;
        }

        long position() {
            return position;
        }

        long remaining() {
            return Math.max(0, size - position);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            position += skipped;
            return skipped;
        }
    }
}
