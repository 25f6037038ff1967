package io.github.gonefilter.registry.redis;

import io.github.gonefilter.support.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A {@code redis-server} of the test's own on a free loopback port, with an append-only file in
 * {@code dir} so its data survives {@link #stop()} and {@link #start()}; extra arguments (a password, ACL
 * users) are passed on. Tests that stop the server, or count its commands, use one instead of the shared
 * server. Skips the test (fails it on CI) when redis-server is not installed.
 */
final class PrivateRedis implements AutoCloseable {

    private final Path binary;
    private final Path dir;
    private final int port;
    private final List<String> extraArgs;
    private Process process;

    private PrivateRedis(Path binary, Path dir, int port, List<String> extraArgs) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.extraArgs = extraArgs;
    }

    static PrivateRedis start(Path dir, String... extraArgs) throws IOException, InterruptedException {
        Path binary = findRedisServer();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrivateRedis redis = new PrivateRedis(binary, dir, port, List.of(extraArgs));
        redis.start();
        return redis;
    }

    int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port}, without credentials. */
    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again) and waits until it accepts connections. */
    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--bind", "127.0.0.1", "--port",
                Integer.toString(port), "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always",
                "--save", ""));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
    }

    /** SIGTERM: Redis writes its append-only file and exits. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** How often the server ran {@code command} (from {@code INFO commandstats}); {@code auth} logs in first. */
    long calls(String command, String... auth) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            if (auth.length > 0) {
                jedis.auth(auth[0], auth[1]);
            }
            for (String line : jedis.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_" + command + ":calls=")) {
                    String calls = line.substring(line.indexOf('=') + 1);
                    return Long.parseLong(calls.substring(0, calls.indexOf(',')));
                }
            }
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            stop();
        }
    }

    private static Path findRedisServer() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        TestServers.unavailable("redis-server is not installed");
        return null;
    }
}
