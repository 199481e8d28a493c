/**
 * The data plane's listeners: the Netty server on its own port, which reads requests with its own
 * strict HTTP/1.1 decoder over the raw bytes, and the Spring MVC controller under {@code /v1}, both
 * writing verify's verdicts as Google-style responses (on the Netty port also in the form nginx's
 * {@code auth_request} can pass on, {@code /v1/forward-auth/nginx}); {@code dataplane.grpc} answers
 * Envoy's ext_authz over gRPC on the Netty server's event loops. Holds no decision of its own.
 */
package dev.tessera.dataplane;
