package dev.tessera.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DataPlanePropertiesTests {

    @Test
    void listensOnPort8081OfEveryAddressByDefault() {
        DataPlaneProperties defaults = new DataPlaneProperties(null, null);
        assertThat(defaults.dataPlanePort()).isEqualTo(8081);
        assertThat(defaults.dataPlaneAddress()).isEqualTo("0.0.0.0");
        assertThat(defaults.enabled()).isTrue();
    }

    @Test
    void minusOneTurnsTheListenerOffAndStartDoesNotBind() {
        DataPlaneProperties off = new DataPlaneProperties(-1, "127.0.0.1");
        assertThat(off.enabled()).isFalse();
        DataPlaneServer server = new DataPlaneServer(null, off);
        server.start();
        assertThat(server.isRunning()).isFalse();
        assertThat(server.port()).isEqualTo(-1);
    }

    @Test
    void refusesAPortOutOfRangeNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DataPlaneProperties(70000, null))
                .withMessageContaining("TESSERA_DATA_PLANE_PORT");
    }
}
