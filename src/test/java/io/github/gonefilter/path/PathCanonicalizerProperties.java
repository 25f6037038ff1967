package io.github.gonefilter.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Canonicalization is idempotent and agrees with a deliberately naive reference implementation. */
class PathCanonicalizerProperties {

    private static final List<String> TOKENS = List.of("/", "/", "/", "\\", ".", "..", "a", "b", "é", "%2F", "%2f",
            "%5C", "%2e", "%2E%2E", ";", ";x=1", "%3B", "%41", "%25", "%C3%A9", "%0A", " ", "*", "%", "%G1", "%00");

    @Provide
    Arbitrary<String> rawPaths() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(14).map(tokens -> "/" + String.join("", tokens));
    }

    @Property(tries = 3000)
    void canonicalFormIsAFixedPoint(@ForAll("rawPaths") String raw) {
        String canonical;
        try {
            canonical = PathCanonicalizer.canonicalizeEncoded(raw);
        } catch (InvalidPathException e) {
            return; // rejected input has no canonical form
        }
        assertThat(PathCanonicalizer.isCanonical(canonical)).as(canonical).isTrue();
        assertThat(PathCanonicalizer.canonicalizeDecoded(canonical)).isEqualTo(canonical);
        assertThat(PathCanonicalizer.canonicalizeEncoded(PathCanonicalizer.encode(canonical))).isEqualTo(canonical);
    }

    @Property(tries = 3000)
    void agreesWithTheReference(@ForAll("rawPaths") String raw) {
        String expected = reference(raw);
        String actual;
        try {
            actual = PathCanonicalizer.canonicalizeEncoded(raw);
        } catch (InvalidPathException e) {
            actual = null;
        }
        assertThat(actual).as(raw).isEqualTo(expected);
    }

    /** The rules written out as plainly as possible; null where the path is rejected. */
    private static String reference(String raw) {
        Deque<String> segments = new ArrayDeque<>();
        for (String rawSegment : raw.replace('\\', '/').split("/")) {
            int semicolon = rawSegment.indexOf(';');
            String withoutParams = semicolon >= 0 ? rawSegment.substring(0, semicolon) : rawSegment;
            String decoded = decode(withoutParams);
            if (decoded == null || decoded.indexOf('\0') >= 0) {
                return null;
            }
            for (String segment : decoded.replace('\\', '/').split("/")) {
                if (segment.isEmpty() || segment.equals(".")) {
                    continue;
                }
                if (segment.equals("..")) {
                    segments.pollLast();
                } else {
                    segments.addLast(segment);
                }
            }
        }
        return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
    }

    private static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                try {
                    bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    return null;
                }
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
