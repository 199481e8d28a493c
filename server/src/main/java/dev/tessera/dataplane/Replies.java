package dev.tessera.dataplane;

import dev.tessera.verify.Grant;
import dev.tessera.verify.Refusal;
import dev.tessera.verify.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The answering half of one data-plane connection: writes each verdict or problem as the bytes
 * {@link WireResponses} encodes, says whether the connection stays open (HTTP/1.0 clients are
 * told), and flushes once per read batch. Not shared: one per {@link DataPlaneHandler}.
 */
final class Replies {

    static final WireResponses.Problem NOT_FOUND = new WireResponses.Problem(HttpResponseStatus.NOT_FOUND,
            "The data plane answers GET /v1/forward-auth (and /v1/forward-auth/nginx) and POST /v1/developer-token:verify.", null);
    static final WireResponses.Problem GET_ONLY = new WireResponses.Problem(HttpResponseStatus.METHOD_NOT_ALLOWED,
            "This path answers GET only.", "GET");
    static final WireResponses.Problem POST_ONLY = new WireResponses.Problem(HttpResponseStatus.METHOD_NOT_ALLOWED,
            "This path answers POST only.", "POST");
    static final WireResponses.Problem TOO_LARGE = new WireResponses.Problem(WireResponses.CONTENT_TOO_LARGE,
            Rejection.BODY_TOO_LARGE.detail, null);

    /** Each rejection's problem-details answer, encoded once (null for those answered the Google Ads way). */
    private static final WireResponses.Problem[] PROBLEMS = new WireResponses.Problem[Rejection.values().length];

    static {
        for (Rejection rejection : Rejection.values()) {
            if (rejection.refusal == null && rejection.status > 0) {
                HttpResponseStatus status = rejection.status == 413 ? WireResponses.CONTENT_TOO_LARGE
                        : HttpResponseStatus.valueOf(rejection.status);
                PROBLEMS[rejection.ordinal()] = new WireResponses.Problem(status, rejection.detail, null);
            }
        }
    }

    /** The request id of the error being written (copied into the response, so reused). */
    private final byte[] requestId = new byte[RequestIds.LENGTH];

    private boolean keepAlive;
    private boolean http10;
    private boolean head;
    private boolean written;

    /** What the request just read asks of its answer. */
    void startRequest(boolean keepAlive, boolean http10, boolean head) {
        this.keepAlive = keepAlive;
        this.http10 = http10;
        this.head = head;
    }

    /** How a verdict is written. */
    enum Form {
        /** forward-auth: the grant in headers, a refusal with its status and body. */
        HEADERS,
        /** {@code :verify}: the grant in a JSON body too. */
        JSON,
        /** forward-auth for nginx's {@code auth_request}: a refusal as {@link WireResponses#refusedForNginx}. */
        NGINX
    }

    void answer(ChannelHandlerContext ctx, Verdict verdict, Form form) {
        if (verdict instanceof Grant grant) {
            send(ctx, WireResponses.granted(ctx.alloc(), grant, form == Form.JSON, connection(keepAlive)), keepAlive);
        } else {
            RequestIds.fill(requestId);
            send(ctx, refused(ctx, (Refusal) verdict, form == Form.NGINX, connection(keepAlive)), keepAlive);
        }
    }

    private ByteBuf refused(ChannelHandlerContext ctx, Refusal refusal, boolean nginx, WireResponses.Connection connection) {
        return nginx ? WireResponses.refusedForNginx(ctx.alloc(), refusal, requestId, connection)
                : WireResponses.refused(ctx.alloc(), refusal, requestId, connection);
    }

    /** A problem-details answer to the request just read; the connection stays as the request asked. */
    void problem(ChannelHandlerContext ctx, WireResponses.Problem problem) {
        send(ctx, problem.encode(ctx.alloc(), !head, connection(keepAlive)), keepAlive);
    }

    /**
     * Refuses a request that is not read, and closes: what follows it cannot be framed. A Google Ads
     * refusal takes nginx's form when {@code nginx}.
     */
    void reject(ChannelHandlerContext ctx, Rejection rejection, boolean nginx) {
        ByteBuf response;
        if (rejection.refusal != null) {
            RequestIds.fill(requestId);
            response = refused(ctx, rejection.refusal, nginx, WireResponses.Connection.CLOSE);
        } else {
            response = PROBLEMS[rejection.ordinal()].encode(ctx.alloc(), true, WireResponses.Connection.CLOSE);
        }
        send(ctx, response, false);
    }

    /** What a response on this connection says about keeping it: HTTP/1.0 clients are told. */
    private WireResponses.Connection connection(boolean keepOpen) {
        if (!keepOpen) {
            return WireResponses.Connection.CLOSE;
        }
        return http10 ? WireResponses.Connection.KEEP_ALIVE : WireResponses.Connection.DEFAULT;
    }

    void send(ChannelHandlerContext ctx, ByteBuf response, boolean keepOpen) {
        if (keepOpen) {
            // No promise per response: a failed write reaches exceptionCaught, which closes.
            ctx.write(response, ctx.voidPromise());
            written = true;
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            written = false;
        }
    }

    /** Flushes what this read batch wrote. */
    void flush(ChannelHandlerContext ctx) {
        if (written) {
            written = false;
            ctx.flush();
        }
    }
}
