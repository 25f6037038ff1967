package io.github.gonefilter.cli;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.gonefilter.support.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Real nginx and Apache httpd (Debian's packages, installed by {@code .ci/services.sh}), each started on a free
 * loopback port with a generated configuration under the build directory and stopped by its own process.
 * Missing binaries skip the test, or fail it when servers are required (CI).
 */
final class WebServers {

    private WebServers() {
    }

    /** A running server; {@link #close} stops the process this object started. */
    static final class Running implements AutoCloseable {
        final int port;
        final Process process;
        final Path dir;

        Running(int port, Process process, Path dir) {
            this.port = port;
            this.process = process;
            this.dir = dir;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String log() {
            try (var files = Files.walk(dir)) {
                StringBuilder out = new StringBuilder();
                for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                    out.append(Files.readString(f));
                }
                return out.toString();
            } catch (IOException e) {
                return "";
            }
        }
    }

    static Path binary(String name) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        TestServers.unavailable(name + " is not installed");
        return null;
    }

    /** nginx with {@code serverBlock} (the contents of one server block) and {@code http} (maps) around it. */
    static Running nginx(Path dir, String http, String serverBlock) throws IOException, InterruptedException {
        Path nginx = binary("nginx");
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("html"));
        int port = freePort();
        String conf = "daemon off;\nmaster_process off;\nworker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("logs/error.log") + ";\nevents { worker_connections 64; }\n"
                + "http {\n  access_log off;\n"
                + "  client_body_temp_path " + dir.resolve("tmp") + ";\n  proxy_temp_path " + dir.resolve("tmp") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("tmp") + ";\n  uwsgi_temp_path " + dir.resolve("tmp") + ";\n"
                + "  scgi_temp_path " + dir.resolve("tmp") + ";\n" + http + "\n"
                + "  server {\n    listen 127.0.0.1:" + port + ";\n    root " + dir.resolve("html") + ";\n"
                + serverBlock + "\n  }\n}\n";
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        return await(new Running(port, p, dir));
    }

    /** Apache httpd with {@code server} as its server configuration, documents under {@code dir/docs}. */
    static Running apache(Path dir, String server) throws IOException, InterruptedException {
        Path httpd = binary("apache2");
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("docs"));
        int port = freePort();
        String modules = "/usr/lib/apache2/modules/";
        String conf = "ServerRoot " + dir + "\nListen 127.0.0.1:" + port + "\nPidFile " + dir.resolve("httpd.pid") + "\n"
                + "ErrorLog " + dir.resolve("logs/error.log") + "\nServerName localhost\n"
                + "LoadModule mpm_event_module " + modules + "mod_mpm_event.so\n"
                + "LoadModule authz_core_module " + modules + "mod_authz_core.so\n"
                + "LoadModule alias_module " + modules + "mod_alias.so\n"
                + "LoadModule rewrite_module " + modules + "mod_rewrite.so\n"
                + "LoadModule dir_module " + modules + "mod_dir.so\n"
                + "StartServers 1\nServerLimit 1\nThreadsPerChild 8\nMaxRequestWorkers 8\n"
                + "DocumentRoot " + dir.resolve("docs") + "\n<Directory " + dir.resolve("docs") + ">\n"
                + "  AllowOverride All\n  Require all granted\n</Directory>\n" + server + "\n";
        Path confFile = dir.resolve("httpd.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(httpd.toString(), "-f", confFile.toString(), "-DFOREGROUND")
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        return await(new Running(port, p, dir));
    }

    private static Running await(Running running) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!running.process.isAlive()) {
                fail("server exited with " + running.process.exitValue() + ":\n" + running.log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", running.port), 200);
                return running;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        running.close();
        fail("server did not start:\n" + running.log());
        return null;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * The status of {@code GET target}, the target sent byte for byte (each char one ISO-8859-1 byte), one
     * request per connection.
     */
    static int status(int port, String target) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            if (parts.length < 2) {
                return -1; // the server closed the connection without an answer
            }
            return Integer.parseInt(parts[1]);
        }
    }
}
