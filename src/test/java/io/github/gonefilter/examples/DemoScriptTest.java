package io.github.gonefilter.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/demo.sh, run with stand-ins on the PATH: a {@code mvn} that builds nothing and a {@code java} that
 * starts {@link DemoStandInApp} instead of the Spring Boot example. What is tested is the script's own
 * housekeeping: however it ends, the application it started is stopped and its temporary directory is gone.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DemoScriptTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    @TempDir
    Path sandbox;

    private Path tmpdir;
    private Path appPidFile;
    private Process demo;

    @BeforeEach
    void standIns() throws Exception {
        Path bin = Files.createDirectories(sandbox.resolve("bin"));
        tmpdir = Files.createDirectories(sandbox.resolve("tmp"));
        appPidFile = sandbox.resolve("app.pid");
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String testClasses = Path.of(DemoStandInApp.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        executable(bin.resolve("mvn"), "#!/bin/sh\nexit 0\n");
        executable(bin.resolve("java"), "#!/bin/sh\n"
                + "echo $$ > '" + appPidFile + "'\n"
                + "exec '" + javaCommand + "' -cp '" + testClasses + "' "
                + DemoStandInApp.class.getName() + " \"$@\"\n");
    }

    @AfterEach
    void stopLeftovers() {
        if (demo != null) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    @Test
    void demoExitStopsTheApplicationAndDeletesItsDirectory() throws Exception {
        demo = start(Map.of("DEMO_EXIT", "1"));
        List<String> output = readAll();

        assertThat(demo.waitFor()).as("exit status; output:%n%s", output).isZero();
        assertThat(output).anyMatch(line -> line.startsWith("gone-filter demo running at http://localhost:"));
        assertCleanedUp(output);
    }

    @Test
    void ctrlCStopsTheApplicationAndDeletesItsDirectory() throws Exception {
        demo = start(Map.of());
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = reader()) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.equals("Ctrl-C stops the demo.")) {
                    // What the terminal sends the script on Ctrl-C.
                    new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor();
                }
            }
        }

        assertThat(output).contains("Ctrl-C stops the demo.");
        assertThat(demo.waitFor()).as("exit status; output:%n%s", output).isEqualTo(130);
        assertCleanedUp(output);
    }

    @Test
    void anApplicationThatFailsToStartIsReportedWithItsLogAndCleanedUp() throws Exception {
        demo = start(Map.of("DEMO_STAND_IN_EXIT", "3"));
        List<String> output = readAll();

        assertThat(demo.waitFor()).as("exit status; output:%n%s", output).isEqualTo(1);
        assertThat(output).contains("demo: the application stopped; the application's log:",
                "stand-in: failing to start on purpose");
        assertCleanedUp(output);
    }

    private void assertCleanedUp(List<String> output) throws IOException {
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertThat(left).as("left in TMPDIR; output:%n%s", output).isEmpty();
        }
        long app = Long.parseLong(Files.readString(appPidFile).strip());
        assertThat(ProcessHandle.of(app).filter(ProcessHandle::isAlive))
                .as("the application the demo started (pid %d)", app).isEmpty();
    }

    private Process start(Map<String, String> env) throws IOException {
        // A build started in the background (a CI runner, nohup) passes SIGINT on as ignored, and a shell that
        // starts with a signal ignored cannot trap it. In a terminal Ctrl-C always arrives, so the demo starts
        // with SIGINT at its default, as a terminal starts it (perl is part of every Debian system).
        ProcessBuilder builder = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"$!\\n\"",
                "bash", ROOT.resolve("examples/demo.sh").toString())
                .redirectErrorStream(true);
        builder.environment().put("PATH", sandbox.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("TMPDIR", tmpdir.toString());
        builder.environment().put("PORT", Integer.toString(freePort()));
        builder.environment().remove("DEMO_EXIT");
        builder.environment().putAll(env);
        return builder.start();
    }

    private List<String> readAll() throws IOException, InterruptedException {
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = reader()) {
            lines.lines().forEach(output::add);
        }
        demo.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private BufferedReader reader() {
        return new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
