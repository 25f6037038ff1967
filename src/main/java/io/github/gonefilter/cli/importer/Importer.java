package io.github.gonefilter.cli.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The configuration formats {@code import} reads. */
public enum Importer {
    APACHE, NGINX, TUCKEY, REDIRECTION;

    /** The name used on the command line: apache, nginx, tuckey, redirection. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code files} and translates every 410 or 451 rule that can be translated exactly.
     *
     * @param base for Apache {@code .htaccess} files: the URL path of their directory ({@code /} if null)
     * @throws ImportException if a file cannot be read as this format at all
     */
    public ImportResult importFiles(List<Path> files, String base) throws IOException, ImportException {
        return switch (this) {
            case APACHE -> new ApacheImporter(base).importFiles(files);
            case NGINX -> new NginxImporter().importFiles(files);
            case TUCKEY -> new TuckeyImporter().importFiles(files);
            case REDIRECTION -> new RedirectionImporter().importFiles(files);
        };
    }
}
