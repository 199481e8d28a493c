package dev.tessera.dataplane.grpc;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the Envoy ext_authz gRPC listener ({@link ExtAuthzServer}) listens; it binds the data plane's
 * address ({@code tessera.data-plane-address}).
 *
 * @param dataPlaneGrpcPort {@code tessera.data-plane-grpc-port} ({@code TESSERA_DATA_PLANE_GRPC_PORT}):
 *     {@code -1} (no listener) by default, a port 1-65535, or {@code 0} for a random free port
 */
@ConfigurationProperties("tessera")
public record ExtAuthzProperties(Integer dataPlaneGrpcPort) {

    public static final int DISABLED = -1;

    public ExtAuthzProperties {
        dataPlaneGrpcPort = dataPlaneGrpcPort == null ? DISABLED : dataPlaneGrpcPort;
        if (dataPlaneGrpcPort < DISABLED || dataPlaneGrpcPort > 65535) {
            throw new IllegalArgumentException("tessera.data-plane-grpc-port (TESSERA_DATA_PLANE_GRPC_PORT) is a port 1-65535,"
                    + " 0 for a random port or -1 for none; it is " + dataPlaneGrpcPort);
        }
    }

    public boolean enabled() {
        return dataPlaneGrpcPort != DISABLED;
    }
}
