package io.github.gonefilter.cli;

import java.util.regex.Pattern;

/** Text for the human output: one finding per line, whatever a path, regex or message holds. */
final class Text {

    /** Jackson's position text, "[Source: REDACTED (...); line: 3, column: 2]": the file and position are said already. */
    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");

    private Text() {
    }

    /**
     * {@code text} with every character that would end or break a line (controls, NEL, the Unicode line and
     * paragraph separators) written as a {@code \}{@code uXXXX} escape, which a Java regex reads as that
     * character, so a regex stays the same regex.
     */
    static String oneLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean breaks = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (breaks && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (breaks) {
                    out.append(String.format("\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** A parser message without Jackson's source description: "(for Object starting at line 3, column 2)". */
    static String withoutParserSource(String message) {
        return JACKSON_SOURCE.matcher(message).replaceAll("line $1, column $2");
    }
}
