package dev.tessera.dataplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.system.StartupRefusal;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the ext_authz gRPC listener is off unless a port is given, and a port that is taken stops Tessera's
 * start with a refusal that names the setting to change.
 */
class ExtAuthzStartupTests {

    @Test
    void offByDefaultAndATakenPortIsAStartupRefusalNamingTheSetting() throws IOException {
        try (RunningTessera tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2))) {
            assertThat(tessera.bean(ExtAuthzServer.class).port()).isEqualTo(-1);
            assertThat(tessera.bean(ExtAuthzServer.class).isRunning()).isFalse();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> RunningTessera.start(TestDatabase.fresh(Storage.H2),
                    "tessera.data-plane-grpc-port=" + taken.getLocalPort()).close())
                    .satisfies(failure -> assertThat(refusal(failure)).isNotNull()
                            .extracting(StartupRefusal::action, InstanceOfAssertFactories.STRING)
                            .contains("TESSERA_DATA_PLANE_GRPC_PORT"));
        }
    }

    private static StartupRefusal refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartupRefusal refusal) {
                return refusal;
            }
        }
        return null;
    }
}
