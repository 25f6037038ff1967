package io.github.gonefilter.purge;

import io.github.gonefilter.path.PathCanonicalizer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The surrogate keys of a path, the same on both sides: the filter tags each response with the keys of the
 * canonical path it looked up, and a purge names the keys of a tombstone's pattern. Keys depend on the canonical
 * path only, so every spelling of a path ({@code //a}, {@code /a;jsessionid=1}, {@code /%61}) and every variant
 * ({@code Vary: Accept}) of its answer carries them.
 *
 * <ul>
 *   <li>{@code gf:<path>}: the path itself (context path included, case-folded, percent-encoded);</li>
 *   <li>{@code gf-tree:<ancestor>}: each ancestor directory, from the application's root down to
 *       {@value #MAX_TREE_DEPTH} segments, so a glob or regex is purged by the key of its literal directory.</li>
 * </ul>
 *
 * A key longer than {@value #MAX_READABLE_LENGTH} characters is replaced by {@code #} and 32 hex digits of its
 * SHA-256, which bounds the header (about 1.3 KB at most) and stays within Fastly's 1 KB per key.
 */
final class SurrogateKeys {

    /** Response headers that carry the keys: Varnish's xkey module, and Fastly (others copy one in their config). */
    static final List<String> HEADERS = List.of("xkey", "Surrogate-Key");

    static final String PATH_PREFIX = "gf:";
    static final String TREE_PREFIX = "gf-tree:";

    /** Ancestors deeper than this share the key of their ancestor at this depth. */
    static final int MAX_TREE_DEPTH = 8;

    static final int MAX_READABLE_LENGTH = 64;

    private SurrogateKeys() {
    }

    /** The keys a response for {@code canonicalPath} carries: its path key, then its ancestors' tree keys. */
    static List<String> forPath(String contextPath, String canonicalPath) {
        List<String> keys = new ArrayList<>(MAX_TREE_DEPTH + 1);
        keys.add(pathKey(contextPath, canonicalPath));
        List<String> segments = segments(canonicalPath);
        int ancestors = Math.min(segments.size(), MAX_TREE_DEPTH);
        for (int depth = 0; depth < ancestors; depth++) {
            keys.add(treeKey(contextPath, join(segments, depth)));
        }
        return keys;
    }

    /** The header value for the keys of both paths ({@code rawPath} may be null), duplicates removed. */
    static String headerValue(String contextPath, String canonicalPath, String rawPath) {
        Set<String> keys = new LinkedHashSet<>(forPath(contextPath, canonicalPath));
        if (rawPath != null) {
            keys.addAll(forPath(contextPath, rawPath));
        }
        return String.join(" ", keys);
    }

    /**
     * The keys that every path at or below {@code directory} carries: the directory's own path key and the tree
     * key of the directory (or of its ancestor at {@link #MAX_TREE_DEPTH} segments, if it is deeper).
     */
    static List<String> forDirectory(String contextPath, String directory) {
        List<String> segments = segments(directory);
        String tree = treeKey(contextPath, join(segments, Math.min(segments.size(), MAX_TREE_DEPTH - 1)));
        return List.of(tree, pathKey(contextPath, directory));
    }

    static String pathKey(String contextPath, String canonicalPath) {
        return PATH_PREFIX + encode(PurgeScope.fullPath(contextPath, canonicalPath));
    }

    private static String treeKey(String contextPath, String canonicalDirectory) {
        return TREE_PREFIX + encode(PurgeScope.fullPath(contextPath, canonicalDirectory));
    }

    /** Case-folded (an over-purge is harmless, a missed spelling is not), URI-encoded, no separator left. */
    private static String encode(String fullPath) {
        String encoded = PathCanonicalizer.toUriPath(PathCanonicalizer.foldCase(fullPath)).replace(",", "%2C");
        if (encoded.length() <= MAX_READABLE_LENGTH) {
            return encoded;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded.getBytes(StandardCharsets.US_ASCII));
            return "#" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static List<String> segments(String canonicalPath) {
        return canonicalPath.equals("/") ? List.of() : List.of(canonicalPath.substring(1).split("/", -1));
    }

    /** The path of the first {@code depth} segments: {@code /} for none. */
    private static String join(List<String> segments, int depth) {
        return depth == 0 ? "/" : "/" + String.join("/", segments.subList(0, depth));
    }
}
