package io.github.gonefilter.registry.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Typed template variables take every spelling the application would parse as the same value, and bind that
 * value: the rule the soft-delete registry keys its cache and its queries on.
 */
class PathTemplateProperties {

    private final PathTemplate documents = new PathTemplate("/api/documents/{id:long}", true);

    /** Whatever Long.parseLong accepts is the same id here: signs, leading zeros, any Unicode digits. */
    @Property(tries = 2000)
    void everythingLongParseLongAcceptsIsThatId(@ForAll("numberish") String segment) {
        long expected;
        try {
            expected = Long.parseLong(segment);
        } catch (NumberFormatException e) {
            return;
        }
        assertThat(PathTemplate.parseLong(segment)).as(segment).isEqualTo(expected);
    }

    /** Every long, written in any of the spellings Spring binds to it, is that long; one canonical path. */
    @Property(tries = 2000)
    void everyLongInEverySpellingIsOneRow(@ForAll long id, @ForAll("spellings") Spelling spelling) {
        String segment = spelling.write(id);
        Object[] values = documents.match("/api/documents/" + segment);
        assertThat(values).as(segment).containsExactly(id);
        assertThat(documents.path(values)).isEqualTo("/api/documents/" + id);
    }

    @Property(tries = 2000)
    void nothingButANumberInRangeMatches(@ForAll("numberish") String segment) {
        Object[] values = documents.match("/api/documents/" + segment);
        if (values != null) {
            String digits = segment.codePoints().filter(c -> !Character.isWhitespace(c))
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            assertThat(digits).as(segment).matches("[-+]?(0[xX]|#)?[\\p{Nd}a-fA-F]+");
        }
    }

    @Example
    void overflowAndJunkAreNotIds() {
        for (String segment : new String[] {"9223372036854775808", "-9223372036854775809", "0x10000000000000000",
            "1.5", "1e3", "--1", "+-1", "0x", "#", "+", "", " ", "1_000", "one", "+0x10", "0x-1", "１.０"}) {
            assertThat(PathTemplate.parseLong(segment)).as(segment).isNull();
        }
        assertThat(PathTemplate.parseLong("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(PathTemplate.parseLong("1234567890123456789")).isEqualTo(1234567890123456789L); // 19 digits
        assertThat(PathTemplate.parseLong("0".repeat(8000) + "7")).isEqualTo(7L);
        assertThat(PathTemplate.parseLong("1 2")).isEqualTo(12L); // Spring removes whitespace anywhere
        assertThat(PathTemplate.parseLong("010")).isEqualTo(10L); // decimal, not octal
        assertThat(PathTemplate.parseLong("#1F")).isEqualTo(31L);
        assertThat(PathTemplate.parseLong("١٢")).isEqualTo(12L); // Arabic-Indic digits, as Long.parseLong reads them
    }

    @Example
    void uuidsInEverySpellingAreOneRow() {
        PathTemplate items = new PathTemplate("/shops/{shop}/items/{item:uuid}", true);
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        for (String spelling : new String[] {"123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000",
            " 123e4567-e89b-12d3-a456-426614174000 "}) {
            assertThat(items.match("/shops/north/items/" + spelling)).as(spelling).containsExactly("north", id);
        }
        assertThat(items.match("/shops/north/items/1-2-3-4-5")).containsExactly("north",
                UUID.fromString("00000001-0002-0003-0004-000000000005"));
        assertThat(items.match("/shops/north/items/not-a-uuid")).isNull();
        assertThat(items.path(new Object[] {"north", id})).isEqualTo("/shops/north/items/" + id);
    }

    /**
     * Case-insensitive templates match a literal spelled in any case a router folds to it: for every BMP
     * character that has other case forms, exactly the characters {@link String#equalsIgnoreCase} equates with
     * it (U+1E9E with U+00DF, U+0130 with i, the Kelvin sign with k, ...), and the variable keeps its own
     * spelling. (A character without other case forms folds to itself and matches only itself.)
     */
    @Example
    void caseInsensitiveLiteralsMatchExactlyWhatEqualsIgnoreCaseEquates() {
        java.util.Map<Integer, List<Character>> classes = new java.util.HashMap<>();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (!Character.isSurrogate(c)) {
                classes.computeIfAbsent(Character.toLowerCase(Character.toUpperCase((int) c)), k -> new java.util.ArrayList<>())
                        .add(c);
            }
        }
        int checked = 0;
        for (List<Character> equal : classes.values()) {
            if (equal.size() < 2) {
                continue;
            }
            for (char t : equal) {
                String literal = "/a" + t;
                if (!canonical(literal) || t == '{' || t == '}') {
                    continue;
                }
                PathTemplate template = new PathTemplate(literal + "/{name}", false);
                for (List<Character> other : List.of(equal, classes.get(Character.toLowerCase(Character.toUpperCase((int) 'q'))))) {
                    for (char c : other) {
                        if (!canonical("/a" + c)) {
                            continue;
                        }
                        boolean equalIgnoringCase = String.valueOf(c).equalsIgnoreCase(String.valueOf(t));
                        assertThat(template.match("/a" + c + "/Ann")).as("template %04x, path %04x", (int) t, (int) c)
                                .isEqualTo(equalIgnoringCase ? new Object[] {"Ann"} : null);
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(5_000);
        assertThat(new PathTemplate("/straße/{id:long}", false).match("/STRAẞE/7")).containsExactly(7L);
    }

    private static boolean canonical(String path) {
        try {
            return io.github.gonefilter.path.PathCanonicalizer.canonicalizeEncoded(path).equals(path);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<String> numberish() {
        return Arbitraries.of(List.of("0", "1", "7", "9", "00", "+", "-", "x", "X", "#", "a", "F", " ", "\t", "\u00a0",
                "\u2003", "１", "٣", ".", "_", "e", "922337203685477580", "8", "9223372036854775807")).list().ofMaxSize(6)
                .map(parts -> String.join("", parts));
    }

    /** A way to write a long that Spring's binding reads back as that long. */
    interface Spelling {
        String write(long id);
    }

    @Provide
    Arbitrary<Spelling> spellings() {
        Arbitrary<Integer> zeros = Arbitraries.integers().between(0, 30);
        Arbitrary<String> space = Arbitraries.of("", " ", "\t", "\n", "\u2003");
        return Combinators.combine(zeros, space, Arbitraries.of(Form.values())).as((z, ws, form) -> id -> {
            String digits = form.digits(id, z);
            return ws + digits.substring(0, digits.length() / 2) + ws + digits.substring(digits.length() / 2) + ws;
        });
    }

    enum Form {
        DECIMAL, PLUS, HEX, HEX_UPPER, HASH, FULLWIDTH;

        String digits(long id, int zeros) {
            String pad = "0".repeat(zeros);
            String sign = id < 0 ? "-" : "";
            String magnitude = id == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(id));
            String hex = id == Long.MIN_VALUE ? "8000000000000000" : Long.toHexString(Math.abs(id));
            return switch (this) {
                case DECIMAL -> sign + pad + magnitude;
                case PLUS -> (id < 0 ? "-" : "+") + pad + magnitude;
                case HEX -> sign + "0x" + pad + hex;
                case HEX_UPPER -> sign + "0X" + pad + hex.toUpperCase();
                case HASH -> sign + "#" + pad + hex;
                case FULLWIDTH -> sign + (pad + magnitude).chars().mapToObj(c -> String.valueOf((char) ('\uFF10' + c - '0')))
                        .reduce("", String::concat);
            };
        }
    }
}
