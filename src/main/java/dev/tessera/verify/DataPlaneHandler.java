package dev.tessera.verify;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the data-plane listener: routes each HTTP/1.1 request to {@link DataPlane} and
 * writes the verdict with the bodies of {@link DataPlaneProtocol}. The decision runs on the event
 * loop (it takes microseconds and does no I/O); responses are flushed once per read batch.
 * Not shared: it holds the state of the request being read.
 */
final class DataPlaneHandler extends ChannelInboundHandlerAdapter {

    static final String FORWARD_AUTH_PATH = "/v1/forward-auth";
    static final String VERIFY_PATH = "/v1/developer-token:verify";

    private static final Logger log = LoggerFactory.getLogger(DataPlaneHandler.class);

    private static final AsciiString MANAGER_CUSTOMER_ID = AsciiString.cached(DataPlaneProtocol.MANAGER_CUSTOMER_ID);
    private static final AsciiString ACCESS_LEVEL = AsciiString.cached(DataPlaneProtocol.ACCESS_LEVEL);
    private static final AsciiString REQUEST_ID = AsciiString.cached(DataPlaneProtocol.REQUEST_ID);
    private static final AsciiString DEVELOPER_TOKEN = AsciiString.cached(DataPlaneProtocol.DEVELOPER_TOKEN);
    private static final AsciiString LOGIN_CUSTOMER_ID = AsciiString.cached(DataPlaneProtocol.LOGIN_CUSTOMER_ID);
    private static final AsciiString ORIGINAL_URI = AsciiString.cached(DataPlaneProtocol.ORIGINAL_URI);
    private static final AsciiString FORWARDED_URI = AsciiString.cached(DataPlaneProtocol.FORWARDED_URI);
    private static final AsciiString SERVICE = AsciiString.cached(DataPlaneProtocol.SERVICE);
    private static final AsciiString OPERATIONS = AsciiString.cached(DataPlaneProtocol.OPERATIONS);
    private static final AsciiString RETRY_AFTER = AsciiString.cached(DataPlaneProtocol.RETRY_AFTER);
    private static final AsciiString PROBLEM_JSON = AsciiString.cached("application/problem+json");
    private static final AsciiString ZERO = AsciiString.cached("0");

    /** RFC 9110's name for 413, as the main port answers it. */
    private static final HttpResponseStatus CONTENT_TOO_LARGE = new HttpResponseStatus(413, "Content Too Large");

    private static final FullHttpResponse CONTINUE =
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER);

    /** What to do with the body of the request being read. */
    private enum Reading { NOTHING, VERIFY_BODY, DISCARD, DISCARD_THEN_CLOSE }

    /**
     * How much of a refused body is read and dropped before closing, so that the client, still
     * sending, reads the 413 instead of a connection reset (as Tomcat's max-swallow-size).
     */
    static final long MAX_SWALLOW_BYTES = 16L * 1024 * 1024;

    private final DataPlane dataPlane;

    private Reading reading = Reading.NOTHING;
    private boolean keepAlive;
    private boolean http10;
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
                problemAndClose(ctx, CONTENT_TOO_LARGE, "The request body is larger than 64 KiB.");
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
                ctx.writeAndFlush(CONTINUE.retainedDuplicate());
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
        FullHttpResponse response;
        if (verdict instanceof Grant grant) {
            ByteBuf content = jsonBody ? Unpooled.wrappedBuffer(DataPlaneProtocol.grantedBody(grant)) : Unpooled.EMPTY_BUFFER;
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
            HttpHeaders headers = response.headers();
            headers.set(MANAGER_CUSTOMER_ID, grant.managerCustomerIdDigits());
            headers.set(ACCESS_LEVEL, grant.accessLevel().name());
            if (jsonBody) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                headers.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            } else {
                headers.set(HttpHeaderNames.CONTENT_LENGTH, ZERO);
            }
        } else {
            Refused refused = (Refused) verdict;
            String requestId = RequestIds.next();
            ByteBuf content = Unpooled.wrappedBuffer(refused.errorBody(requestId));
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(refused.httpStatus()), content);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                    .set(REQUEST_ID, requestId);
            if (refused.retryAfterSeconds() > 0) {
                response.headers().set(RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
            }
        }
        send(ctx, response, keepAlive);
    }

    /**
     * Answers 413 and ends the connection: at once, or, when {@code swallow}, after reading and
     * dropping the rest of the body (up to {@link #MAX_SWALLOW_BYTES}).
     */
    private void tooLarge(ChannelHandlerContext ctx, boolean swallow) {
        FullHttpResponse response = problemResponse(CONTENT_TOO_LARGE, "The request body is larger than 64 KiB.");
        if (!swallow) {
            reading = Reading.DISCARD;
            send(ctx, response, false);
            return;
        }
        reading = Reading.DISCARD_THEN_CLOSE;
        swallowed = 0;
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response);
    }

    private void methodNotAllowed(ChannelHandlerContext ctx, HttpMethod allowed) {
        FullHttpResponse response = problemResponse(HttpResponseStatus.METHOD_NOT_ALLOWED,
                "This path answers " + allowed.name() + " only.");
        response.headers().set(HttpHeaderNames.ALLOW, allowed.name());
        send(ctx, response, keepAlive);
    }

    private void problem(ChannelHandlerContext ctx, HttpResponseStatus status, String detail) {
        send(ctx, problemResponse(status, detail), keepAlive);
    }

    /** Answers and closes: the rest of the request is not read, so the connection cannot go on. */
    private void problemAndClose(ChannelHandlerContext ctx, HttpResponseStatus status, String detail) {
        send(ctx, problemResponse(status, detail), false);
    }

    private static FullHttpResponse problemResponse(HttpResponseStatus status, String detail) {
        // Same shape as the main port's problem details; the detail is one of our own constant sentences.
        byte[] json = ("{\"type\":\"about:blank\",\"title\":\"" + status.reasonPhrase() + "\",\"status\":" + status.code()
                + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(json));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, PROBLEM_JSON).setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
        return response;
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepOpen) {
        if (keepOpen) {
            if (http10) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.write(response);
            written = true;
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
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
