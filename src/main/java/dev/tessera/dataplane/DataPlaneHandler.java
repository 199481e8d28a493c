package dev.tessera.dataplane;

import dev.tessera.verify.DataPlane;
import dev.tessera.verify.DataPlaneProtocol;
import dev.tessera.verify.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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
 * Not shared: it holds the state of the request being read; {@link Replies} writes its answers.
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
    private final Replies replies = new Replies();

    private Reading reading = Reading.NOTHING;
    private String loginCustomerId;
    private ByteBuf body;
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
                replies.problemAndClose(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request headers are larger than 16 KiB.");
            } else if (cause instanceof TooLongHttpLineException) {
                replies.problemAndClose(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line is longer than 8 KiB.");
            } else if (cause instanceof TooLongFrameException) {
                replies.problemAndClose(ctx, WireResponses.CONTENT_TOO_LARGE, "The request body is larger than 64 KiB.");
            } else {
                replies.problemAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "The request is not valid HTTP/1.1.");
            }
            return;
        }
        replies.startRequest(HttpUtil.isKeepAlive(request), !request.protocolVersion().isKeepAliveDefault(),
                HttpMethod.HEAD.equals(request.method()));
        HttpHeaders headers = request.headers();
        String path = path(request.uri());
        HttpMethod method = request.method();
        if (FORWARD_AUTH_PATH.equals(path)) {
            reading = Reading.DISCARD;
            if (!HttpMethod.GET.equals(method)) {
                replies.methodNotAllowed(ctx, HttpMethod.GET);
                return;
            }
            String originalUri = headers.get(ORIGINAL_URI);
            Verdict verdict = dataPlane.forwardAuth(
                    headers.get(DEVELOPER_TOKEN), headers.get(LOGIN_CUSTOMER_ID),
                    originalUri != null ? originalUri : headers.get(FORWARDED_URI),
                    headers.get(SERVICE), headers.get(OPERATIONS));
            replies.answer(ctx, verdict, false);
        } else if (VERIFY_PATH.equals(path)) {
            if (!HttpMethod.POST.equals(method)) {
                reading = Reading.DISCARD;
                replies.methodNotAllowed(ctx, HttpMethod.POST);
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
            replies.problem(ctx, HttpResponseStatus.NOT_FOUND, "The data plane answers GET /v1/forward-auth and POST /v1/developer-token:verify.");
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
            replies.answer(ctx, verdict, true);
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
            replies.send(ctx, response, false);
            return;
        }
        reading = Reading.DISCARD_THEN_CLOSE;
        swallowed = 0;
        ctx.writeAndFlush(response);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        replies.flush(ctx);
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
