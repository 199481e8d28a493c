package dev.tessera.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.testing.ChildTessera;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What Tessera says when it starts, and when it cannot (issue 14): the first lines name the
 * addresses and the password file; a refused start ends with one report naming the setting to
 * change, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupMessagesTests {

    @Test
    void aTakenWebPortIsNamedWithServerPort(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> RunningTessera.start(TestDatabase.fresh(Storage.H2), "server.port=" + port));
            assertRefusal(output, "port " + port, "SERVER_PORT");
        }
    }

    @Test
    void aTakenDataPlanePortIsNamedWithItsVariable(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> RunningTessera.start(TestDatabase.fresh(Storage.H2),
                    "tessera.data-plane-port=" + port));
            assertRefusal(output, "port " + port, "TESSERA_DATA_PLANE_PORT");
        }
    }

    @Test
    void aDataDirectoryInUseByAnotherTesseraIsRefusedBeforeH2Opens(CapturedOutput output) {
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        try (ChildTessera first = ChildTessera.start(database, "first")) {
            assertThatThrownBy(() -> RunningTessera.start(database));
            assertRefusal(output, database.dataDir().toAbsolutePath().toString(), "TESSERA_DATA_DIR");
            assertThat(output.getAll()).contains("process " + first.pid()).doesNotContain("Database may be already in use");
            assertThat(database.dataDir().resolve("tessera.trace.db")).doesNotExist();
            assertThat(first.api().get("/actuator/health").status()).as("the first one runs on").isEqualTo(200);
        }
    }

    @Test
    void postgresWithoutAPepperIsRefusedBeforeAnyMigration(CapturedOutput output) throws SQLException {
        TestDatabase database = TestDatabase.fresh(Storage.POSTGRES);
        assertThatThrownBy(() -> RunningTessera.start(database, "tessera.token-pepper="));
        assertRefusal(output, "token pepper", "TESSERA_TOKEN_PEPPER");
        assertThat(output.getAll()).contains("openssl rand -base64 32");
        try (Connection connection = DriverManager.getConnection(
                database.properties().get("spring.datasource.url"), "postgres", "postgres");
                ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            assertThat(tables.next()).as("no table was created").isFalse();
        }
    }

    @Test
    void theFirstLinesSayWhereTesseraListensAndWhereThePasswordIs(CapturedOutput output) {
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        try (RunningTessera tessera = RunningTessera.start(database, "tessera.admin-email=", "tessera.admin-password=",
                "tessera.data-plane-port=-1")) {
            List<String> lines = Arrays.stream(output.getAll().split("\n")).filter(line -> line.contains(" INFO ")
                    || line.contains(" WARN ") || line.contains(" ERROR ")).toList();
            assertThat(lines.get(0)).contains("Console and management API");
            assertThat(lines.get(1)).contains("Data plane: off").contains("TESSERA_DATA_PLANE_PORT");
            assertThat(lines.get(2)).contains("embedded H2 database in " + database.dataDir().toAbsolutePath());
            assertThat(lines.get(3)).contains(database.dataDir().resolve("initial-admin-password").toAbsolutePath().toString());
            assertThat(lines).as("a normal start warns of nothing").noneMatch(line -> line.contains(" WARN ")
                    || line.contains(" ERROR "));
        }
    }

    /** The refusal's report names the thing and the setting, and the output holds no stack trace. */
    private static void assertRefusal(CapturedOutput output, String what, String setting) {
        String all = output.getAll();
        assertThat(all).contains("APPLICATION FAILED TO START").contains(what).contains(setting);
        assertThat(all.substring(all.lastIndexOf("APPLICATION FAILED TO START"))).contains(setting);
        assertThat(all.lines().filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by:")))
                .as("no stack trace").isEmpty();
    }
}
