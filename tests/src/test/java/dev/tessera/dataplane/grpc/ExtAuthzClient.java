package dev.tessera.dataplane.grpc;

import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gRPC client of the ext_authz listener, as Envoy calls it: one HTTP/2 channel, CheckRequests whose HTTP
 * attributes carry lower-case header names and the path. Close it to close the channel.
 */
final class ExtAuthzClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ManagedChannel channel;
    private final AuthorizationGrpc.AuthorizationBlockingStub stub;

    ExtAuthzClient(int port) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = AuthorizationGrpc.newBlockingStub(channel);
    }

    /** A Check of a GET of {@code path} with these headers (names as given; null values left out). */
    Answer check(String path, Map<String, String> headers) {
        AttributeContext.HttpRequest.Builder http = AttributeContext.HttpRequest.newBuilder()
                .setMethod("GET").setHost("api.example").setPath(path == null ? "" : path).setProtocol("HTTP/1.1")
                .putHeaders(":method", "GET").putHeaders(":authority", "api.example");
        headers.forEach((name, value) -> {
            if (value != null) {
                http.putHeaders(name, value);
            }
        });
        return check(CheckRequest.newBuilder().setAttributes(AttributeContext.newBuilder()
                .setRequest(AttributeContext.Request.newBuilder().setHttp(http))).build());
    }

    /** A Check with a token, on {@code /v23/customers/{customer}/googleAds:search} or {@code /} without a customer. */
    Answer check(String token, String customer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("developer-token", token);
        return check(customer == null ? "/" : "/v23/customers/" + customer + "/googleAds:search", headers);
    }

    Answer check(CheckRequest request) {
        return new Answer(stub.withDeadlineAfter(10, TimeUnit.SECONDS).check(request));
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A CheckResponse read the way Envoy reads it. */
    record Answer(CheckResponse response) {

        boolean allowed() {
            return response.getStatus().getCode() == 0;
        }

        int grpcCode() {
            return response.getStatus().getCode();
        }

        /** The HTTP status Envoy answers a denied request with (200 when allowed). */
        int httpStatus() {
            return allowed() ? 200 : response.getDeniedResponse().getStatus().getCodeValue();
        }

        /** Headers Envoy sets on the request it forwards (allowed) or on its answer (denied), by name. */
        Map<String, String> headers() {
            List<HeaderValueOption> options = allowed() ? response.getOkResponse().getHeadersList()
                    : response.getDeniedResponse().getHeadersList();
            Map<String, String> headers = new LinkedHashMap<>();
            for (HeaderValueOption option : options) {
                headers.put(option.getHeader().getKey(), option.getHeader().getValue());
            }
            return headers;
        }

        String body() {
            return response.getDeniedResponse().getBody();
        }

        JsonNode json() {
            return JSON.readTree(body());
        }

        @Override
        public String toString() {
            return response.toString();
        }
    }
}
