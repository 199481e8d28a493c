/**
 * The data plane over gRPC: Envoy's external authorization service ({@code envoy.service.auth.v3.Authorization/Check})
 * on a port of its own ({@code tessera.data-plane-grpc-port}), sharing the Netty event loops of the data-plane
 * listener. Reads the token, {@code login-customer-id} and path from the CheckRequest's HTTP attributes, asks
 * verify's {@code DataPlane} the same question as {@code GET /v1/forward-auth}, and answers with the same
 * headers, statuses and Google-shaped bodies. Holds no decision of its own and no state but the server.
 */
package dev.tessera.dataplane.grpc;
