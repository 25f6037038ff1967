package io.github.gonefilter.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.gonefilter.GoneFilter;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's init-param table and the configuration reference are written by hand from the code; these
 * checks fail when the code gains a setting the documentation does not mention, a link points nowhere, or a
 * Java snippet no longer compiles as pasted.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

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
        assertThat(GoneFilter.DEFAULT_MAX_AGE).isEqualTo(Duration.ofDays(1));
        assertThat(readme).contains("| `defaultMaxAge` | `P1D` |");
        assertThat(GoneFilter.DEFAULT_MAX_AGE_BY_REASON).containsOnly(
                java.util.Map.entry("expired", Duration.ofDays(30)),
                java.util.Map.entry("sunset", Duration.ofDays(30)),
                java.util.Map.entry("discontinued", Duration.ofDays(365)));
        assertThat(readme).contains("`expired` `P30D`, `sunset` `P30D`, `discontinued` `P365D`");
        assertThat(GoneFilter.DEFAULT_PROBLEM_TYPE.toString()).isEqualTo("about:blank");
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

    /** Each ```java block compiles by the rules in {@link JavaSnippets}; a failure names page and line. */
    @TestFactory
    Stream<DynamicTest> everyJavaSnippetCompilesAsPasted() throws IOException {
        List<Path> pages = new ArrayList<>(readmeAndDocs());
        try (Stream<Path> examples = Files.list(ROOT.resolve("examples"))) {
            examples.map(dir -> dir.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(pages::add);
        }
        List<JavaSnippets.Block> blocks = JavaSnippets.blocksIn(ROOT, pages);
        assertThat(blocks).extracting(JavaSnippets.Block::pageName).contains("README.md", "docs/05-operations.md");
        return blocks.stream().map(block -> dynamicTest(block.location(), () -> JavaSnippets.check(block)));
    }

    @Test
    void relativeLinksInTheReadmeAndDocsPointToFiles() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)\\s]*)?\\)");
        for (Path page : readmeAndDocs()) {
            Matcher m = link.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                Path resolved = page.getParent().resolve(target).normalize();
                assertThat(resolved).as("link '%s' in %s", target, ROOT.relativize(page)).exists();
            }
        }
    }

    /**
     * A container names a copied WAR after its file: the webxml example's README must show its requests under
     * that context path as well as at the root, and say how to deploy at the root.
     */
    @Test
    void webxmlReadmeShowsTheUrlsUnderTheContextPathTheWarNameGives() throws Exception {
        Path pom = ROOT.resolve("examples/webxml/pom.xml");
        String finalName = XPathFactory.newInstance().newXPath().evaluate("/project/build/finalName",
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()));
        assertThat(finalName).isNotBlank();
        String readme = read("examples/webxml/README.md");
        assertThat(readme).contains("target/" + finalName + ".war", "context path `/" + finalName + "`",
                "ROOT.war");

        Pattern row = Pattern.compile("^\\| `([A-Z]+) (/[^`]*)` \\| `([A-Z]+) (/[^`]*)` \\|", Pattern.MULTILINE);
        Matcher m = row.matcher(readme);
        int rows = 0;
        while (m.find()) {
            rows++;
            assertThat(m.group(3) + " " + m.group(4)).as("request row %d", rows)
                    .isEqualTo(m.group(1) + " /" + finalName + m.group(2));
        }
        assertThat(rows).as("request rows with both URLs").isGreaterThanOrEqualTo(5);
        assertThat(readme.lines().filter(line -> line.matches("\\| `[A-Z]+ /.*"))).hasSize(rows);
    }

    /** README.md, then every page under docs/. */
    private static List<Path> readmeAndDocs() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String read(String relative) throws IOException {
        return Files.readString(ROOT.resolve(relative));
    }
}
