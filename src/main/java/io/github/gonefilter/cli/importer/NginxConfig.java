package io.github.gonefilter.cli.importer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** nginx's configuration syntax: directives with arguments, ending in {@code ;} or a {@code {...}} block. */
final class NginxConfig {

    /** One directive; {@code block} is {@code null} for a simple directive. */
    record Directive(String name, List<String> args, List<Directive> block, Origin origin) {
    }

    /** A syntax error, with its position. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    private final String file;
    private final String text;
    private final Path path;
    private int pos;
    private int line = 1;

    private NginxConfig(Path path, String text) {
        this.path = path;
        this.file = path.toString();
        this.text = text;
    }

    /** Parses {@code file}, following {@code include} directives (relative to the including file's folder). */
    static List<Directive> parse(Path file) throws IOException, SyntaxError {
        NginxConfig config = new NginxConfig(file, Files.readString(file));
        List<Directive> result = config.block(false);
        return result;
    }

    private List<Directive> block(boolean nested) throws IOException, SyntaxError {
        List<Directive> directives = new ArrayList<>();
        List<String> words = new ArrayList<>();
        int startLine = 0;
        while (true) {
            String token = token();
            if (token == null) {
                if (nested || !words.isEmpty()) {
                    throw new SyntaxError(file + ":" + line + ": unexpected end of file");
                }
                return directives;
            }
            if (words.isEmpty()) {
                startLine = line;
            }
            switch (token) {
                case "\u0000;" -> {
                    if (words.isEmpty()) {
                        throw new SyntaxError(file + ":" + line + ": unexpected ';'");
                    }
                    Directive d = new Directive(words.get(0), List.copyOf(words.subList(1, words.size())), null,
                            new Origin(file, startLine, String.join(" ", words) + ";"));
                    if (d.name().equals("include") && d.args().size() == 1) {
                        directives.addAll(include(d));
                    } else {
                        directives.add(d);
                    }
                    words.clear();
                }
                case "\u0000{" -> {
                    if (words.isEmpty()) {
                        throw new SyntaxError(file + ":" + line + ": unexpected '{'");
                    }
                    Origin origin = new Origin(file, startLine, String.join(" ", words) + " {");
                    List<String> args = List.copyOf(words.subList(1, words.size()));
                    String name = words.get(0);
                    words.clear();
                    directives.add(new Directive(name, args, block(true), origin));
                }
                case "\u0000}" -> {
                    if (!nested || !words.isEmpty()) {
                        throw new SyntaxError(file + ":" + line + ": unexpected '}'");
                    }
                    return directives;
                }
                default -> words.add(token);
            }
        }
    }

    private List<Directive> include(Directive d) throws IOException, SyntaxError {
        String pattern = d.args().get(0);
        Path base = path.toAbsolutePath().getParent();
        Path target = base.resolve(pattern);
        List<Path> files = new ArrayList<>();
        if (pattern.contains("*")) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(target.getParent(), target.getFileName().toString())) {
                stream.forEach(files::add);
            }
            files.sort(null);
        } else {
            files.add(target);
        }
        List<Directive> result = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new SyntaxError(d.origin() + ": include " + f + ": no such file");
            }
            result.addAll(parse(f));
        }
        return result;
    }

    /** The next word, or "\0;" "\0{" "\0}" for the punctuation, or {@code null} at the end. */
    private String token() throws SyntaxError {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos >= text.length()) {
            return null;
        }
        char c = text.charAt(pos);
        if (c == ';' || c == '{' || c == '}') {
            pos++;
            return "\u0000" + c;
        }
        StringBuilder word = new StringBuilder();
        if (c == '"' || c == '\'') {
            int startLine = line;
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw new SyntaxError(file + ":" + startLine + ": unterminated quoted string");
                }
                char d = text.charAt(pos++);
                if (d == c) {
                    return word.toString();
                }
                if (d == '\n') {
                    line++;
                }
                if (d == '\\' && pos < text.length()) {
                    escape(word);
                } else {
                    word.append(d);
                }
            }
        }
        while (pos < text.length()) {
            char d = text.charAt(pos);
            if (Character.isWhitespace(d) || d == ';' || d == '{' || d == '}') {
                break;
            }
            pos++;
            if (d == '\\' && pos < text.length()) {
                escape(word);
            } else {
                word.append(d);
            }
        }
        return word.toString();
    }

    /** nginx unescapes quotes, backslash, t, r and n; any other backslash stays (regexes keep theirs). */
    private void escape(StringBuilder word) {
        char e = text.charAt(pos++);
        switch (e) {
            case '"', '\'', '\\' -> word.append(e);
            case 't' -> word.append('\t');
            case 'r' -> word.append('\r');
            case 'n' -> word.append('\n');
            default -> word.append('\\').append(e);
        }
    }
}
