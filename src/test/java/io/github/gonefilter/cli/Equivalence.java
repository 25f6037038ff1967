package io.github.gonefilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gonefilter.cli.importer.ImportResult;
import io.github.gonefilter.cli.importer.Importer;
import io.github.gonefilter.path.PathCanonicalizer;
import io.github.gonefilter.registry.file.TombstoneFileFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what a source server and the filter answer for the same request targets. Only "gone" matters:
 * 410, 451, or anything else. Where the two differ, the difference must come from the source itself telling
 * apart two spellings of one canonical path (a trailing slash, {@code //}, {@code ;x}, an encoded slash): then
 * no tombstone can agree with both spellings, and the filter must answer as the source answers the canonical
 * spelling. Any other difference fails the test.
 */
final class Equivalence {

    /** A path the source answers differently from its canonical spelling, and what each side said. */
    record Explained(String target, int source, String canonical, int sourceForCanonical, int filter) {
    }

    final List<String> differences = new ArrayList<>();
    /** Targets the source answers gone by a rule the report lists as left out, and the filter does not. */
    final List<String> leftOut = new ArrayList<>();
    final List<Explained> explained = new ArrayList<>();
    /** Targets the source answers gone and Tomcat refuses with 400 (e.g. an encoded slash): nothing is served. */
    final List<String> refused = new ArrayList<>();
    int compared;

    /** {@link #importAndCompare(Importer, List, String, int, Path, List, String, List, List)} with nothing left out. */
    static Equivalence importAndCompare(Importer importer, List<Path> files, String base, int port, Path dir,
            List<String> seeds, String name) throws Exception {
        return importAndCompare(importer, files, base, port, dir, seeds, name, List.of(), List.of());
    }

    /**
     * Imports {@code files}, requires that exactly the rules {@code leftOut} (as written, e.g. "location = /i {")
     * were left out, runs the real filter on the result in Tomcat (under {@code dir}), and compares it with the
     * source on {@code port} for the probes of {@code seeds}. The source may answer 410 (or 451) where the filter
     * does not only on the probes of {@code leftOutPaths}, the paths of the rules the report lists; the filter
     * never answers gone where the source does not: nothing is approximated.
     */
    static Equivalence importAndCompare(Importer importer, List<Path> files, String base, int port, Path dir,
            List<String> seeds, String name, List<String> leftOut, List<String> leftOutPaths) throws Exception {
        ImportResult result = importer.importFiles(files, base);
        assertThat(result.skipped()).as("rules left out").map(s -> s.origin().text())
                .containsExactlyInAnyOrderElementsOf(leftOut);
        Path tombstones = dir.resolve("tombstones.json");
        Files.writeString(tombstones, TombstoneFileFormat.JSON.write(
                result.tombstones().stream().map(ImportResult.Imported::tombstone).toList()));
        Set<String> missable = leftOutPaths.isEmpty() ? Set.of() : probes(leftOutPaths);
        try (FilterServer filter = FilterServer.goneFilter(dir.resolve("filter"), tombstones)) {
            Equivalence eq = compare(port, filter.port(), probes(seeds), missable);
            System.out.println(eq.summary(name));
            eq.assertNoDifference();
            return eq;
        }
    }

    static Equivalence compare(int sourcePort, int filterPort, Iterable<String> targets, Set<String> missable)
            throws IOException {
        Equivalence result = new Equivalence();
        Map<String, Integer> sourceCache = new LinkedHashMap<>();
        for (String target : targets) {
            result.compared++;
            int source = gone(sourceCache.computeIfAbsent(target, t -> status(sourcePort, t)));
            int filterStatus = WebServers.status(filterPort, target);
            int filter = gone(filterStatus);
            if (source == filter) {
                continue;
            }
            if (filterStatus == 400) {
                result.refused.add(target);
                continue;
            }
            String canonical = canonicalTarget(target);
            if (canonical != null && !canonical.equals(target)) {
                int sourceForCanonical = gone(sourceCache.computeIfAbsent(canonical, t -> status(sourcePort, t)));
                if (sourceForCanonical != source && filter == sourceForCanonical) {
                    result.explained.add(new Explained(target, source, canonical, sourceForCanonical, filter));
                    continue;
                }
            }
            if (filter == 0 && missable.contains(target)) {
                result.leftOut.add(target); // a 410 of a rule the report lists
                continue;
            }
            result.differences.add(target + ": source " + label(source) + ", filter " + label(filter)
                    + (canonical == null ? " (not a valid path for the filter)" : "; canonical spelling " + canonical));
        }
        return result;
    }

    /** One line for the test log: how many targets were compared and which differences were explained. */
    String summary(String name) {
        StringBuilder out = new StringBuilder(name + ": " + compared + " targets compared, " + explained.size()
                + " answered differently by the source for two spellings of one path, " + refused.size()
                + " refused by Tomcat with 400, " + leftOut.size() + " answered gone by the source by a rule left out");
        explained.stream().limit(5).forEach(e -> out.append("\n  ").append(e.target()).append(": source ")
                .append(label(e.source())).append(" but ").append(label(e.sourceForCanonical())).append(" for ")
                .append(e.canonical()).append("; filter ").append(label(e.filter())));
        refused.stream().limit(3).forEach(r -> out.append("\n  ").append(r).append(": refused by Tomcat"));
        return out.toString();
    }

    void assertNoDifference() {
        assertThat(differences).as("paths answered differently by the source server and the filter"
                + " (compared " + compared + ")").isEmpty();
    }


    private static int status(int port, String target) {
        try {
            return WebServers.status(port, target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** 410 and 451 stand for themselves; every other status (200, 301, 400, 403, 404) is "not gone", 0. */
    static int gone(int status) {
        return status == 410 || status == 451 ? status : 0;
    }

    private static String label(int gone) {
        return gone == 0 ? "not gone" : String.valueOf(gone);
    }

    /** The canonical spelling of a target as a request target, or null if the filter cannot read it. */
    static String canonicalTarget(String target) {
        try {
            byte[] bytes = target.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            String asUtf8 = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            return PathCanonicalizer.toUriPath(PathCanonicalizer.canonicalizeEncoded(asUtf8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Request targets probing {@code paths} (literal paths taken from the rules): each as written, and its
     * tricky spellings: case variants, trailing slash, a segment below, a longer last segment, '//', dot
     * segments, percent-encoded letters and slashes, ';' parameters, a non-ASCII character, an encoded newline.
     */
    static Set<String> probes(Iterable<String> paths) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : paths) {
            String p = raw.startsWith("/") ? raw : "/" + raw;
            String encoded = PathCanonicalizer.toUriPath(p);
            out.add(encoded);
            out.add(encoded + "/");
            out.add(encoded + "/x");
            out.add(encoded + "x");
            out.add(encoded + ".php");
            out.add(encoded.toUpperCase(java.util.Locale.ROOT));
            out.add(swapFirstLetterCase(encoded));
            out.add("/" + encoded);
            out.add(encoded.replaceFirst("/", "//"));
            out.add("/x/.." + encoded);
            out.add(encoded + "/.");
            out.add(encoded + ";x");
            out.add(encoded + "%2Fx");
            out.add(encoded + "%C3%A9");
            out.add(encoded + "%0A");
            out.add(encodeFirstLetter(encoded));
            int slash = encoded.lastIndexOf('/');
            if (slash > 0) {
                out.add(encoded.substring(0, slash));
                out.add(encoded.substring(0, slash) + "/");
            }
            if (encoded.length() > 2) {
                out.add(encoded.substring(0, encoded.length() - 1));
            }
        }
        out.add("/");
        out.add("/index.html");
        out.add("/nothing/here");
        return out;
    }

    private static String swapFirstLetterCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c) && c < 0x80) {
                char swapped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return s.substring(0, i) + swapped + s.substring(i + 1);
            }
        }
        return s;
    }

    private static String encodeFirstLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c) && c < 0x80) {
                return s.substring(0, i) + String.format("%%%02X", (int) c) + s.substring(i + 1);
            }
        }
        return s;
    }
}
