package dev.tessera.dataplane;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads an HTTP/1.1 request head straight from the connection's buffer into a {@link RequestHead}:
 * the request line and the few headers the data plane uses, every other header checked for shape
 * and skipped, no object allocated. Strict (RFC 9112, issue 12): lines end with CR LF (a bare CR or
 * LF is refused at once, not waited on), no folded header lines, no whitespace before a colon, no
 * control characters in values, exactly one Host on HTTP/1.1 (at most one on 1.0), one
 * Content-Length or {@code Transfer-Encoding: chunked} but not both, and no data-plane header twice.
 * Up to 8 KiB of request line and 16 KiB of headers are read; empty lines before a request line are
 * skipped (RFC 9112 §2.2). Stateless between calls: a head that has not all arrived is read again
 * from its start when more bytes come. Not thread-safe (it has no state, but the head it fills has).
 */
final class RequestDecoder {

    static final int MAX_INITIAL_LINE = 8 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;

    /** {@link #lineEnd}: no line end in what is buffered. */
    static final int NO_LINE_END = -1;
    /** {@link #lineEnd}: a CR not followed by LF, or an LF without its CR. */
    static final int BARE = -2;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HTAB = '\t';
    private static final boolean[] TOKEN = new boolean[256];
    private static final byte[] FORWARD_AUTH = ascii(RequestHead.FORWARD_AUTH_PATH);
    private static final byte[] VERIFY = ascii(RequestHead.VERIFY_PATH);
    private static final byte[] FORWARD_AUTH_NGINX = ascii(RequestHead.FORWARD_AUTH_NGINX_PATH);

    static {
        for (char c : "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private RequestDecoder() {}

    /**
     * Reads the head that starts at {@code in}'s reader index. Answers null when it is complete and
     * valid (the reader index is then just past it), {@link Rejection#INCOMPLETE} when it has not all arrived
     * (nothing consumed), or why it is refused.
     */
    static Rejection decode(ByteBuf in, RequestHead head) {
        int end = in.writerIndex();
        int p = in.readerIndex();
        int skipped = 0;
        while (p + 1 < end && in.getByte(p) == CR && in.getByte(p + 1) == LF && skipped < MAX_INITIAL_LINE) {
            p += 2;
            skipped += 2;
        }
        int eol = lineEnd(in, p, Math.min(end, p + MAX_INITIAL_LINE + 1));
        if (eol == BARE) {
            return Rejection.LINE_ENDING;
        }
        if (eol == NO_LINE_END) {
            return end - p > MAX_INITIAL_LINE + 1 ? Rejection.LINE_TOO_LONG : Rejection.INCOMPLETE;
        }
        head.clear();
        Rejection refused = requestLine(in, p, eol, head);
        if (refused != null) {
            return refused;
        }
        int headers = eol + 2;
        int limit = headers + MAX_HEADER_BYTES + 2;
        for (p = headers; ; p = eol + 2) {
            eol = lineEnd(in, p, Math.min(end, limit));
            if (eol == BARE) {
                return Rejection.LINE_ENDING;
            }
            if (eol == NO_LINE_END) {
                return end >= limit ? Rejection.HEADERS_TOO_LARGE : Rejection.INCOMPLETE;
            }
            if (eol == p) {
                refused = complete(head);
                if (refused == null) {
                    in.readerIndex(eol + 2);
                }
                return refused;
            }
            refused = header(in, p, eol, head);
            if (refused != null) {
                return refused;
            }
        }
    }

    private static Rejection complete(RequestHead head) {
        if (head.hosts == 0 && !head.http10) {
            return Rejection.HOST_MISSING;
        }
        if (head.chunked && head.contentLength >= 0) {
            return Rejection.LENGTH_AND_CHUNKED;
        }
        return null;
    }

    /**
     * The index of the CR that ends the line starting at {@code from}, looking before {@code limit};
     * {@link #NO_LINE_END} when there is none yet, {@link #BARE} for a CR or LF out of its pair.
     */
    static int lineEnd(ByteBuf in, int from, int limit) {
        for (int i = from; i < limit; i++) {
            byte b = in.getByte(i);
            if (b == LF) {
                return BARE;
            }
            if (b == CR) {
                if (i + 1 >= in.writerIndex()) {
                    return NO_LINE_END;
                }
                return in.getByte(i + 1) == LF ? i : BARE;
            }
        }
        return NO_LINE_END;
    }

    private static Rejection requestLine(ByteBuf in, int from, int eol, RequestHead head) {
        int m = token(in, from, eol);
        if (m == from || m >= eol || in.getByte(m) != SP) {
            return Rejection.REQUEST_LINE;
        }
        head.method = method(in, from, m - from);
        int target = m + 1;
        int t = target;
        while (t < eol && in.getByte(t) > SP && in.getByte(t) < 0x7F) {
            t++;
        }
        if (t == target || t >= eol || in.getByte(t) != SP) {
            return Rejection.REQUEST_LINE;
        }
        head.target = target(in, target, t);
        int v = t + 1;
        if (eol - v != 8 || !regionIs(in, v, "HTTP/") || !digit(in.getByte(v + 5)) || in.getByte(v + 6) != '.'
                || !digit(in.getByte(v + 7))) {
            return Rejection.REQUEST_LINE;
        }
        if (in.getByte(v + 5) != '1' || in.getByte(v + 7) > '1') {
            return Rejection.VERSION;
        }
        head.http10 = in.getByte(v + 7) == '0';
        return null;
    }

    private static Rejection header(ByteBuf in, int from, int eol, RequestHead head) {
        byte first = in.getByte(from);
        if (first == SP || first == HTAB) {
            return Rejection.FOLDED_HEADER;
        }
        int colon = token(in, from, eol);
        if (colon == from || colon >= eol || in.getByte(colon) != ':') {
            return Rejection.HEADER;
        }
        int v = colon + 1;
        int ve = eol;
        while (v < ve && ows(in.getByte(v))) {
            v++;
        }
        while (ve > v && ows(in.getByte(ve - 1))) {
            ve--;
        }
        for (int i = v; i < ve; i++) {
            byte b = in.getByte(i);
            if ((b >= 0 && b < SP && b != HTAB) || b == 0x7F) {
                return Rejection.HEADER;
            }
        }
        return HeaderFields.read(in, from, colon - from, v, ve, head);
    }

    private static RequestHead.Method method(ByteBuf in, int from, int length) {
        if (length == 3 && regionIs(in, from, "GET")) {
            return RequestHead.Method.GET;
        }
        if (length == 4 && regionIs(in, from, "POST")) {
            return RequestHead.Method.POST;
        }
        if (length == 4 && regionIs(in, from, "HEAD")) {
            return RequestHead.Method.HEAD;
        }
        return RequestHead.Method.OTHER;
    }

    private static RequestHead.Target target(ByteBuf in, int from, int to) {
        int path = from;
        while (path < to && in.getByte(path) != '?' && in.getByte(path) != '#') {
            path++;
        }
        if (sameBytes(in, from, path, FORWARD_AUTH)) {
            return RequestHead.Target.FORWARD_AUTH;
        }
        if (sameBytes(in, from, path, FORWARD_AUTH_NGINX)) {
            return RequestHead.Target.FORWARD_AUTH_NGINX;
        }
        return sameBytes(in, from, path, VERIFY) ? RequestHead.Target.VERIFY : RequestHead.Target.OTHER;
    }

    /** The index of the first byte at or after {@code from} that is not a token character. */
    private static int token(ByteBuf in, int from, int to) {
        int i = from;
        while (i < to && TOKEN[in.getByte(i) & 0xFF]) {
            i++;
        }
        return i;
    }

    private static boolean sameBytes(ByteBuf in, int from, int to, byte[] expected) {
        if (to - from != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (in.getByte(from + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean regionIs(ByteBuf in, int from, String expected) {
        for (int i = 0; i < expected.length(); i++) {
            if (in.getByte(from + i) != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    static boolean ows(byte b) {
        return b == SP || b == HTAB;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
