package io.github.gonefilter.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.GoneFilter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message a container logs (Tomcat) or keeps (Jetty) when the tombstone file of {@code it/broken} is
 * broken, checked without a container: it names the init-param, the file, and line:column of the error.
 */
class BrokenTombstoneFileInitTest {

    @Test
    void initFailsNamingFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = TestWebApps.copy("broken", dir).resolve("WEB-INF/tombstones.json");
        GoneFilter filter = new GoneFilter();

        assertThatThrownBy(() -> filter.init(config(Map.of("tombstones", file.toString(), "reloadInterval", "0"))))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("GoneFilter init-param 'tombstones': " + file + ":3:28: ")
                .hasMessageContaining("Unexpected character");
        Files.delete(file);
    }

    private static FilterConfig config(Map<String, String> params) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "gone";
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }
}
