package io.github.gonefilter.examples.springboot;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real varnishd (Debian's {@code varnish} and {@code varnish-modules}, which the root project's
 * {@code .ci/services.sh} installs) running {@code examples/varnish/default.vcl} with its backend pointed at the
 * application under test, on a free loopback port, with its working directory ({@code -n}) under {@code target/}.
 * Without varnishd the tests that need it are skipped, or fail when {@code CI=true}. {@link #close} stops the
 * processes this object started, and only those.
 */
final class Varnish implements AutoCloseable {

    private static final Path VARNISHD = Path.of("/usr/sbin/varnishd");
    /**
     * Where {@code default.vcl} is: set by this example's pom ({@code ../varnish/default.vcl}), and by the root build,
     * which runs this example from a copy under its {@code target/examples/}.
     */
    private static final String VCL_PROPERTY = "example.varnish.vcl";

    final int port;
    private final Path dir;
    private final Process process;

    private Varnish(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** Starts varnishd on {@code 127.0.0.1:port} in front of {@code 127.0.0.1:backendPort}. */
    static Varnish start(int backendPort, int port) throws Exception {
        if (!Files.isExecutable(VARNISHD)) {
            unavailable(VARNISHD + " is not installed (Debian: apt-get install varnish varnish-modules)");
        }
        Path vcl = Path.of(System.getProperty(VCL_PROPERTY, "../varnish/default.vcl"));
        if (!Files.isReadable(vcl)) {
            fail(vcl.toAbsolutePath() + " is missing: set the system property " + VCL_PROPERTY + " to default.vcl");
        }
        Path work = Files.createDirectories(workRoot().resolve(port + "-" + System.nanoTime()));
        String text = Files.readString(vcl, StandardCharsets.UTF_8);
        String pointed = text.replace(".port = \"8080\";", ".port = \"" + backendPort + "\";");
        if (pointed.equals(text)) {
            fail(vcl + " no longer declares its backend port as \"8080\"");
        }
        Path vclFile = work.resolve("default.vcl");
        Files.writeString(vclFile, pointed, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(VARNISHD.toString(), "-F", "-a", "127.0.0.1:" + port, "-f", vclFile.toString(),
                "-n", work.resolve("n").toString(), "-s", "malloc,64m", "-T", "127.0.0.1:0")
                .redirectErrorStream(true).redirectOutput(work.resolve("varnishd.log").toFile()).start();
        Varnish varnish = new Varnish(port, work, p);
        varnish.awaitListening();
        return varnish;
    }

    /**
     * Freezes varnishd ({@code SIGSTOP}): connections are still accepted by the kernel but never answered, as by a
     * cache that hangs. {@link #resume} thaws it, its cache intact.
     */
    void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(process.pid())));
        process.descendants().forEach(child -> command.add(Long.toString(child.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + out);
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("varnishd.log"));
    }

    /** Stops the manager (which stops its child), forcibly if it does not stop, and waits for the port. */
    @Override
    public void close() throws Exception {
        List<ProcessHandle> children = process.descendants().toList();
        resume(); // a frozen process cannot act on SIGTERM
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    /**
     * varnishd drops root to its own user, which must read the VCL and its working directory: under target/ when
     * others may reach it, else (a checkout under a private directory) under java.io.tmpdir.
     */
    private static Path workRoot() throws IOException {
        Path build = Path.of("target").toAbsolutePath();
        for (Path p = build; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "gone-filter-example-varnish");
                Files.createDirectories(tmp);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                return tmp;
            }
        }
        return build.resolve("varnish");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("varnishd exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        close();
        fail("varnishd did not start listening:\n" + log());
    }

    /** Skips the test, or fails it in CI, where varnishd must be there. */
    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why + "; CI=true requires it (the root project's .ci/services.sh installs it)");
        }
        Assumptions.abort(why + " (the root project's .ci/services.sh installs it)");
    }
}
