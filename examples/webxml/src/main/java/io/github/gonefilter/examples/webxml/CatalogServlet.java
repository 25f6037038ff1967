package io.github.gonefilter.examples.webxml;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The application behind the filter: a product catalogue that knows nothing about tombstones. It answers
 * 200 for the products it has and the container's 404 for everything else.
 */
public class CatalogServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Map<String, String> PRODUCTS = Map.of(
            "1", "Teapot",
            "2", "Mug",
            "3", "Saucer",
            "5", "Kettle, Model 5");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals("/") || path.equals("/products")) {
            StringBuilder list = new StringBuilder("[");
            PRODUCTS.keySet().stream().sorted().forEach(id -> list.append(list.length() > 1 ? "," : "")
                    .append(json(id, PRODUCTS.get(id))));
            write(response, list.append("]").toString());
            return;
        }
        if (path.startsWith("/products/")) {
            String id = path.substring("/products/".length());
            String name = PRODUCTS.get(id);
            if (name != null) {
                write(response, json(id, name));
                return;
            }
        }
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    private static String json(String id, String name) {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\"}";
    }

    private static void write(HttpServletResponse response, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
