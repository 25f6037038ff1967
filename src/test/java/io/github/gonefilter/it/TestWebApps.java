package io.github.gonefilter.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

/**
 * The test web applications under {@code src/test/resources/it/<name>}, copied to a scratch directory so a
 * test may rewrite a tombstone file while the server runs. {@code @IN_ONE_HOUR@} in a copied file becomes
 * the instant one hour from now, for tombstones whose window must end soon but not during the test.
 */
final class TestWebApps {

    private TestWebApps() {
    }

    /** Copies web application {@code name} into {@code parent/name} and returns that directory. */
    static Path copy(String name, Path parent) {
        Path source = resource("it/" + name);
        Path target = parent.resolve(name);
        String inOneHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else if (file.getFileName().toString().endsWith(".json")) {
                    String text = Files.readString(file, StandardCharsets.UTF_8).replace("@IN_ONE_HOUR@", inOneHour);
                    Files.writeString(to, text, StandardCharsets.UTF_8);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Replaces a file atomically, so the reloading registry never reads half of it. */
    static void replace(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), ".next", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        URL url = TestWebApps.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " not found");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
