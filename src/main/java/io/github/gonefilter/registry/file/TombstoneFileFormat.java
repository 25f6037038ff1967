package io.github.gonefilter.registry.file;

import io.github.gonefilter.tombstone.Tombstone;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Locale;

/**
 * The two file formats: a JSON document {@code {"tombstones":[...]}} and CSV with a header row. An empty file,
 * {@code {}} and a CSV file with no rows hold no tombstones. A CSV file must end with a line terminator: one
 * whose last line has none is incomplete (still being written, or cut off) and is not read.
 */
public enum TombstoneFileFormat {
    JSON {
        @Override
        public List<Tombstone> read(String location, Reader reader) throws IOException {
            return JsonFileReader.read(location, reader);
        }

        @Override
        public String write(List<Tombstone> tombstones) {
            return TombstoneFileWriter.json(tombstones);
        }
    },
    CSV {
        @Override
        public List<Tombstone> read(String location, Reader reader) throws IOException {
            return CsvFileReader.read(location, reader);
        }

        @Override
        public String write(List<Tombstone> tombstones) {
            return TombstoneFileWriter.csv(tombstones);
        }
    };

    /** CSV for names ending in {@code .csv}, JSON otherwise. */
    public static TombstoneFileFormat forName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : JSON;
    }

    /**
     * Reads every tombstone of a file.
     *
     * @throws TombstoneFileException naming {@code location}, line and column of the first error
     */
    public abstract List<Tombstone> read(String location, Reader reader) throws IOException;

    /**
     * The file text holding {@code tombstones}, readable by {@link #read}.
     *
     * @throws IllegalArgumentException if the format cannot hold a tombstone (CSV: extensions)
     */
    public abstract String write(List<Tombstone> tombstones);
}
