package dev.tessera.dataplane.grpc;

import com.google.protobuf.ByteString;
import dev.tessera.access.AccessLevel;
import dev.tessera.dataplane.RequestIds;
import dev.tessera.verify.DataPlaneProtocol;
import dev.tessera.verify.DetailedRefusal;
import dev.tessera.verify.Grant;
import dev.tessera.verify.Refusal;
import dev.tessera.verify.RefusalReason;
import dev.tessera.verify.Verdict;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import java.util.Locale;

/**
 * A verdict as Envoy's {@link CheckResponse}, with the contract of {@code GET /v1/forward-auth}.
 *
 * <p>A grant: status OK, and an {@link OkHttpResponse} that sets {@code tessera-manager-customer-id} and
 * {@code tessera-access-level} on the request Envoy forwards (overwriting any a client sent) and removes its
 * {@code developer-token} header, so the protected API never holds the secret. A refusal: the refusal's gRPC
 * status code ({@code INVALID_ARGUMENT}, {@code UNAUTHENTICATED}, {@code PERMISSION_DENIED},
 * {@code RESOURCE_EXHAUSTED}, {@code UNAVAILABLE}) and a {@link DeniedHttpResponse} carrying the HTTP status,
 * {@code content-type: application/json}, {@code request-id}, {@code Retry-After} when waiting helps, and the
 * Google-shaped error body, which Envoy sends to the client as it is. The fixed parts are built once; stateless
 * and thread-safe. Header names are lower case, as HTTP/2 writes them.
 */
final class CheckAnswers {

    static final String MANAGER_CUSTOMER_ID = DataPlaneProtocol.MANAGER_CUSTOMER_ID.toLowerCase(Locale.ROOT);
    static final String ACCESS_LEVEL = DataPlaneProtocol.ACCESS_LEVEL.toLowerCase(Locale.ROOT);
    static final String RETRY_AFTER = DataPlaneProtocol.RETRY_AFTER.toLowerCase(Locale.ROOT);

    private static final com.google.rpc.Status OK = com.google.rpc.Status.newBuilder().setCode(io.grpc.Status.Code.OK.value()).build();
    private static final HeaderValueOption JSON = header("content-type", DataPlaneProtocol.JSON);
    private static final HeaderValueOption[] LEVELS = new HeaderValueOption[AccessLevel.values().length];
    private static final com.google.rpc.Status[] STATUSES = new com.google.rpc.Status[RefusalReason.values().length];
    private static final HttpStatus[] HTTP_STATUSES = new HttpStatus[RefusalReason.values().length];

    static {
        for (AccessLevel level : AccessLevel.values()) {
            LEVELS[level.ordinal()] = header(ACCESS_LEVEL, level.name());
        }
        for (RefusalReason reason : RefusalReason.values()) {
            STATUSES[reason.ordinal()] = com.google.rpc.Status.newBuilder()
                    .setCode(io.grpc.Status.Code.valueOf(reason.status()).value()).setMessage(reason.message()).build();
            StatusCode code = StatusCode.forNumber(reason.httpStatus());
            if (code == null) {
                throw new IllegalStateException("Envoy's StatusCode has no " + reason.httpStatus() + " for " + reason);
            }
            HTTP_STATUSES[reason.ordinal()] = HttpStatus.newBuilder().setCode(code).build();
        }
    }

    private CheckAnswers() {}

    static CheckResponse answer(Verdict verdict) {
        return verdict instanceof Grant grant ? granted(grant) : refused((Refusal) verdict, RequestIds.next());
    }

    static CheckResponse granted(Grant grant) {
        return CheckResponse.newBuilder().setStatus(OK).setOkResponse(OkHttpResponse.newBuilder()
                        .addHeaders(header(MANAGER_CUSTOMER_ID, grant.managerCustomerIdDigits()))
                        .addHeaders(LEVELS[grant.accessLevel().ordinal()])
                        .addHeadersToRemove(DataPlaneProtocol.DEVELOPER_TOKEN))
                .build();
    }

    static CheckResponse refused(Refusal refusal, String requestId) {
        RefusalReason reason = refusal.reason();
        DeniedHttpResponse.Builder denied = DeniedHttpResponse.newBuilder()
                .setStatus(HTTP_STATUSES[reason.ordinal()])
                .addHeaders(JSON)
                .addHeaders(header(DataPlaneProtocol.REQUEST_ID, requestId))
                .setBodyBytes(ByteString.copyFrom(refusal.errorBody(requestId)));
        if (refusal.retryAfterSeconds() > 0) {
            denied.addHeaders(header(RETRY_AFTER, Long.toString(refusal.retryAfterSeconds())));
        }
        com.google.rpc.Status status = STATUSES[reason.ordinal()];
        if (refusal instanceof DetailedRefusal detailed) {
            status = status.toBuilder().setMessage(detailed.message()).build();
        }
        return CheckResponse.newBuilder().setStatus(status).setDeniedResponse(denied).build();
    }

    private static HeaderValueOption header(String name, String value) {
        return HeaderValueOption.newBuilder().setHeader(HeaderValue.newBuilder().setKey(name).setValue(value))
                .setAppendAction(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD).build();
    }
}
