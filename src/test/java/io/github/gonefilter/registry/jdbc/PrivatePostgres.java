package io.github.gonefilter.registry.jdbc;

import io.github.gonefilter.support.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throw-away PostgreSQL server that a test can stop and start: {@code initdb} into a temporary directory
 * and {@code pg_ctl} on a free port, using the binaries of the installed server (GONE_FILTER_PG_BIN or
 * /usr/lib/postgresql/N/bin). PostgreSQL refuses to run as root, so as root every command runs as the
 * {@code postgres} user through {@code runuser}.
 */
final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates and starts a server, or skips the test (fails it on CI) when PostgreSQL is not installed. */
    static PrivatePostgres start() throws Exception {
        Path bin = findBin();
        if (bin == null) {
            TestServers.unavailable("PostgreSQL server binaries (initdb, pg_ctl) not found");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("gone-filter-pg");
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrivatePostgres pg = new PrivatePostgres(bin, dir, port, root);
        pg.run(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U",
                "postgres", "-E", "UTF8", "--no-sync", "--no-instructions");
        pg.startServer();
        return pg;
    }

    private static Path findBin() throws IOException {
        String env = System.getenv("GONE_FILTER_PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "pg_ctl"))) {
            return Path.of(env);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString())).orElse(null);
        }
    }

    void startServer() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", "30", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** Stops the server at once ({@code -m immediate}: connections drop as in a crash). */
    void stopServer() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    }

    PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        ds.setSocketTimeout(5);
        return ds;
    }

    private void run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stopServer();
        } catch (Exception e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
