package io.github.gonefilter.purge;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.gonefilter.support.TestServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real varnishd (Debian's varnish and varnish-modules, installed by {@code .ci/services.sh}) running
 * {@code examples/varnish/default.vcl} with its backend pointed at a test's application, on a free loopback port,
 * with its working directory ({@code -n}) under the build directory. {@link #close} stops the processes this
 * object started, and only those. Without varnishd the test is skipped, or fails in CI.
 */
final class Varnish implements AutoCloseable {

    private static final Path VARNISHD = Path.of("/usr/sbin/varnishd");
    private static final Path VCL = Path.of(System.getProperty("basedir", ".")).resolve("examples/varnish/default.vcl");

    final int port;
    private final Path dir;
    private final Process process;

    private Varnish(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /**
     * Starts varnishd on {@code port} (again after {@link #close}: with an empty cache) in front of
     * {@code 127.0.0.1:backendPort}.
     */
    static Varnish start(int backendPort, int port) throws IOException, InterruptedException {
        if (!Files.isExecutable(VARNISHD)) {
            TestServers.unavailable("varnishd is not installed");
        }
        // varnishd drops root to its own user, which must read the VCL and its working directory: under the build
        // directory when others may reach it, else (a checkout under a private directory) under java.io.tmpdir.
        Path work = Files.createDirectories(workRoot().resolve(port + "-" + System.nanoTime()));
        String vcl = Files.readString(VCL, StandardCharsets.UTF_8);
        String backend = vcl.replace(".port = \"8080\";", ".port = \"" + backendPort + "\";");
        if (backend.equals(vcl)) {
            fail("examples/varnish/default.vcl no longer declares its backend port as \"8080\"");
        }
        Path vclFile = work.resolve("default.vcl");
        Files.writeString(vclFile, backend, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(VARNISHD.toString(), "-F", "-a", "127.0.0.1:" + port, "-f", vclFile.toString(),
                "-n", work.resolve("n").toString(), "-s", "malloc,64m", "-T", "127.0.0.1:0")
                .redirectErrorStream(true).redirectOutput(work.resolve("varnishd.log").toFile()).start();
        Varnish varnish = new Varnish(port, work, p);
        varnish.awaitListening();
        return varnish;
    }

    private static Path workRoot() throws IOException {
        Path build = buildDirectory().toAbsolutePath();
        for (Path p = build; p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "gone-filter-varnish");
                Files.createDirectories(tmp);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                return tmp;
            }
        }
        return build.resolve("varnish");
    }

    private static Path buildDirectory() {
        try {
            return Path.of(Varnish.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Runs {@code varnishadm} against this instance and returns what it printed. */
    String admin(String... command) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("varnishadm", "-n", dir.resolve("n").toString()));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private void awaitListening() throws InterruptedException, IOException {
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

    String log() throws IOException {
        return Files.readString(dir.resolve("varnishd.log"));
    }

    /** Stops the manager (which stops its child) and waits until the port is free. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
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

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
