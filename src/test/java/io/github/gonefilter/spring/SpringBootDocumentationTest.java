package io.github.gonefilter.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.GoneFilter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata that Spring Boot's processor generates from {@link GoneFilterProperties}: every
 * init-param has its property, every property has a description (its field javadoc, which IDEs show), and
 * docs/07-spring-boot.md lists every property.
 */
class SpringBootDocumentationTest {

    /** Init-params that are beans in Spring Boot: a TombstoneRegistry bean, GoneListener beans. */
    private static final Set<String> BEANS_INSTEAD = Set.of("registry", "registry.", "listeners");

    /** Init-params whose property sits in a group: the init-param, then its property. */
    private static final Map<String, String> GROUPED = Map.of(
            "purge", "gone-filter.purge.endpoints",
            "purgeHosts", "gone-filter.purge.hosts",
            "surrogateKeys", "gone-filter.purge.surrogate-keys",
            "purgeRepeatAfter", "gone-filter.purge.repeat-after",
            "purgeSyncedChanges", "gone-filter.purge.synced-changes",
            "monitor", "gone-filter.monitor.enabled");

    @Test
    void everyInitParamHasAProperty() throws Exception {
        List<String> properties = propertyNames();
        List<String> params = new ArrayList<>();
        for (Field field : GoneFilter.class.getFields()) {
            if (field.getName().startsWith("PARAM_") && Modifier.isStatic(field.getModifiers())) {
                params.add((String) field.get(null));
            }
        }
        assertThat(params).contains("tombstones", "htmlLang", "authenticatedResponses", "restorableMaxAge");
        for (String param : params) {
            if (BEANS_INSTEAD.contains(param)) {
                continue;
            }
            String kebab = param.replaceAll("\\.$", "").replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            assertThat(properties).as("property for init-param '%s'", param)
                    .contains(GROUPED.getOrDefault(param, "gone-filter." + kebab));
        }
    }

    @Test
    void everyPropertyIsDescribedAndDocumented() throws Exception {
        String page = Files.readString(Path.of(System.getProperty("basedir", ".")).resolve("docs/07-spring-boot.md"));
        JsonNode metadata = metadata();
        int count = 0;
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asText();
            if (!name.startsWith("gone-filter.")) {
                continue;
            }
            count++;
            assertThat(property.path("description").asText()).as("description of %s", name).isNotBlank();
            String documented = name.equals("gone-filter.max-age") ? "gone-filter.max-age.<reason>" : name;
            assertThat(page).as("docs/07-spring-boot.md row for %s", name).contains("| `" + documented + "` |");
        }
        assertThat(count).isGreaterThan(25);
    }

    private static List<String> propertyNames() throws Exception {
        List<String> names = new ArrayList<>();
        metadata().get("properties").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    private static JsonNode metadata() throws Exception {
        Path classes = Path.of(GoneFilterProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new ObjectMapper().readTree(classes.resolve("META-INF/spring-configuration-metadata.json").toFile());
    }
}
