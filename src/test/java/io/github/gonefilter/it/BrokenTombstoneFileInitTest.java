package io.github.gonefilter.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.support.FilterConfigs;
import jakarta.servlet.ServletException;
import java.nio.file.Files;
import java.nio.file.Path;
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

        assertThatThrownBy(() -> filter.init(FilterConfigs.of(Map.of("tombstones", file.toString(), "reloadInterval", "0"), null)))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("GoneFilter init-param 'tombstones': " + file + ":3:28: ")
                .hasMessageContaining("Unexpected character");
        Files.delete(file);
    }
}
