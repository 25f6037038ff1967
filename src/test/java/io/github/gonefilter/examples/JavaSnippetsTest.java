package io.github.gonefilter.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.examples.JavaSnippets.Block;
import io.github.gonefilter.examples.JavaSnippets.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet checker itself: what DocumentationTest relies on to fail for a snippet that does not compile. */
class JavaSnippetsTest {

    @TempDir
    Path root;

    @Test
    void aBlockWithoutItsImportFailsNamingThePageAndTheLine() throws IOException {
        Block block = onlyBlock("""
                # Title

                ```java
                import io.github.gonefilter.GoneFilter;

                GoneFilter filter = GoneFilter.builder().registry(registry).maxAge("sunset", Duration.ofDays(9)).build();
                ```
                """);
        assertThat(block.location()).isEqualTo("page.md:3");
        assertThatThrownBy(() -> JavaSnippets.check(block))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("page.md:3: the ```java block does not compile as statements")
                .hasMessageContaining("page.md:6: cannot find symbol")
                .hasMessageContaining("symbol:   variable Duration");
    }

    @Test
    void membersStatementsAndCompilationUnitsCompileWithTheirImports() throws IOException {
        List<Block> blocks = blocks("""
                ```java
                import io.github.gonefilter.GoneFilter;
                import org.springframework.context.annotation.Bean;

                @Bean
                GoneFilter goneFilter() {
                    return GoneFilter.builder().registry(registry).build();
                }
                ```

                1. In a list item:
                   ```java
                   // the registry of the prose around it
                   registry.close();
                   ```

                ```java
                package com.example;

                import io.github.gonefilter.GoneListener;

                @SuppressWarnings("unused")
                public final class Audit {
                    GoneListener listener = event -> System.out.println(event.status());
                }
                ```
                """);
        assertThat(blocks).extracting(JavaSnippets::kindOf)
                .containsExactly(Kind.MEMBERS, Kind.STATEMENTS, Kind.COMPILATION_UNIT);
        assertThat(blocks).extracting(Block::fenceLine).containsExactly(1, 12, 17);
        for (Block block : blocks) {
            assertThatCode(() -> JavaSnippets.check(block)).as(block.location()).doesNotThrowAnyException();
        }
    }

    @Test
    void aSnippetThatGivesAContextNameAnotherTypeDoesNotCompile() throws IOException {
        // docs/05 once called its MeterRegistry `registry`, the README's name for the TombstoneRegistry.
        Block block = onlyBlock("""
                ```java
                import io.github.gonefilter.GoneListener;

                GoneListener metrics = e -> registry.counter("gone.responses").increment();
                ```
                """);
        assertThatThrownBy(() -> JavaSnippets.check(block))
                .hasMessageContaining("page.md:4: cannot find symbol")
                .hasMessageContaining("method counter(java.lang.String)");
    }

    @Test
    void aRecordHeaderMustListTheLibraryRecordsComponents() throws IOException {
        Block right = onlyBlock("""
                ```java
                public record GoneEvent(String method, String path, int status, Tombstone tombstone, Instant at)
                ```
                """);
        assertThat(JavaSnippets.kindOf(right)).isEqualTo(Kind.RECORD_HEADER);
        assertThatCode(() -> JavaSnippets.check(right)).doesNotThrowAnyException();

        Block stale = onlyBlock("""
                ```java
                public record GoneEvent(String method, String path, int status, Tombstone tombstone)
                ```
                """);
        assertThatThrownBy(() -> JavaSnippets.check(stale))
                .hasMessage("page.md:1: the header of record io.github.gonefilter.GoneEvent reads (String method,"
                        + " String path, int status, Tombstone tombstone) but the record is (String method,"
                        + " String path, int status, Tombstone tombstone, Instant at)");
    }

    @Test
    void anUnclosedBlockIsAnError() throws IOException {
        assertThatThrownBy(() -> blocks("text\n```java\nint x = 1;\n"))
                .hasMessage("page.md:2: the ```java block is never closed");
    }

    private Block onlyBlock(String markdown) throws IOException {
        List<Block> blocks = blocks(markdown);
        assertThat(blocks).hasSize(1);
        return blocks.get(0);
    }

    private List<Block> blocks(String markdown) throws IOException {
        Path page = Files.writeString(root.resolve("page.md"), markdown);
        return JavaSnippets.blocksIn(root, List.of(page));
    }
}
