package io.github.gonefilter.registry.file;

import io.github.gonefilter.testing.TombstoneRegistryContract;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The registry contract, once over a JSON file and once over a CSV file. */
class FileTombstoneRegistryContractTest {

    @Nested
    class Json extends TombstoneRegistryContract {
        @TempDir
        Path dir;

        @Override
        protected TombstoneRegistry createRegistry(List<Tombstone> initial) throws Exception {
            Path file = Files.createTempFile(dir, "tombstones", ".json");
            Files.writeString(file, TombstoneFileFormat.JSON.write(initial));
            return FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build();
        }

        @Override
        protected boolean writable() {
            return true;
        }

        @Override
        protected boolean preChecksPaths() {
            return true;
        }

        @Override
        protected boolean shared() {
            return true;
        }

        @Override
        protected TombstoneRegistry createPeer(TombstoneRegistry registry) {
            return FileTombstoneRegistry.builder(((FileTombstoneRegistry) registry).location())
                    .reloadInterval(Duration.ZERO).build();
        }

        @Override
        protected void awaitSync(TombstoneRegistry registry) {
            ((FileTombstoneRegistry) registry).reload();
        }
    }

    @Nested
    class Csv extends TombstoneRegistryContract {
        @TempDir
        Path dir;

        @Override
        protected TombstoneRegistry createRegistry(List<Tombstone> initial) throws Exception {
            Path file = Files.createTempFile(dir, "tombstones", ".csv");
            Files.writeString(file, TombstoneFileFormat.CSV.write(initial));
            return FileTombstoneRegistry.builder(file.toString()).reloadInterval(Duration.ZERO).build();
        }

        /** A CSV cell cannot hold them: every other field is checked in CSV. */
        @Override
        protected boolean holdsExtensions() {
            return false;
        }

        @Override
        protected boolean writable() {
            return true;
        }

        @Override
        protected boolean preChecksPaths() {
            return true;
        }
    }
}
