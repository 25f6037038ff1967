package io.github.gonefilter.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The examples are separate Maven projects that name the library version themselves, and the README shows
 * it to users: all of them must say the version the root pom builds, or the examples would silently test
 * an old release and the README would install one.
 */
class ExampleVersionsTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    static List<Path> examplePoms() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("examples"))) {
            return dirs.map(dir -> dir.resolve("pom.xml")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void theExamplesAreThere() throws IOException {
        assertThat(examplePoms()).extracting(pom -> pom.getParent().getFileName().toString())
                .contains("custom-registry", "spring-boot", "webxml");
    }

    @ParameterizedTest
    @MethodSource("examplePoms")
    void exampleBuildsAgainstTheRootVersion(Path pom) throws Exception {
        Document example = parse(pom);
        assertThat(text(example, "/project/properties/gone-filter.version"))
                .as("<gone-filter.version> in %s", ROOT.relativize(pom))
                .isEqualTo(rootVersion());
        assertThat(text(example, "/project/dependencies/dependency[groupId='io.github.gonefilter'"
                + " and artifactId='gone-filter' and not(type)]/version"))
                .as("version of the gone-filter dependency in %s", ROOT.relativize(pom))
                .isEqualTo("${gone-filter.version}");
        NodeList tests = (NodeList) XPathFactory.newInstance().newXPath().evaluate("/project/dependencies/dependency"
                + "[groupId='io.github.gonefilter' and artifactId='gone-filter' and type]/version", example,
                XPathConstants.NODESET);
        for (int i = 0; i < tests.getLength(); i++) {
            assertThat(tests.item(i).getTextContent().trim()).as("version of gone-filter's tests jar in %s",
                    ROOT.relativize(pom)).isEqualTo("${gone-filter.version}");
        }
    }

    @Test
    void readmeInstallsTheRootVersion() throws Exception {
        assertThat(Files.readString(ROOT.resolve("README.md")))
                .contains("<artifactId>gone-filter</artifactId>\n  <version>" + rootVersion() + "</version>");
    }

    private static String rootVersion() throws Exception {
        String version = text(parse(ROOT.resolve("pom.xml")), "/project/version");
        assertThat(version).as("root pom version").isNotBlank();
        return version;
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static String text(Document document, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate(xpath, document, XPathConstants.NODESET);
        assertThat(nodes.getLength()).as("%s matches exactly one element", xpath).isEqualTo(1);
        return nodes.item(0).getTextContent().trim();
    }
}
