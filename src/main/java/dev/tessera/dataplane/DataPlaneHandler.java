package dev.tessera.dataplane;

import dev.tessera.verify.DataPlane;
import dev.tessera.verify.DataPlaneProtocol;
import dev.tessera.verify.Grant;
import dev.tessera.verify.Refusal;
import dev.tessera.verify.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the data-plane listener: routes each HTTP/1.1 request to {@link DataPlane} and
 * writes the verdict as the bytes {@link WireResponses} encodes (no response encoder in the
 * pipeline, so every answer, HEAD's and HTTP/1.0's included, is written here). The decision runs
 * on the event loop (it takes microseconds and does no I/O); responses are flushed once per read
 * batch.
 * Not shared: it holds the state of the request being read.
 */
final class DataPlaneHandler extends ChannelInboundHandlerAdapter {

    static final String FORWARD_AUTH_PATH = "/v1/forward-auth";
    static final String VERIFY_PATH = "/v1/developer-token:verify";

    private static final Logger log = LoggerFactory.getLogger(DataPlaneHandler.class);

    private static final AsciiString DEVELOPER_TOKEN = AsciiString.cached(DataPlaneProtocol.DEVELOPER_TOKEN);
    private static final AsciiString LOGIN_CUSTOMER_ID = AsciiString.cached(DataPlaneProtocol.LOGIN_CUSTOMER_ID);
    private static final AsciiString ORIGINAL_URI = AsciiString.cached(DataPlaneProtocol.ORIGINAL_URI);
    private static final AsciiString FORWARDED_URI = AsciiString.cached(DataPlaneProtocol.FORWARDED_URI);
    private static final AsciiString SERVICE = AsciiString.cached(DataPlaneProtocol.SERVICE);
    private static final AsciiString OPERATIONS = AsciiString.cached(DataPlaneProtocol.OPERATIONS);

    /** What to do with the body of the request being read. */
    private enum Reading { NOTHING, VERIFY_BODY, DISCARD, DISCARD_THEN_CLOSE }

    /**
     * How much of a refused body is read and dropped before closing, so that the client, still
     * sending, reads the 413 instead of a connection reset (as Tomcat's max-swallow-size).
     */
    static final long MAX_SWALLOW_BYTES = 16L * 1024 * 1024;

    private final DataPlane dataPlane;
    /** The request id of the error being written (copied into the response, so reused). */
    private final byte[] requestId = new byte[RequestIds.LENGTH];

    private Reading reading = Reading.NOTHING;
    private boolean keepAlive;
    private boolean http10;
    private boolean head;
    private String loginCustomerId;
    private ByteBuf body;
    private boolean written;
    private long swallowed;

    DataPlaneHandler(DataPlane dataPlane) {
        this.dataPlane = dataPlane;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                onRequest(ctx, request);
            }
            if (msg instanceof HttpContent content) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        releaseBody();
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            reading = Reading.DISCARD;
            Throwable cause = decoded.cause();
            if (cause instanceof TooLongHttpHeaderException) {
                problemAndClose(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request headers are larger than 16 KiB.");
            } else if (cause instanceof TooLongHttpLineException) {
                problemAndClose(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line is longer than 8 KiB.");
            } else if (cause instanceof TooLongFrameException) {
                problemAndClose(ctx, WireResponses.CONTENT_TOO_LARGE, "The request body is larger than 64 KiB.");
            } else {
                problemAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "The request is not valid HTTP/1.1.");
            }
            return;
        }
        keepAlive = HttpUtil.isKeepAlive(request);
        http10 = !request.protocolVersion().isKeepAliveDefault();
        HttpHeaders headers = request.headers();
        String path = path(request.uri());
        HttpMethod method = request.method();
        head = HttpMethod.HEAD.equals(method);
        if (FORWARD_AUTH_PATH.equals(path)) {
            reading = Reading.DISCARD;
            if (!HttpMethod.GET.equals(method)) {
                methodNotAllowed(ctx, HttpMethod.GET);
                return;
            }
            String originalUri = headers.get(ORIGINAL_URI);
            Verdict verdict = dataPlane.forwardAuth(
                    headers.get(DEVELOPER_TOKEN), headers.get(LOGIN_CUSTOMER_ID),
                    originalUri != null ? originalUri : headers.get(FORWARDED_URI),
                    headers.get(SERVICE), headers.get(OPERATIONS));
            answer(ctx, verdict, false);
        } else if (VERIFY_PATH.equals(path)) {
            if (!HttpMethod.POST.equals(method)) {
                reading = Reading.DISCARD;
                methodNotAllowed(ctx, HttpMethod.POST);
                return;
            }
            long length = HttpUtil.getContentLength(request, -1L);
            if (length > DataPlaneServer.MAX_BODY_BYTES) {
                tooLarge(ctx, length <= MAX_SWALLOW_BYTES && !HttpUtil.is100ContinueExpected(request));
                return;
            }
            if (HttpUtil.is100ContinueExpected(request)) {
                ctx.writeAndFlush(WireResponses.continueResponse(ctx.alloc()));
            }
            reading = Reading.VERIFY_BODY;
            loginCustomerId = headers.get(LOGIN_CUSTOMER_ID);
            body = ctx.alloc().buffer(length > 0 ? (int) length : 256, DataPlaneServer.MAX_BODY_BYTES + 1);
        } else {
            reading = Reading.DISCARD;
            problem(ctx, HttpResponseStatus.NOT_FOUND, "The data plane answers GET /v1/forward-auth and POST /v1/developer-token:verify.");
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (reading == Reading.DISCARD_THEN_CLOSE) {
            swallowed += content.content().readableBytes();
            if (content instanceof LastHttpContent || swallowed > MAX_SWALLOW_BYTES) {
                reading = Reading.DISCARD;
                ctx.close();
            }
            return;
        }
        if (reading != Reading.VERIFY_BODY) {
            if (content instanceof LastHttpContent) {
                reading = Reading.NOTHING;
            }
            return;
        }
        ByteBuf chunk = content.content();
        if (body.readableBytes() + chunk.readableBytes() > DataPlaneServer.MAX_BODY_BYTES) {
            releaseBody();
            tooLarge(ctx, !(content instanceof LastHttpContent));
            return;
        }
        body.writeBytes(chunk);
        if (content instanceof LastHttpContent) {
            byte[] bytes = body.isReadable() ? ByteBufUtil.getBytes(body) : null;
            releaseBody();
            reading = Reading.NOTHING;
            Verdict verdict = dataPlane.verify(bytes, loginCustomerId);
            loginCustomerId = null;
            answer(ctx, verdict, true);
        }
    }

    private void answer(ChannelHandlerContext ctx, Verdict verdict, boolean jsonBody) {
        if (verdict instanceof Grant grant) {
            send(ctx, WireResponses.granted(ctx.alloc(), grant, jsonBody, connection(keepAlive)), keepAlive);
        } else {
            RequestIds.fill(requestId);
            send(ctx, WireResponses.refused(ctx.alloc(), (Refusal) verdict, requestId, connection(keepAlive)), keepAlive);
        }
    }

    /**
     * Answers 413 and ends the connection: at once, or, when {@code swallow}, after reading and
     * dropping the rest of the body (up to {@link #MAX_SWALLOW_BYTES}).
     */
    private void tooLarge(ChannelHandlerContext ctx, boolean swallow) {
        ByteBuf response = WireResponses.problem(ctx.alloc(), WireResponses.CONTENT_TOO_LARGE,
                "The request body is larger than 64 KiB.", null, true, WireResponses.Connection.CLOSE);
        if (!swallow) {
            reading = Reading.DISCARD;
            send(ctx, response, false);
            return;
        }
        reading = Reading.DISCARD_THEN_CLOSE;
        swallowed = 0;
        ctx.writeAndFlush(response);
    }

    private void methodNotAllowed(ChannelHandlerContext ctx, HttpMethod allowed) {
        send(ctx, WireResponses.problem(ctx.alloc(), HttpResponseStatus.METHOD_NOT_ALLOWED,
                "This path answers " + allowed.name() + " only.", allowed.name(), !head, connection(keepAlive)), keepAlive);
    }

    private void problem(ChannelHandlerContext ctx, HttpResponseStatus status, String detail) {
        send(ctx, WireResponses.problem(ctx.alloc(), status, detail, null, !head, connection(keepAlive)), keepAlive);
    }

    /** Answers and closes: the rest of the request is not read, so the connection cannot go on. */
    private void problemAndClose(ChannelHandlerContext ctx, HttpResponseStatus status, String detail) {
        send(ctx, WireResponses.problem(ctx.alloc(), status, detail, null, true, WireResponses.Connection.CLOSE), false);
    }

    /** What a response on this connection says about keeping it: HTTP/1.0 clients are told. */
    private WireResponses.Connection connection(boolean keepOpen) {
        if (!keepOpen) {
            return WireResponses.Connection.CLOSE;
        }
        return http10 ? WireResponses.Connection.KEEP_ALIVE : WireResponses.Connection.DEFAULT;
    }

    private void send(ChannelHandlerContext ctx, ByteBuf response, boolean keepOpen) {
        if (keepOpen) {
            // No promise per response: a failed write reaches exceptionCaught, which closes.
            ctx.write(response, ctx.voidPromise());
            written = true;
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            written = false;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (written) {
            written = false;
            ctx.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseBody();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Data-plane connection failed; closing it", cause);
        releaseBody();
        ctx.close();
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    /** The path of a request target, without its query. */
    private static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
