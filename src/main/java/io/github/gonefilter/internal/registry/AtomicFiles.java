package io.github.gonefilter.internal.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replacing a file so that readers see either the old content or the new, never half of it, and so that the
 * replacement is the same file to everyone but its content: a symbolic link stays a link (its target is
 * replaced), and the mode, owner and group stay as they were.
 */
public final class AtomicFiles {

    /** Symbolic links followed at most, as the Linux kernel allows. */
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    /** What a file holds, written to the stream {@link #write} gives it. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces the file at {@code target} with {@code content}: written to a temporary file beside the real
     * file (a symbolic link is followed) that has the old file's mode, owner and group before any content goes
     * in, forced to disk, then moved over it. A file that does not exist yet is created with the process's default mode (its umask).
     */
    public static void write(Path target, Content content) throws IOException {
        Path real = realTarget(target);
        Path tmp = createTempBeside(real);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            replace(tmp, real);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Moves a fully written temporary file over {@code target}, as {@link #write} does: if {@code target} is
     * a symbolic link, its target is replaced, and the replacement keeps the mode, owner and group of the
     * file it replaces. Atomic where the filesystem allows (a temporary file in another directory than the
     * real target is first moved beside it), else a plain replace.
     */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        Path real = realTarget(target);
        Path parent = tmp.toAbsolutePath().getParent();
        if (parent != null && Files.isSameFile(parent, real.getParent())) {
            force(tmp);
            replace(tmp, real);
            return;
        }
        Path beside = createTempBeside(real);
        try {
            Files.move(tmp, beside, StandardCopyOption.REPLACE_EXISTING); // a copy if it crosses filesystems
            force(beside);
            replace(beside, real);
        } finally {
            Files.deleteIfExists(beside);
        }
    }

    /**
     * The file that a write to {@code path} must replace: {@code path} itself, or where its symbolic links
     * lead, even if the final target does not exist yet. Never a symbolic link.
     */
    public static Path realTarget(Path path) throws IOException {
        Path current = path.toAbsolutePath();
        for (int i = 0; i <= MAX_LINKS; i++) {
            if (!Files.isSymbolicLink(current)) {
                Path parent = current.getParent();
                if (parent != null && Files.isDirectory(parent)) {
                    // Directories may be links too: resolve them, so the temporary file is really beside the file.
                    return parent.toRealPath().resolve(current.getFileName());
                }
                return current;
            }
            Path link = Files.readSymbolicLink(current);
            Path parent = current.getParent();
            current = parent == null ? link : (Files.isDirectory(parent) ? parent.toRealPath() : parent).resolve(link);
        }
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
    }

    /**
     * An empty new file beside {@code real}: created with the mode of {@code real} (plus owner write, so it can be
     * written) and given its group and owner before any content goes in, so no copy of the content is ever more
     * readable than the file (a 0600 file of erasures must not sit beside itself as 0644 while it is written).
     * For a file that does not exist yet, the process's default mode.
     */
    private static Path createTempBeside(Path real) throws IOException {
        Path dir = real.getParent();
        PosixFileAttributes old = posixAttributes(real);
        FileAttribute<?>[] mode = old == null ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(writable(old.permissions()))};
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + real.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                // Not Files.createTempFile: that always makes mode 0600, which a new tombstone file must not get.
                Path created = Files.createFile(tmp, mode);
                if (old != null) {
                    copyOwnershipAndMode(old, created, true);
                }
                return created;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private static Set<PosixFilePermission> writable(Set<PosixFilePermission> mode) {
        Set<PosixFilePermission> withWrite = EnumSet.of(PosixFilePermission.OWNER_WRITE);
        withWrite.addAll(mode);
        return withWrite;
    }

    /** The attributes of {@code file} itself, or {@code null} if it does not exist or the filesystem is not POSIX. */
    private static PosixFileAttributes posixAttributes(Path file) throws IOException {
        if (Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) == null) {
            return null;
        }
        try {
            return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Gives {@code tmp} the mode, owner and group of {@code real} (if it exists), then moves it over it. */
    private static void replace(Path tmp, Path real) throws IOException {
        PosixFileAttributes old = posixAttributes(real);
        if (old != null) {
            copyOwnershipAndMode(old, tmp, false);
        }
        try {
            Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(real.getParent());
    }

    /** {@code stillWriting}: the owner keeps write permission until the content is in. */
    private static void copyOwnershipAndMode(PosixFileAttributes old, Path to, boolean stillWriting) throws IOException {
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (target == null) {
            return; // not a POSIX filesystem: the new file gets the directory's defaults
        }
        PosixFileAttributes created = target.readAttributes();
        // Group, then owner, then mode: changing the owner may clear set-id bits. Only root may give a file
        // away, and a group only to one the process belongs to; otherwise the file is the process's.
        if (!created.group().equals(old.group())) {
            try {
                target.setGroup(old.group());
            } catch (FileSystemException e) {
                // not permitted
            }
        }
        if (!created.owner().equals(old.owner())) {
            try {
                target.setOwner(old.owner());
            } catch (FileSystemException e) {
                // not permitted
            }
        }
        target.setPermissions(stillWriting ? writable(old.permissions()) : old.permissions());
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes the rename durable where the platform can open a directory (not on Windows). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }
}
