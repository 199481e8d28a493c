package dev.tessera.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One node and one feed per application; the node follows the database the application uses. */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    @Bean
    ChangeLog changeLog(JdbcClient jdbc, Environment environment) {
        return new ChangeLog(jdbc, url(environment).startsWith("jdbc:postgresql:"));
    }

    /**
     * On H2 the database lives in this process and no second node can open it, so nothing can be
     * partitioned from it: unless set, the lease is a minute there, renewed every half minute, which
     * spares the embedded database a write every second. On PostgreSQL the default is 2 s.
     */
    @Bean
    ClusterNode clusterNode(ChangeLog changes, List<ChangeApplier> appliers, ClusterProperties properties,
            Environment environment) {
        if (!changes.postgres() && !environment.containsProperty("tessera.cluster.lease")) {
            properties = new ClusterProperties(properties.nodeName(), Duration.ofMinutes(1), properties.renewEvery(),
                    properties.driftMargin(), properties.serveFromMemoryOnOutage());
        }
        return new ClusterNode(changes, appliers, properties, url(environment),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
    }

    @Bean
    ChangeFeed changeFeed(ChangeLog changes, ClusterNode node, Clock clock) {
        return new ChangeFeed(changes, node, clock);
    }

    @Bean
    RemoteFollowers remoteFollowers(ChangeLog changes, ClusterNode node) {
        return new RemoteFollowers(changes, node);
    }

    @Bean
    ClusterHealth clusterHealthIndicator(ClusterNode node) {
        return new ClusterHealth(node);
    }

    private static String url(Environment environment) {
        return environment.getRequiredProperty("spring.datasource.url");
    }
}
