package io.github.gonefilter.examples;

import io.github.gonefilter.GoneFilter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Finds the fenced {@code ```java} blocks of Markdown pages and checks that each compiles as a reader would
 * paste it, with javac against the test class path (which holds the library, the servlet API, Spring Boot and
 * Micrometer).
 *
 * <p>How a block is turned into something javac can check; the block's own lines are never edited:
 * <ul>
 *   <li>Its leading {@code import} lines are its imports. Nothing else is imported for it: a block that uses
 *       a class must import it, as the reader pasting it must.</li>
 *   <li>A block that declares a top-level type (class, interface, enum, record; after annotations or a
 *       {@code package} line) is a compilation unit and compiles as is.</li>
 *   <li>A block whose first line of code starts with an annotation, an access modifier or {@code static}
 *       (such as {@code @Bean} methods) is class members: it is wrapped into a generated class.</li>
 *   <li>Any other block is statements: it is wrapped into a method ({@code throws Exception}) of a
 *       generated class.</li>
 *   <li>The generated class has the fields in {@link #CONTEXT}: what the prose around the snippets says the
 *       reader already has. A snippet may declare its own variable of the same name; so that snippets can be
 *       pasted side by side, none may use one of these names for something else.</li>
 *   <li>A block that is only a record's header without a body ({@code public record GoneEvent(...)})
 *       documents a library type: its components must be those of the library's record of that name.</li>
 * </ul>
 */
final class JavaSnippets {

    /** Fields of the generated class: names the documentation uses without declaring them. */
    static final List<String> CONTEXT = List.of(
            "io.github.gonefilter.tombstone.TombstoneRegistry registry;",
            "javax.sql.DataSource dataSource;",
            "io.micrometer.core.instrument.MeterRegistry meterRegistry;",
            "io.github.gonefilter.GoneListener metrics;",
            "java.util.List<io.github.gonefilter.tombstone.Tombstone> listFromMyDatabase;");

    /** One {@code ```java} block: the page it is in, the line of its opening fence, its lines. */
    record Block(Path page, String pageName, int fenceLine, List<String> lines) {

        String location() {
            return pageName + ":" + fenceLine;
        }

        /** The line of the page that holds line {@code index} (0-based) of the block. */
        int pageLine(int index) {
            return fenceLine + 1 + index;
        }
    }

    enum Kind { COMPILATION_UNIT, MEMBERS, STATEMENTS, RECORD_HEADER }

    private static final Pattern OPENING_FENCE = Pattern.compile("^(\\s*)```java\\s*$");
    private static final Pattern CLOSING_FENCE = Pattern.compile("^\\s*```\\s*$");
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^(?:(?:public|protected|private|abstract|final|sealed|non-sealed|static|strictfp)\\s+)*"
                    + "(?:class|interface|enum|record|@interface)\\s+(\\w+).*");
    private static final Pattern MEMBER_START = Pattern.compile("^(?:@|(?:public|protected|private|static)\\s).*");
    private static final Pattern RECORD_HEADER = Pattern.compile(
            "^(?:public\\s+)?record\\s+(\\w+)\\s*\\(([^{};]*)\\)$");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b(?:\\w+\\.)+(\\w+)");
    private static final String GENERATED_CLASS = "DocumentationSnippet";

    private JavaSnippets() {
    }

    /** Every {@code ```java} block of the given pages, named relative to {@code root}, in page order. */
    static List<Block> blocksIn(Path root, List<Path> pages) {
        List<Block> blocks = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = readLines(page);
            String pageName = root.relativize(page).toString().replace(File.separatorChar, '/');
            for (int i = 0; i < lines.size(); i++) {
                Matcher opening = OPENING_FENCE.matcher(lines.get(i));
                if (!opening.matches()) {
                    continue;
                }
                int indent = opening.group(1).length();
                List<String> code = new ArrayList<>();
                int j = i + 1;
                while (j < lines.size() && !CLOSING_FENCE.matcher(lines.get(j)).matches()) {
                    String line = lines.get(j);
                    code.add(line.substring(Math.min(indent, leadingSpaces(line))));
                    j++;
                }
                if (j == lines.size()) {
                    throw new AssertionError(pageName + ":" + (i + 1) + ": the ```java block is never closed");
                }
                blocks.add(new Block(page, pageName, i + 1, List.copyOf(code)));
                i = j;
            }
        }
        return blocks;
    }

    /** How {@link #check} treats the block, by the rules in the class comment. */
    static Kind kindOf(Block block) {
        String joined = block.lines().stream().map(String::strip).collect(Collectors.joining(" ")).strip();
        if (RECORD_HEADER.matcher(joined).matches()) {
            return Kind.RECORD_HEADER;
        }
        List<String> code = codeLines(block.lines(), importsEnd(block.lines()));
        if (code.isEmpty()) {
            return Kind.STATEMENTS;
        }
        if (block.lines().stream().anyMatch(line -> line.startsWith("package ")) || declaredType(code) != null) {
            return Kind.COMPILATION_UNIT;
        }
        return MEMBER_START.matcher(code.get(0)).matches() ? Kind.MEMBERS : Kind.STATEMENTS;
    }

    /**
     * Compiles the block (or, for a record header, compares it with the library's record) and throws an
     * {@link AssertionError} naming the page and its line for every error.
     */
    static void check(Block block) {
        Kind kind = kindOf(block);
        if (kind == Kind.RECORD_HEADER) {
            checkRecordHeader(block);
            return;
        }
        List<String> source = new ArrayList<>();
        List<Integer> origin = new ArrayList<>(); // page line of each source line, or the fence line
        int importsEnd = importsEnd(block.lines());
        for (int i = 0; i < importsEnd; i++) {
            add(source, origin, block.lines().get(i), block.pageLine(i));
        }
        String typeName = GENERATED_CLASS;
        if (kind == Kind.COMPILATION_UNIT) {
            String declared = declaredType(codeLines(block.lines(), importsEnd));
            typeName = declared != null ? declared : typeName;
        } else {
            add(source, origin, "class " + GENERATED_CLASS + " {", block.fenceLine());
            CONTEXT.forEach(field -> add(source, origin, "    " + field, block.fenceLine()));
            if (kind == Kind.STATEMENTS) {
                add(source, origin, "void snippet() throws Exception {", block.fenceLine());
            }
        }
        for (int i = importsEnd; i < block.lines().size(); i++) {
            add(source, origin, block.lines().get(i), block.pageLine(i));
        }
        if (kind == Kind.STATEMENTS) {
            add(source, origin, "}", block.fenceLine());
        }
        if (kind != Kind.COMPILATION_UNIT) {
            add(source, origin, "}", block.fenceLine());
        }

        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : compile(typeName, String.join("\n", source))) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            long line = d.getLineNumber();
            int pageLine = line >= 1 && line <= origin.size() ? origin.get((int) line - 1) : block.fenceLine();
            errors.add(block.pageName() + ":" + pageLine + ": " + d.getMessage(Locale.ROOT));
        }
        if (!errors.isEmpty()) {
            throw new AssertionError(block.location() + ": the ```java block does not compile as "
                    + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " (see the rules in JavaSnippets):\n" + String.join("\n", errors)
                    + "\n--- compiled as ---\n" + numbered(source));
        }
    }

    private static void checkRecordHeader(Block block) {
        String joined = block.lines().stream().map(String::strip).collect(Collectors.joining(" ")).strip();
        Matcher header = RECORD_HEADER.matcher(joined);
        if (!header.matches()) {
            throw new IllegalStateException(joined);
        }
        Class<?> type = libraryClass(header.group(1), block);
        if (!type.isRecord()) {
            throw new AssertionError(block.location() + ": " + type.getName() + " is not a record");
        }
        String documented = header.group(2).strip().replaceAll("\\s+", " ").replaceAll("\\s*,\\s*", ", ");
        String actual = Arrays.stream(type.getRecordComponents())
                .map(JavaSnippets::render)
                .collect(Collectors.joining(", "));
        if (!documented.equals(actual)) {
            throw new AssertionError(block.location() + ": the header of record " + type.getName()
                    + " reads (" + documented + ") but the record is (" + actual + ")");
        }
    }

    private static String render(RecordComponent component) {
        String type = QUALIFIED_NAME.matcher(component.getGenericType().getTypeName()).replaceAll("$1");
        return type + " " + component.getName();
    }

    /** The one class of that simple name among the library's (not the tests') classes. */
    private static Class<?> libraryClass(String simpleName, Block block) {
        Path classes;
        try {
            classes = Path.of(GoneFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.filter(f -> f.getFileName().toString().equals(simpleName + ".class"))
                    .map(f -> classes.relativize(f).toString().replace(File.separatorChar, '.'))
                    .map(f -> f.substring(0, f.length() - ".class".length()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (names.size() != 1) {
            throw new AssertionError(block.location() + ": the library has " + names.size()
                    + " classes named " + simpleName + ": " + names);
        }
        try {
            return Class.forName(names.get(0));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Index of the first line after the leading package and imports (and blank lines and comments among them). */
    private static int importsEnd(List<String> lines) {
        int end = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("import ") || line.startsWith("package ")) {
                end = i + 1;
            } else if (!line.isEmpty() && !line.startsWith("//")) {
                break;
            }
        }
        return end;
    }

    /** The stripped lines from {@code from} on, without blank lines and line comments. */
    private static List<String> codeLines(List<String> lines, int from) {
        return lines.subList(from, lines.size()).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("//"))
                .toList();
    }

    /** The name of the top-level type the code declares first, after any annotations, or null. */
    private static String declaredType(List<String> code) {
        for (String line : code) {
            if (line.startsWith("@")) {
                continue;
            }
            Matcher type = TYPE_DECLARATION.matcher(line);
            return type.matches() ? type.group(1) : null;
        }
        return null;
    }

    private static List<Diagnostic<? extends JavaFileObject>> compile(String typeName, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out;
        try {
            out = Files.createTempDirectory("gone-filter-snippet");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none",
                    "-classpath", testClassPath(), "-d", out.toString());
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + typeName + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            javac.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(out);
        }
        return diagnostics.getDiagnostics();
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in this property. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static void add(List<String> source, List<Integer> origin, String line, int pageLine) {
        source.add(line);
        origin.add(pageLine);
    }

    private static String numbered(List<String> source) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < source.size(); i++) {
            text.append(String.format(Locale.ROOT, "%3d  %s%n", i + 1, source.get(i)));
        }
        return text.toString();
    }

    private static int leadingSpaces(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static List<String> readLines(Path page) {
        try {
            return Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
