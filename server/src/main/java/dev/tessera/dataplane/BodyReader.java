package dev.tessera.dataplane;

import io.netty.buffer.ByteBuf;

/**
 * Reads the body after a {@link RequestHead} from the connection's buffer, by its Content-Length or
 * chunk by chunk (sizes in hexadecimal, extensions and trailers skipped, every line ending CR LF),
 * into a sink or, without one, dropping it. Resumes where it stopped when more bytes come; allocates
 * nothing. Not shared: one per connection.
 */
final class BodyReader {

    /** Largest {@code :verify} body; more gets 413. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /**
     * How much of a refused body is read and dropped before closing, so that the client, still
     * sending, reads the 413 instead of a connection reset (as Tomcat's max-swallow-size).
     */
    static final long MAX_SWALLOW_BYTES = 16L * 1024 * 1024;

    enum Step { MORE, DONE, TOO_LARGE, BAD_CHUNK }

    private enum State { LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS }

    /** Longest chunk-size line (size and extensions) or trailer line read. */
    private static final int MAX_LINE = 4 * 1024;
    /** Hex digits of the largest chunk read (a chunk over 64 KiB is refused anyway). */
    private static final int MAX_SIZE_DIGITS = 8;

    private State state;
    private long remaining;
    private long read;
    private long limit;

    /** Starts the body of {@code head}; a sink takes at most {@code limit} bytes in all. */
    void start(RequestHead head, long limit) {
        this.limit = limit;
        read = 0;
        if (head.chunked) {
            state = State.CHUNK_SIZE;
        } else {
            state = State.LENGTH;
            remaining = head.contentLength;
        }
    }

    /** Bytes of body read so far. */
    long read() {
        return read;
    }

    /** Reads what is buffered of the body: into {@code sink} (when not null), else dropped. */
    Step read(ByteBuf in, ByteBuf sink) {
        while (true) {
            switch (state) {
                case LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    if (sink != null && read + n > limit) {
                        return Step.TOO_LARGE;
                    }
                    if (sink != null) {
                        sink.writeBytes(in, n);
                    } else {
                        in.skipBytes(n);
                    }
                    remaining -= n;
                    read += n;
                    if (remaining > 0) {
                        return Step.MORE;
                    }
                    if (state == State.LENGTH) {
                        return Step.DONE;
                    }
                    state = State.CHUNK_END;
                }
                case CHUNK_END -> {
                    if (in.readableBytes() < 2) {
                        return Step.MORE;
                    }
                    if (in.readByte() != '\r' || in.readByte() != '\n') {
                        return Step.BAD_CHUNK;
                    }
                    state = State.CHUNK_SIZE;
                }
                case CHUNK_SIZE, TRAILERS -> {
                    int from = in.readerIndex();
                    int eol = RequestDecoder.lineEnd(in, from, Math.min(in.writerIndex(), from + MAX_LINE));
                    if (eol == RequestDecoder.BARE || (eol == RequestDecoder.NO_LINE_END && in.readableBytes() >= MAX_LINE)) {
                        return Step.BAD_CHUNK;
                    }
                    if (eol == RequestDecoder.NO_LINE_END) {
                        return Step.MORE;
                    }
                    in.readerIndex(eol + 2);
                    if (state == State.TRAILERS) {
                        if (eol == from) {
                            return Step.DONE;
                        }
                    } else {
                        long size = chunkSize(in, from, eol);
                        if (size < 0) {
                            return Step.BAD_CHUNK;
                        }
                        remaining = size;
                        state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** The size at the start of a chunk-size line, or -1 when it is not 1 to 8 hex digits. */
    private static long chunkSize(ByteBuf in, int from, int eol) {
        long size = 0;
        int i = from;
        while (i < eol && i - from <= MAX_SIZE_DIGITS) {
            int digit = Character.digit(in.getByte(i), 16);
            if (digit < 0) {
                break;
            }
            size = size * 16 + digit;
            i++;
        }
        if (i == from || i - from > MAX_SIZE_DIGITS) {
            return -1;
        }
        if (i < eol && in.getByte(i) != ';' && !RequestDecoder.ows(in.getByte(i))) {
            return -1;
        }
        return size;
    }
}
