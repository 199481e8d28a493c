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
                .hasMessageContaining("TESSERA_TOKEN_PEPPER")
                .isInstanceOfSatisfying(StartupRefusal.class,
                        refusal -> assertThat(refusal.action()).contains("openssl rand -base64 32"));
    }

    @Test
    void aPepperShorterThan32BytesIsRefused() {
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        assertThatThrownBy(() -> RunningTessera.start(database, "tessera.token-pepper=c2hvcnQ="))
                .isInstanceOf(StartupRefusal.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
    }

    /** Issue 14: switching an install to PostgreSQL overwrote the H2 database's password file. */
    @Test
    void aSecondDatabaseNeverOverwritesTheFirstOnesPasswordFile() throws IOException {
        TestDatabase h2 = TestDatabase.fresh(Storage.H2);
        Path h2File = h2.dataDir().resolve("initial-admin-password");
        try (RunningTessera tessera = RunningTessera.start(h2, "tessera.admin-email=", "tessera.admin-password=")) {
            assertThat(h2File).exists();
        }
        String h2Password = Files.readString(h2File);
        TestDatabase postgres = TestDatabase.fresh(Storage.POSTGRES);
        try (RunningTessera tessera = RunningTessera.start(postgres, "tessera.data-dir=" + h2.dataDir(),
                "tessera.admin-email=", "tessera.admin-password=")) {
            Path postgresFile = h2.dataDir().resolve(SecretFiles.ofDatabase("initial-admin-password",
                    postgres.properties().get("spring.datasource.url")));
            assertThat(postgresFile.getFileName().toString()).startsWith("initial-admin-password-postgresql-");
            assertThat(Files.readString(h2File)).isEqualTo(h2Password);
            assertThat(tessera.api().as("admin@localhost", Files.readString(postgresFile).strip())
                    .get("/api/v1/manager-accounts").status()).isEqualTo(200);
        }
    }

    @Test
    void aDatabasesSecretFileNameLeavesOutCredentialsAndParameters() {
        assertThat(SecretFiles.ofDatabase("initial-admin-password", "jdbc:h2:file:./data/tessera;WRITE_DELAY=0"))
                .isEqualTo("initial-admin-password");
        assertThat(SecretFiles.ofDatabase("initial-admin-password",
                "jdbc:postgresql://tessera:s3cret@db.internal:5432/tessera?password=s3cret"))
                .isEqualTo("initial-admin-password-postgresql-db.internal-5432-tessera");
    }

    private static boolean ownerOnly(Path file) throws IOException {
        return Files.getPosixFilePermissions(file).equals(PosixFilePermissions.fromString("rw-------"));
    }
}
