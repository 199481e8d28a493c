package dev.tessera.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What a first start on an empty database sets up, and what it refuses (issue #3, "Starting it"). */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTests {

    @Test
    void firstStartWithoutAdminSettingsWritesAGeneratedPasswordToAnOwnerOnlyFile(CapturedOutput output)
            throws IOException {
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        try (RunningTessera tessera = RunningTessera.start(database, "tessera.admin-email=", "tessera.admin-password=")) {
            Path passwordFile = database.dataDir().resolve("initial-admin-password");
            Path pepperFile = database.dataDir().resolve("token-pepper");
            assertThat(ownerOnly(passwordFile)).isTrue();
            assertThat(ownerOnly(pepperFile)).isTrue();
            String password = Files.readString(passwordFile).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);

            assertThat(tessera.api().as("admin@localhost", password).get("/api/v1/manager-accounts").status())
                    .isEqualTo(200);
            assertThat(tessera.api().as("admin@localhost", "wrong-password-123").get("/api/v1/manager-accounts").status())
                    .isEqualTo(401);
            assertThat(output.getAll()).contains(passwordFile.toAbsolutePath().toString()).doesNotContain(password);
        }
    }

    @Test
    void aNewDataDirectoryIsReadableByItsOwnerOnly() throws IOException {
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        Path dataDir = database.dataDir().resolve("new").resolve("data");
        try (RunningTessera tessera = RunningTessera.start(database, "tessera.data-dir=" + dataDir,
                "spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("tessera") + ";DB_CLOSE_ON_EXIT=FALSE")) {
            assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(dataDir.resolve("tessera.mv.db")).exists();
            assertThat(ownerOnly(dataDir.resolve("token-pepper"))).isTrue();
        }
    }

    @Test
    void postgresWithoutAPepperFailsFastSayingHowToSetOne() {
        TestDatabase database = TestDatabase.fresh(Storage.POSTGRES);
        assertThatThrownBy(() -> RunningTessera.start(database, "tessera.token-pepper="))
                .rootCause()
                .hasMessageContaining("TESSERA_TOKEN_PEPPER")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aPepperShorterThan32BytesIsRefused() {
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        assertThatThrownBy(() -> RunningTessera.start(database, "tessera.token-pepper=c2hvcnQ="))
                .rootCause()
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
    }

    private static boolean ownerOnly(Path file) throws IOException {
        return Files.getPosixFilePermissions(file).equals(PosixFilePermissions.fromString("rw-------"));
    }
}
