package dev.tessera.dataplane;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the dedicated data-plane listener ({@link DataPlaneServer}) listens.
 *
 * @param dataPlanePort {@code tessera.data-plane-port} ({@code TESSERA_DATA_PLANE_PORT}): 8081 by
 *     default, {@code 0} for a random free port, {@code -1} to run no listener (the data plane then
 *     answers on the main port only)
 * @param dataPlaneAddress {@code tessera.data-plane-address} ({@code TESSERA_DATA_PLANE_ADDRESS}):
 *     the address to bind, {@code 0.0.0.0} by default
 */
@ConfigurationProperties("tessera")
public record DataPlaneProperties(Integer dataPlanePort, String dataPlaneAddress) {

    public static final int DEFAULT_PORT = 8081;
    public static final int DISABLED = -1;

    public DataPlaneProperties {
        dataPlanePort = dataPlanePort == null ? DEFAULT_PORT : dataPlanePort;
        dataPlaneAddress = dataPlaneAddress == null || dataPlaneAddress.isBlank() ? "0.0.0.0" : dataPlaneAddress.strip();
        if (dataPlanePort < DISABLED || dataPlanePort > 65535) {
            throw new IllegalArgumentException(
                    "tessera.data-plane-port (TESSERA_DATA_PLANE_PORT) is a port 1-65535, 0 for a random port or -1 for none; it is "
                            + dataPlanePort);
        }
    }

    public boolean enabled() {
        return dataPlanePort != DISABLED;
    }
}
