package io.github.gonefilter.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code mvn -B -q} in this repository prints nothing when all is well: no stray ANSI codes from Maven's
 * console (see .mvn/jvm.config), so CI logs and redirected output stay plain text.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class QuietBuildTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    @Test
    @Timeout(120)
    void aQuietBatchBuildPrintsNothing() throws Exception {
        String mavenHome = System.getProperty("maven.home", "");
        Path mvn = Path.of(mavenHome, "bin", "mvn");
        assumeTrue(!mavenHome.isEmpty() && Files.isExecutable(mvn), "run by Maven, which names its home");

        ProcessBuilder builder = new ProcessBuilder(mvn.toString(), "-B", "-q", "-o", "validate")
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().remove("MAVEN_OPTS"); // only what the repository configures
        builder.environment().remove("MAVEN_ARGS");
        Process build = builder.start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(build.waitFor()).as("exit status; output:%n%s", output).isZero();
        assertThat(output)
                .withFailMessage("mvn -B -q validate printed (escapes shown as \\e):%n%s",
                        output.replace("\u001b", "\\e"))
                .isEmpty();
    }
}
