package dev.tessera.dataplane.grpc;

import dev.tessera.dataplane.DataPlaneProperties;
import dev.tessera.dataplane.DataPlaneServer;
import dev.tessera.verify.DataPlane;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Envoy ext_authz gRPC listener, one per node. It takes the HTTP listener as a bean dependency, so Spring
 * starts that one first (its event loops exist to share) and stops this one first (before they shut down).
 */
@Configuration(proxyBeanMethods = false)
class ExtAuthzConfiguration {

    @Bean
    ExtAuthzServer extAuthzServer(DataPlane dataPlane, DataPlaneServer http, DataPlaneProperties dataPlaneProperties,
            ExtAuthzProperties properties) {
        return new ExtAuthzServer(new ExtAuthzService(dataPlane), http, dataPlaneProperties, properties);
    }
}
