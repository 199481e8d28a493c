package dev.tessera.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code /actuator/health}'s {@code cluster} component: UP while this node's lease is fresh (it can
 * prove it is current), OUT_OF_SERVICE when it is not, so a load balancer that checks health drains
 * it; with the opt-in to serve from memory during an outage, UNCONFIRMED — answering, but from state
 * that may miss a reset made elsewhere.
 */
final class ClusterHealth implements HealthIndicator {

    static final Status UNCONFIRMED = new Status("UNCONFIRMED", "serving from memory without a fresh lease");

    private final ClusterNode node;

    ClusterHealth(ClusterNode node) {
        this.node = node;
    }

    @Override
    public Health health() {
        Health.Builder health = node.leaseFresh() ? Health.up()
                : node.properties().serveFromMemoryOnOutage() ? Health.status(UNCONFIRMED) : Health.outOfService();
        return health.withDetail("node", node.name()).withDetail("appliedChange", node.appliedSeq()).build();
    }
}
