package dev.tessera.dataplane;

import dev.tessera.verify.DataPlane;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The data plane's dedicated Netty listener, one per node, answering with the verify feature's decision. */
@Configuration(proxyBeanMethods = false)
class DataPlaneConfiguration {

    @Bean
    DataPlaneServer dataPlaneServer(DataPlane dataPlane, DataPlaneProperties properties) {
        return new DataPlaneServer(dataPlane, properties);
    }
}
