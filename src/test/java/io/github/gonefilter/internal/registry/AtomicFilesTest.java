package io.github.gonefilter.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The atomic replace keeps what makes a file the same file: its links, mode, owner and group. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs a POSIX filesystem");
    }

    private static void write(Path target, String text) throws IOException {
        AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A file holding {@code text} with {@code mode}, e.g. {@code rw-r--r--}. */
    private static Path file(Path path, String text, String mode) throws IOException {
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        return path;
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theReplacementKeepsTheMode() throws Exception {
        for (String mode : new String[] {"rw-r--r--", "rw-rw----", "rw-------", "r--r--r--", "rwxr-x---"}) {
            Path file = file(dir.resolve("t-" + mode + ".json"), "old", mode);
            write(file, "new");
            assertThat(Files.readString(file)).isEqualTo("new");
            assertThat(mode(file)).as(mode).isEqualTo(mode);
        }
    }

    @Test
    void noCopyOfTheContentIsEverMoreReadableThanTheFile() throws Exception {
        for (String mode : new String[] {"rw-------", "r--------", "rw-r-----"}) {
            Path file = file(dir.resolve("secret-" + mode + ".json"), "old", mode);
            Path link = Files.createSymbolicLink(dir.resolve("link-" + mode + ".json"), file.getFileName());
            AtomicFiles.write(link, out -> {
                try (Stream<Path> siblings = Files.list(dir)) {
                    // While the content is written, the temporary file beside it is no more readable than the file.
                    for (Path tmp : siblings.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                        String now = mode(tmp);
                        assertThat(now.substring(3)).as(tmp + " while writing").isEqualTo(mode.substring(3));
                        assertThat(now.charAt(0)).isEqualTo('r');
                    }
                }
                out.write("new".getBytes(StandardCharsets.UTF_8));
            });
            assertThat(Files.readString(file)).isEqualTo("new");
            assertThat(mode(file)).isEqualTo(mode);
            assertThat(Files.isSymbolicLink(link)).isTrue();
        }
    }

    @Test
    void aNewFileGetsTheProcessDefaultModeNotTheTemporaryFilesMode() throws Exception {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path file = dir.resolve("new.json");
        write(file, "new");
        assertThat(mode(file)).isEqualTo(mode(reference));
    }

    @Test
    void theReplacementKeepsOwnerAndGroupWhereTheProcessMaySetThem() throws Exception {
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal nobody;
        GroupPrincipal group;
        try {
            nobody = users.lookupPrincipalByName("nobody");
            group = users.lookupPrincipalByGroupName(Files.exists(Path.of("/etc/group"))
                    && Files.readString(Path.of("/etc/group")).contains("nogroup:") ? "nogroup" : "nobody");
        } catch (UserPrincipalNotFoundException e) {
            assumeTrue(false, "no user 'nobody' on this machine");
            return;
        }
        Path file = dir.resolve("owned.json");
        Files.writeString(file, "old");
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        try {
            view.setGroup(group);
            view.setOwner(nobody);
        } catch (IOException e) {
            assumeTrue(false, "only root may give a file away: " + e);
        }
        write(file, "new");
        assertThat(Files.getOwner(file)).isEqualTo(nobody);
        assertThat(view.readAttributes().group()).isEqualTo(group);
        assertThat(Files.readString(file)).isEqualTo("new");
    }

    @Test
    void aSymbolicLinkStaysALinkAndItsTargetIsReplaced() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path real = file(data.resolve("tombstones.json"), "old", "rw-r--r--");
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Path middle = Files.createSymbolicLink(conf.resolve("middle.json"), Path.of("../data/tombstones.json"));
        Path link = Files.createSymbolicLink(conf.resolve("tombstones.json"), middle.getFileName());

        write(link, "new");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(middle.getFileName());
        assertThat(Files.isSymbolicLink(middle)).isTrue();
        assertThat(Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(mode(real)).isEqualTo("rw-r--r--");
        assertThat(AtomicFiles.realTarget(link)).isEqualTo(real.toRealPath());
        try (Stream<Path> left = Stream.concat(Files.list(data), Files.list(conf))) {
            assertThat(left).containsExactlyInAnyOrder(real, middle, link); // no temporary file left behind
        }
    }

    @Test
    void aDanglingLinkGetsItsTargetCreated() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path link = Files.createSymbolicLink(dir.resolve("tombstones.json"), data.resolve("later.json"));
        write(link, "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(data.resolve("later.json"))).isEqualTo("new");
    }

    @Test
    void aTemporaryFileFromAnotherDirectoryIsMovedBesideTheLinkTargetFirst() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path real = file(data.resolve("snapshot.bin"), "old", "rw-r-----");
        Path link = Files.createSymbolicLink(dir.resolve("snapshot.bin"), real);
        Path tmp = Files.createTempFile(dir, ".snapshot.bin", ".tmp"); // beside the link, as a caller makes it
        Files.writeString(tmp, "new");

        AtomicFiles.moveIntoPlace(tmp, link);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(mode(real)).isEqualTo("rw-r-----");
        assertThat(tmp).doesNotExist();
        try (Stream<Path> left = Files.list(data)) {
            assertThat(left).containsExactly(real);
        }
    }
}
