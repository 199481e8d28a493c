package dev.tessera.dataplane;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code dataPlane}, part of readiness: UP while the data-plane listener accepts
 * connections (or when it is turned off with {@code TESSERA_DATA_PLANE_PORT=-1}), DOWN otherwise.
 */
@Component
class DataPlaneHealthIndicator implements HealthIndicator {

    private final DataPlaneServer server;
    private final DataPlaneProperties properties;

    DataPlaneHealthIndicator(DataPlaneServer server, DataPlaneProperties properties) {
        this.server = server;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (!properties.enabled()) {
            return Health.up().withDetail("listener", "off").build();
        }
        return server.port() >= 0 ? Health.up().withDetail("port", server.port()).build()
                : Health.down().withDetail("listener", "not listening").build();
    }
}
