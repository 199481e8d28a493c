package dev.tessera.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Files Tessera creates are its owner's alone (issue 12: the H2 database file was mode 644). */
class DataFileModeTests {

    @Test
    void theDatabaseAndSecretFilesAreMode600InAMode700Directory() throws IOException {
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        Path dataDir = database.dataDir().resolve("data");
        try (RunningTessera tessera = RunningTessera.start(database, "tessera.data-dir=" + dataDir)) {
            Scenario scenario = new Scenario(tessera);
            scenario.issueToken(scenario.account("modes"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            List<Path> files;
            try (Stream<Path> listing = Files.list(dataDir)) {
                files = listing.filter(Files::isRegularFile).toList();
            }
            assertThat(files).extracting(file -> file.getFileName().toString()).contains("tessera.mv.db");
            for (Path file : files) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("%s", file)
                        .isEqualTo("rw-------");
            }
        }
    }
}
