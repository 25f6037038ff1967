package io.github.gonefilter.it;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An HTML error page as a site's layout renders it: it touches the session (a CSRF token for the login box) and
 * sets a preference cookie, by {@code addCookie} and by header.
 */
public final class SessionPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getSession(true).setAttribute("csrf", "token-" + System.nanoTime());
        String token = (String) request.getSession().getAttribute("csrf");
        response.addCookie(new Cookie("locale", "en"));
        response.addHeader("Set-Cookie", "theme=dark; Path=/");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!doctype html><p>This page is gone (site layout, " + token.substring(0, 6) + ")</p>");
    }
}
