package dev.tessera.dataplane.grpc;

import dev.tessera.verify.DataPlane;
import dev.tessera.verify.DataPlaneProtocol;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code envoy.service.auth.v3.Authorization/Check}: the HTTP request Envoy holds, as
 * {@link DataPlane#forwardAuth}'s question — the {@code developer-token}, {@code login-customer-id},
 * {@code tessera-service} and {@code tessera-operations} headers, and the request's path in place of
 * {@code X-Original-URI} — answered by {@link CheckAnswers}. Envoy sends header names in lower case, in
 * {@code headers} or, with {@code encode_raw_headers}, in {@code header_map}; both are read. Runs on the
 * event loop that read the call (the decision does no I/O); stateless, so one instance serves every call.
 * A refusal is a CheckResponse, never a gRPC error: Envoy treats a failed call by {@code failure_mode_allow}
 * and {@code status_on_error}, not with Tessera's answer.
 */
final class ExtAuthzService extends AuthorizationGrpc.AuthorizationImplBase {

    private final DataPlane dataPlane;

    ExtAuthzService(DataPlane dataPlane) {
        this.dataPlane = dataPlane;
    }

    @Override
    public void check(CheckRequest request, StreamObserver<CheckResponse> responses) {
        responses.onNext(decide(request));
        responses.onCompleted();
    }

    CheckResponse decide(CheckRequest request) {
        AttributeContext.HttpRequest http = request.getAttributes().getRequest().getHttp();
        String path = http.getPath();
        return CheckAnswers.answer(dataPlane.forwardAuth(header(http, DataPlaneProtocol.DEVELOPER_TOKEN),
                header(http, DataPlaneProtocol.LOGIN_CUSTOMER_ID), path.isEmpty() ? null : path,
                header(http, DataPlaneProtocol.SERVICE), header(http, DataPlaneProtocol.OPERATIONS)));
    }

    /** A header's value ({@code name} in lower case), or null when the request has none. */
    static String header(AttributeContext.HttpRequest http, String name) {
        Map<String, String> headers = http.getHeadersMap();
        if (!headers.isEmpty() || !http.hasHeaderMap()) {
            return headers.get(name);
        }
        HeaderMap raw = http.getHeaderMap();
        for (int i = 0; i < raw.getHeadersCount(); i++) {
            HeaderValue header = raw.getHeaders(i);
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getRawValue().isEmpty() ? header.getValue()
                        : header.getRawValue().toString(StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
