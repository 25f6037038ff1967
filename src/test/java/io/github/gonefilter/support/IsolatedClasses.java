package io.github.gonefilter.support;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.GoneFilter;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * A class loader that sees the library and its one required dependency (Jackson), plus whatever jars are named,
 * and nothing else of the test class path: to prove what works without an optional dependency such as Caffeine.
 */
public final class IsolatedClasses {

    private IsolatedClasses() {
    }

    /** The library, Jackson, and the jars holding {@code extra}. Close it after use. */
    public static URLClassLoader libraryWith(Class<?>... extra) {
        List<URL> urls = new ArrayList<>(List.of(location(GoneFilter.class), location(ObjectMapper.class),
                location(JsonParser.class), location(JsonProperty.class)));
        for (Class<?> type : extra) {
            urls.add(location(type));
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
