package dev.tessera.verifier;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * A gRPC {@link ServerInterceptor} in front of an API: reads the {@code developer-token} and
 * {@code login-customer-id} metadata and the called method ({@code package.Service/Method} is the
 * service {@code Service.Method}), asks the {@link TesseraVerifier}, and either runs the call with the
 * grant in {@link #DECISION} (the manager customer id and access level), or closes it with the
 * refusal's gRPC status and message, and the Google-Ads-shaped JSON body in the trailer
 * {@code tessera-error-body} beside {@code request-id}. A gRPC request names its customer in the
 * message, which an interceptor cannot read before the call: the test-account check uses
 * {@code login-customer-id}. Use it with {@code ServerInterceptors.intercept(service, new TesseraVerifierInterceptor(verifier))}.
 */
public final class TesseraVerifierInterceptor implements ServerInterceptor {

    public static final Metadata.Key<String> DEVELOPER_TOKEN = Metadata.Key.of("developer-token", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> LOGIN_CUSTOMER_ID = Metadata.Key.of("login-customer-id", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> ERROR_BODY = Metadata.Key.of("tessera-error-body", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("request-id", Metadata.ASCII_STRING_MARSHALLER);
    /** The grant of the call being served. */
    public static final Context.Key<Decision> DECISION = Context.key("tessera-decision");

    private final TesseraVerifier verifier;

    public TesseraVerifierInterceptor(TesseraVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        String token = headers.get(DEVELOPER_TOKEN);
        String login = headers.get(LOGIN_CUSTOMER_ID);
        long customer = login == null ? RequestParts.NO_CUSTOMER : RequestParts.customerId(login, 0, login.length());
        Decision decision = token == null || token.isEmpty() ? Refusal.PARAMETER_MISSING.decision()
                : customer == 0 && login != null ? Refusal.CUSTOMER_ID_INVALID.decision()
                : verifier.verify(token, customer, service(call.getMethodDescriptor().getFullMethodName()));
        if (decision.granted()) {
            return Contexts.interceptCall(Context.current().withValue(DECISION, decision), call, headers, next);
        }
        Refusal refusal = decision.refusal();
        String requestId = verifier.nextRequestId();
        Metadata trailers = new Metadata();
        trailers.put(ERROR_BODY, refusal.errorBody(requestId));
        trailers.put(REQUEST_ID, requestId);
        call.close(Status.fromCode(Status.Code.valueOf(refusal.status())).withDescription(refusal.message()), trailers);
        return new ServerCall.Listener<>() {};
    }

    /** {@code google.ads.googleads.v23.services.GoogleAdsService/Search} → {@code GoogleAdsService.Search}. */
    static String service(String fullMethodName) {
        int slash = fullMethodName.lastIndexOf('/');
        int dot = fullMethodName.lastIndexOf('.', slash);
        return slash < 0 ? fullMethodName : fullMethodName.substring(dot + 1, slash) + "." + fullMethodName.substring(slash + 1);
    }
}
