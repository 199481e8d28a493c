package dev.tessera.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a node proves it is current ({@code tessera.cluster.*}, {@code TESSERA_CLUSTER_*}).
 *
 * @param nodeName how this node is named in reset receipts and health; a host name and a random
 *     suffix when unset
 * @param lease how long a renewed lease lasts, in the database's clock
 * @param renewEvery how often the node renews it (and pulls the feed when no notification came)
 * @param driftMargin what a writer adds to a silent node's lease before it counts the node as
 *     fenced, and what a node takes off its own lease before it stops serving: covers clock-rate
 *     drift and the time between reading a clock and the database seeing it
 * @param serveFromMemoryOnOutage whether a node whose lease lapsed keeps answering from memory
 *     (opt-in; the default refuses with 503, which is what keeps the reset promise)
 */
@ConfigurationProperties("tessera.cluster")
public record ClusterProperties(String nodeName, Duration lease, Duration renewEvery, Duration driftMargin,
        boolean serveFromMemoryOnOutage) {

    /** The configured node name, or this host's name and {@code suffix}. */
    String nodeNameOr(String suffix) {
        if (nodeName != null) {
            return nodeName;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + "-" + suffix;
        } catch (java.io.IOException e) {
            return "node-" + suffix;
        }
    }

    public ClusterProperties {
        lease = lease == null ? Duration.ofSeconds(2) : lease;
        renewEvery = renewEvery == null ? Duration.ofMillis(250) : renewEvery;
        driftMargin = driftMargin == null ? Duration.ofMillis(500) : driftMargin;
        if (renewEvery.compareTo(lease.dividedBy(4)) > 0) {
            throw new IllegalArgumentException("tessera.cluster.renew-every (" + renewEvery
                    + ") must be at most a quarter of tessera.cluster.lease (" + lease + ")");
        }
        if (driftMargin.compareTo(lease.dividedBy(2)) >= 0) {
            throw new IllegalArgumentException("tessera.cluster.drift-margin (" + driftMargin
                    + ") must be less than half of tessera.cluster.lease (" + lease + ")");
        }
    }
}
