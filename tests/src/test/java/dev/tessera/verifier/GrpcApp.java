package dev.tessera.verifier;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small gRPC API (one unary method, {@code google.ads.googleads.v23.services.GoogleAdsService/Search},
 * strings as messages) on a real Netty server behind {@link TesseraVerifierInterceptor}, and a real
 * client: it answers the manager customer id and access level of the call's grant.
 */
final class GrpcApp implements AutoCloseable {

    static final MethodDescriptor<String, String> SEARCH = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("google.ads.googleads.v23.services.GoogleAdsService/Search")
            .setRequestMarshaller(new Text())
            .setResponseMarshaller(new Text())
            .build();

    /** A call's outcome: its status, the answer or the trailers' error body. */
    record Reply(Status.Code code, String answer, String errorBody) {}

    private final Server server;
    private final ManagedChannel channel;
    final AtomicInteger reached = new AtomicInteger();

    GrpcApp(TesseraVerifier verifier) throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("google.ads.googleads.v23.services.GoogleAdsService")
                .addMethod(SEARCH, ServerCalls.asyncUnaryCall((request, answer) -> {
                    reached.incrementAndGet();
                    Decision grant = TesseraVerifierInterceptor.DECISION.get();
                    answer.onNext(grant.managerCustomerIdDigits() + " " + grant.accessLevel());
                    answer.onCompleted();
                }))
                .build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(service, new TesseraVerifierInterceptor(verifier)))
                .build()
                .start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    Reply search(String token, String loginCustomerId) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(TesseraVerifierInterceptor.DEVELOPER_TOKEN, token);
        }
        if (loginCustomerId != null) {
            headers.put(TesseraVerifierInterceptor.LOGIN_CUSTOMER_ID, loginCustomerId);
        }
        try {
            String answer = ClientCalls.blockingUnaryCall(
                    io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                    SEARCH, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), "query");
            return new Reply(Status.Code.OK, answer, null);
        } catch (StatusRuntimeException e) {
            Metadata trailers = e.getTrailers();
            return new Reply(e.getStatus().getCode(), null,
                    trailers == null ? null : trailers.get(TesseraVerifierInterceptor.ERROR_BODY));
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static final class Text implements MethodDescriptor.Marshaller<String> {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
