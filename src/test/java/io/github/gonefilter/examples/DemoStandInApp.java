package io.github.gonefilter.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for the Spring Boot example when {@link DemoScriptTest} runs examples/demo.sh: takes the same
 * {@code --server.port=N} argument and answers every request with 200, until it is stopped. With the
 * environment variable {@code DEMO_STAND_IN_EXIT} set it prints a line and exits with that status instead,
 * as an application that fails to start does.
 */
public final class DemoStandInApp {

    private DemoStandInApp() {
    }

    public static void main(String[] args) throws IOException {
        String exit = System.getenv("DEMO_STAND_IN_EXIT");
        if (exit != null) {
            System.out.println("stand-in: failing to start on purpose");
            System.exit(Integer.parseInt(exit));
        }
        int port = 0;
        for (String arg : args) {
            if (arg.startsWith("--server.port=")) {
                port = Integer.parseInt(arg.substring("--server.port=".length()));
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("stand-in: listening on port " + port);
    }
}
