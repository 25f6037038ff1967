package io.github.gonefilter.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package layering drawn in {@code docs/architecture.md}, checked on the compiled classes of {@code src/main}
 * (every reference counts, not only imports): path canonicalization at the bottom, the model above it, matching
 * above that, response, registries and cache purging side by side above, the 404 monitor above them, the filter on
 * top, and the integrations (command-line tool, Spring) above everything. Nothing below uses anything above it, and no two
 * packages use each other.
 */
class DependencyDirectionTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.gonefilter");

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Path").definedBy("io.github.gonefilter.path..", "io.github.gonefilter.internal.text..",
                        "io.github.gonefilter.internal.cache..", "io.github.gonefilter.internal.servlet..")
                .layer("Model").definedBy("io.github.gonefilter.tombstone..")
                .layer("Matching").definedBy("io.github.gonefilter.internal.matching..")
                .layer("Response").definedBy("io.github.gonefilter.response..", "io.github.gonefilter.internal.response..")
                .layer("Registries").definedBy("io.github.gonefilter.registry..", "io.github.gonefilter.internal.registry..",
                        "io.github.gonefilter.internal.jdbc..")
                .layer("Purge").definedBy("io.github.gonefilter.purge..")
                .layer("Monitor").definedBy("io.github.gonefilter.monitor..")
                .layer("Filter").definedBy("io.github.gonefilter")
                .layer("Integrations").definedBy("io.github.gonefilter.cli..", "io.github.gonefilter.spring..")
                .whereLayer("Integrations").mayNotBeAccessedByAnyLayer()
                .whereLayer("Filter").mayOnlyBeAccessedByLayers("Integrations")
                .whereLayer("Monitor").mayOnlyBeAccessedByLayers("Filter", "Integrations")
                .whereLayer("Registries").mayOnlyBeAccessedByLayers("Monitor", "Filter", "Integrations")
                .whereLayer("Response").mayOnlyBeAccessedByLayers("Filter", "Integrations")
                .whereLayer("Purge").mayOnlyBeAccessedByLayers("Filter", "Integrations")
                .whereLayer("Matching").mayOnlyBeAccessedByLayers("Registries", "Monitor", "Filter", "Integrations")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Matching", "Response", "Registries", "Purge", "Monitor",
                        "Filter", "Integrations")
                .whereLayer("Path").mayOnlyBeAccessedByLayers("Model", "Matching", "Response", "Registries", "Purge",
                        "Monitor", "Filter", "Integrations")
                .check(MAIN);
    }

    @Test
    void noPackagesUseEachOther() {
        slices().matching("io.github.gonefilter.(**)").should().beFreeOfCycles().check(MAIN);
    }

    /** The checks above see every class: a package that moved out of the imported tree would escape them. */
    @Test
    void everyPackageIsInALayer() {
        List<String> layered = List.of("io.github.gonefilter.path", "io.github.gonefilter.internal.text",
                "io.github.gonefilter.internal.cache", "io.github.gonefilter.internal.servlet", "io.github.gonefilter.tombstone",
                "io.github.gonefilter.internal.matching", "io.github.gonefilter.response",
                "io.github.gonefilter.internal.response", "io.github.gonefilter.registry",
                "io.github.gonefilter.internal.registry", "io.github.gonefilter.internal.jdbc", "io.github.gonefilter.cli",
                "io.github.gonefilter.spring", "io.github.gonefilter.purge", "io.github.gonefilter.monitor");
        assertThat(MAIN).isNotEmpty();
        for (JavaClass c : MAIN) {
            String p = c.getPackageName();
            assertThat(p.equals("io.github.gonefilter") || layered.stream().anyMatch(l -> p.equals(l) || p.startsWith(l + ".")))
                    .as("%s is in a layer of docs/architecture.md", c.getName()).isTrue();
        }
    }

    /**
     * The public API never hands out an internal type: no public method or constructor of a public class outside
     * the internal packages takes or returns one. (Public registries may extend the internal snapshot base; its
     * members are the {@code TombstoneRegistry} methods.)
     */
    @Test
    void publicSignaturesNameNoInternalType() {
        for (JavaClass c : MAIN) {
            if (internal(c) || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
                continue;
            }
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                if (!unit.getModifiers().contains(JavaModifier.PUBLIC)) {
                    continue;
                }
                List<JavaClass> types = new ArrayList<>(unit.getRawParameterTypes());
                types.add(unit.getRawReturnType());
                for (JavaClass type : types) {
                    assertThat(internal(type.getBaseComponentType()))
                            .as("%s exposes the internal %s", unit.getFullName(), type.getName()).isFalse();
                }
            }
        }
    }

    private static boolean internal(JavaClass c) {
        return c.getPackageName().startsWith("io.github.gonefilter.internal");
    }
}
