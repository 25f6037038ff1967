package io.github.gonefilter.it;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An application as most are written: it implements only {@code doGet}, answers 200 for the accounts it has
 * and the container's 404 for any other id, and leaves every other method to {@link HttpServlet} (405, 501,
 * {@code OPTIONS} with {@code Allow}). Account 42 was erased: its data is gone, and a {@code not_found}
 * tombstone covers it.
 */
public final class AccountsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final Map<String, String> ACCOUNTS = Map.of("/1", "Ada", "/2", "Grace");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo() == null ? null : ACCOUNTS.get(request.getPathInfo());
        if (name == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] body = ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
