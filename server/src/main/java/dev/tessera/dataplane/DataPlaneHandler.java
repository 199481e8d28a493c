package dev.tessera.dataplane;

import dev.tessera.verify.DataPlane;
import dev.tessera.verify.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the data-plane listener: reads requests from the raw bytes with
 * {@link RequestDecoder} and {@link BodyReader} (no HTTP codec, header map or string per header),
 * routes each to {@link DataPlane} and writes the verdict through {@link Replies}, on the event loop
 * (microseconds, no I/O), flushing once per read batch; pipelined requests are answered in order.
 * Time limits are the {@link RequestClock}'s; a client that half-closes is closed (Netty's default).
 * Not shared: it holds the state of the request being read.
 */
final class DataPlaneHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DataPlaneHandler.class);

    /** What the bytes being read are. */
    private enum Reading { HEAD, VERIFY_BODY, DISCARD_BODY, SWALLOW_THEN_CLOSE, CLOSED }

    private final DataPlane dataPlane;
    private final RequestClock clock;
    private final Replies replies = new Replies();
    private final RequestHead head = new RequestHead();
    private final BodyReader bodies = new BodyReader();

    /** Bytes read and not yet decoded; kept for the connection's life, so reading allocates nothing. */
    private ByteBuf buffer;
    private ByteBuf body;
    private Reading reading = Reading.HEAD;

    DataPlaneHandler(DataPlane dataPlane, RequestClock clock) {
        this.dataPlane = dataPlane;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        clock.read();
        try {
            if (reading == Reading.CLOSED) {
                return;
            }
            if (buffer == null) {
                buffer = ctx.alloc().buffer(Math.max(1024, in.readableBytes()));
            }
            buffer.writeBytes(in);
        } finally {
            in.release();
        }
        read(ctx);
    }

    private void read(ChannelHandlerContext ctx) {
        while (reading != Reading.CLOSED && buffer.isReadable()) {
            if (reading == Reading.HEAD) {
                Rejection refused = RequestDecoder.decode(buffer, head);
                if (refused == Rejection.INCOMPLETE) {
                    break;
                }
                if (refused != null) {
                    reject(ctx, refused);
                    return;
                }
                onHead(ctx);
            } else if (!readBody(ctx)) {
                break;
            }
        }
        if (reading == Reading.CLOSED) {
            return;
        }
        if (buffer.isReadable() || reading != Reading.HEAD) {
            if (clock.incompleteTooLong()) {
                reject(ctx, Rejection.TIMEOUT);
                return;
            }
            buffer.discardReadBytes();
        } else {
            buffer.clear();
        }
    }

    private void onHead(ChannelHandlerContext ctx) {
        replies.startRequest(head.keepAlive(), head.http10, head.method == RequestHead.Method.HEAD);
        clock.requestDone();
        if (head.target == RequestHead.Target.VERIFY && head.method == RequestHead.Method.POST) {
            onVerify(ctx);
            return;
        }
        if (head.forwardAuth() && head.method == RequestHead.Method.GET) {
            Verdict verdict = dataPlane.forwardAuth(head.token.orNull(), head.loginCustomerId.orNull(),
                    head.originalUriOrForwarded(), head.service.orNull(), head.operations.orNull());
            replies.answer(ctx, verdict, head.nginx() ? Replies.Form.NGINX : Replies.Form.HEADERS);
        } else {
            replies.problem(ctx, head.forwardAuth() ? Replies.GET_ONLY
                    : head.target == RequestHead.Target.VERIFY ? Replies.POST_ONLY : Replies.NOT_FOUND);
        }
        next(head.hasBody() ? Reading.DISCARD_BODY : Reading.HEAD, Long.MAX_VALUE);
    }

    private void onVerify(ChannelHandlerContext ctx) {
        if (head.contentLength > BodyReader.MAX_BODY_BYTES) {
            tooLarge(ctx, head.contentLength <= BodyReader.MAX_SWALLOW_BYTES && !head.expectContinue);
            return;
        }
        if (!head.hasBody()) {
            answerVerify(ctx, null);
            return;
        }
        if (head.expectContinue) {
            ctx.writeAndFlush(WireResponses.continueResponse(ctx.alloc()));
        }
        body = ctx.alloc().buffer(head.contentLength > 0 ? (int) head.contentLength : 256, BodyReader.MAX_BODY_BYTES);
        next(Reading.VERIFY_BODY, BodyReader.MAX_BODY_BYTES);
    }

    /** Goes on with the body of the request just read, or the next request; stops when the answer closes. */
    private void next(Reading then, long bodyLimit) {
        if (!head.keepAlive() && then != Reading.VERIFY_BODY) {
            close();
            return;
        }
        reading = then;
        if (then != Reading.HEAD) {
            bodies.start(head, bodyLimit);
        }
    }

    /** Reads what is buffered of a body; false when more bytes are needed. */
    private boolean readBody(ChannelHandlerContext ctx) {
        BodyReader.Step step = bodies.read(buffer, reading == Reading.VERIFY_BODY ? body : null);
        if (reading == Reading.SWALLOW_THEN_CLOSE && (step != BodyReader.Step.MORE || bodies.read() > BodyReader.MAX_SWALLOW_BYTES)) {
            close();
            ctx.close();
            return false;
        }
        if (step == BodyReader.Step.MORE || step == BodyReader.Step.BAD_CHUNK) {
            if (step == BodyReader.Step.BAD_CHUNK) {
                reject(ctx, Rejection.CHUNK);
            }
            return false;
        }
        if (step == BodyReader.Step.TOO_LARGE) {
            tooLarge(ctx, true);
        } else if (reading == Reading.VERIFY_BODY) {
            byte[] bytes = body.isReadable() ? ByteBufUtil.getBytes(body) : null;
            releaseBody();
            answerVerify(ctx, bytes);
        } else {
            reading = Reading.HEAD;
            clock.requestDone();
        }
        return true;
    }

    private void answerVerify(ChannelHandlerContext ctx, byte[] bytes) {
        replies.answer(ctx, dataPlane.verify(bytes, head.loginCustomerId.orNull()), Replies.Form.JSON);
        clock.requestDone();
        next(Reading.HEAD, 0);
    }

    /**
     * Answers 413 and ends the connection: at once, or, when {@code swallow}, after reading and
     * dropping the rest of the body (up to {@link BodyReader#MAX_SWALLOW_BYTES}).
     */
    private void tooLarge(ChannelHandlerContext ctx, boolean swallow) {
        releaseBody();
        ByteBuf response = Replies.TOO_LARGE.encode(ctx.alloc(), true, WireResponses.Connection.CLOSE);
        if (!swallow) {
            close();
            replies.send(ctx, response, false);
            return;
        }
        if (reading != Reading.VERIFY_BODY) {
            bodies.start(head, Long.MAX_VALUE);
        }
        reading = Reading.SWALLOW_THEN_CLOSE;
        ctx.writeAndFlush(response);
    }

    private void reject(ChannelHandlerContext ctx, Rejection rejection) {
        close();
        replies.reject(ctx, rejection, head.nginx());
    }

    /** Reads nothing more: the answer being written closes the connection. */
    private void close() {
        reading = Reading.CLOSED;
        releaseBody();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent) || reading == Reading.CLOSED) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        RequestClock.Idle idle = clock.idle(reading != Reading.HEAD || (buffer != null && buffer.isReadable()));
        if (idle == RequestClock.Idle.TIMED_OUT) {
            reject(ctx, Rejection.TIMEOUT);
        } else if (idle == RequestClock.Idle.CLOSE) {
            close();
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        replies.flush(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        close();
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Data-plane connection failed; closing it", cause);
        close();
        ctx.close();
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
