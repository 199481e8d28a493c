package dev.tessera.dataplane;

import dev.tessera.verify.Grant;
import dev.tessera.verify.Refusal;
import dev.tessera.verify.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The answering half of one data-plane connection: writes each verdict or problem as the bytes
 * {@link WireResponses} encodes, says whether the connection stays open (HTTP/1.0 clients are
 * told), and flushes once per read batch. Not shared: one per {@link DataPlaneHandler}.
 */
final class Replies {

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

    void answer(ChannelHandlerContext ctx, Verdict verdict, boolean jsonBody) {
        if (verdict instanceof Grant grant) {
            send(ctx, WireResponses.granted(ctx.alloc(), grant, jsonBody, connection(keepAlive)), keepAlive);
        } else {
            RequestIds.fill(requestId);
            send(ctx, WireResponses.refused(ctx.alloc(), (Refusal) verdict, requestId, connection(keepAlive)), keepAlive);
        }
    }

    void methodNotAllowed(ChannelHandlerContext ctx, HttpMethod allowed) {
        send(ctx, WireResponses.problem(ctx.alloc(), HttpResponseStatus.METHOD_NOT_ALLOWED,
                "This path answers " + allowed.name() + " only.", allowed.name(), !head, connection(keepAlive)), keepAlive);
    }

    void problem(ChannelHandlerContext ctx, HttpResponseStatus status, String detail) {
        send(ctx, WireResponses.problem(ctx.alloc(), status, detail, null, !head, connection(keepAlive)), keepAlive);
    }

    /** Answers and closes: the rest of the request is not read, so the connection cannot go on. */
    void problemAndClose(ChannelHandlerContext ctx, HttpResponseStatus status, String detail) {
        send(ctx, WireResponses.problem(ctx.alloc(), status, detail, null, true, WireResponses.Connection.CLOSE), false);
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
