package io.github.gonefilter.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.response.ResponseSettings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's init-param table and the configuration reference are written by hand from the code; these
 * checks fail when the code gains a setting the documentation does not mention, or a link points nowhere.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    /** Docs linked from here that other work streams write; their links are checked once they exist. */
    private static final Set<String> WRITTEN_ELSEWHERE = Set.of("docs/performance.md", "docs/shared-registries.md");

    @Test
    void readmeTableAndConfigurationReferenceListEveryInitParam() throws Exception {
        String readme = read("README.md");
        String reference = read("docs/02-configuration.md");
        List<String> params = new ArrayList<>();
        for (Field field : GoneFilter.class.getFields()) {
            if (field.getName().startsWith("PARAM_") && Modifier.isStatic(field.getModifiers())) {
                params.add((String) field.get(null));
            }
        }
        assertThat(params).contains("tombstones", "methods");
        for (String param : params) {
            assertThat(readme).as("README init-param table row for '%s'", param).contains("\n| `" + param);
            assertThat(reference).as("docs/02-configuration.md row for '%s'", param).contains("| `" + param);
        }
    }

    @Test
    void documentedDefaultsAreTheCodesDefaults() throws Exception {
        String readme = read("README.md");
        assertThat(readme).contains("| `methods` | `" + GoneFilter.DEFAULT_METHODS + "` |");
        assertThat(ResponseSettings.DEFAULT_MAX_AGE).isEqualTo(Duration.ofDays(1));
        assertThat(readme).contains("| `defaultMaxAge` | `P1D` |");
        assertThat(ResponseSettings.DEFAULT_MAX_AGE_BY_REASON).containsOnly(
                java.util.Map.entry("expired", Duration.ofDays(30)),
                java.util.Map.entry("sunset", Duration.ofDays(30)),
                java.util.Map.entry("discontinued", Duration.ofDays(365)));
        assertThat(readme).contains("`expired` `P30D`, `sunset` `P30D`, `discontinued` `P365D`");
        assertThat(ResponseSettings.DEFAULT_PROBLEM_TYPE.toString()).isEqualTo("about:blank");
    }

    @Test
    void configurationReferenceNamesEveryBuilderMethod() throws Exception {
        String reference = read("docs/02-configuration.md");
        for (Method method : GoneFilter.Builder.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
                assertThat(reference).as("docs/02-configuration.md mentions Builder.%s", method.getName())
                        .contains("`" + method.getName() + "(");
            }
        }
    }

    @Test
    void relativeLinksInTheReadmeAndDocsPointToFiles() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)\\s]*)?\\)");
        for (Path page : pages) {
            Matcher m = link.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                Path resolved = page.getParent().resolve(target).normalize();
                String relative = ROOT.relativize(resolved).toString().replace('\\', '/');
                if (WRITTEN_ELSEWHERE.contains(relative) && !Files.exists(resolved)) {
                    continue;
                }
                assertThat(resolved).as("link '%s' in %s", target, ROOT.relativize(page)).exists();
            }
        }
    }

    private static String read(String relative) throws IOException {
        return Files.readString(ROOT.resolve(relative));
    }
}
