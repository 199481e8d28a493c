package dev.tessera.dataplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Cluster;
import dev.tessera.testing.Scenario;
import io.grpc.Status;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a node whose cluster lease lapsed (its database connection cut by a proxy) fails closed over gRPC
 * as over HTTP: Check answers a denial with 503 {@code UNAVAILABLE} and the Google-shaped body, for a good
 * token too, and allows it again once the node is back. One node on PostgreSQL, lease 2 s (the default).
 */
class ExtAuthzFencingTests {

    @Test
    void aNodeWithALapsedLeaseDeniesEveryCheck503AndAllowsAgainWhenBack() throws InterruptedException {
        try (Cluster cluster = Cluster.start(1, "tessera.data-plane-grpc-port=0");
                ExtAuthzClient envoy = new ExtAuthzClient(cluster.node(0).bean(ExtAuthzServer.class).port())) {
            Scenario scenario = new Scenario(cluster.node(0));
            String token = scenario.issueToken(scenario.account("envoy-fenced"));
            assertThat(envoy.check(token, (String) null).allowed()).isTrue();

            cluster.proxy(0).cut();
            try {
                awaitTrue(() -> envoy.check(token, (String) null).httpStatus() == 503, Duration.ofSeconds(10), "the node fences itself");
                ExtAuthzClient.Answer fenced = envoy.check(token, (String) null);
                ExtAuthzTests.assertDenied(fenced, 503, Status.Code.UNAVAILABLE, "internalError", "TRANSIENT_ERROR");
            } finally {
                cluster.proxy(0).restore();
            }
            awaitTrue(() -> envoy.check(token, (String) null).allowed(), Duration.ofSeconds(20), "the node serves again");
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, within).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
