package dev.tessera.dataplane;

import dev.tessera.verify.DataPlaneProtocol;
import io.netty.buffer.ByteBuf;
import java.util.Locale;

/**
 * The headers the data-plane listener reads, matched by length and then case-insensitively over the
 * buffer's bytes, and what each one means for the {@link RequestHead}; any other header is skipped.
 * A data-plane header, Host, Content-Length or Transfer-Encoding sent twice is refused.
 */
final class HeaderFields {

    private static final byte[] HOST = lower("host");
    private static final byte[] EXPECT = lower("expect");
    private static final byte[] CONNECTION = lower("connection");
    private static final byte[] CONTENT_LENGTH = lower("content-length");
    private static final byte[] TRANSFER_ENCODING = lower("transfer-encoding");
    private static final byte[] DEVELOPER_TOKEN = lower(DataPlaneProtocol.DEVELOPER_TOKEN);
    private static final byte[] LOGIN_CUSTOMER_ID = lower(DataPlaneProtocol.LOGIN_CUSTOMER_ID);
    private static final byte[] ORIGINAL_URI = lower(DataPlaneProtocol.ORIGINAL_URI);
    private static final byte[] FORWARDED_URI = lower(DataPlaneProtocol.FORWARDED_URI);
    private static final byte[] SERVICE = lower(DataPlaneProtocol.SERVICE);
    private static final byte[] OPERATIONS = lower(DataPlaneProtocol.OPERATIONS);
    private static final byte[] CHUNKED = lower("chunked");
    private static final byte[] CONTINUE = lower("100-continue");
    private static final byte[] CLOSE = lower("close");
    private static final byte[] KEEP_ALIVE = lower("keep-alive");
    /** Digits in the longest Content-Length read (far above any body the data plane takes). */
    private static final int MAX_LENGTH_DIGITS = 15;

    private HeaderFields() {}

    /** Reads the header {@code name}: {@code value[from, to)} into {@code head}; null, or why it is refused. */
    static Rejection read(ByteBuf in, int name, int nameLength, int from, int to, RequestHead head) {
        switch (nameLength) {
            case 4:
                if (is(in, name, HOST) && ++head.hosts > 1) {
                    return Rejection.HOST_REPEATED;
                }
                return null;
            case 6:
                if (is(in, name, EXPECT) && !head.http10) {
                    if (!is(in, from, to, CONTINUE)) {
                        return Rejection.EXPECTATION;
                    }
                    head.expectContinue = true;
                }
                return null;
            case 10:
                if (is(in, name, CONNECTION)) {
                    connection(in, from, to, head);
                }
                return null;
            case 14:
                if (is(in, name, CONTENT_LENGTH)) {
                    return contentLength(in, from, to, head);
                }
                return is(in, name, ORIGINAL_URI) ? take(in, from, to, head.originalUri, Rejection.REPEATED_HEADER) : null;
            case 15:
                if (is(in, name, DEVELOPER_TOKEN)) {
                    return take(in, from, to, head.token, Rejection.REPEATED_TOKEN);
                }
                if (is(in, name, FORWARDED_URI)) {
                    return take(in, from, to, head.forwardedUri, Rejection.REPEATED_HEADER);
                }
                return is(in, name, SERVICE) ? take(in, from, to, head.service, Rejection.REPEATED_HEADER) : null;
            case 17:
                if (is(in, name, LOGIN_CUSTOMER_ID)) {
                    return take(in, from, to, head.loginCustomerId, Rejection.REPEATED_HEADER);
                }
                if (is(in, name, TRANSFER_ENCODING)) {
                    if (head.chunked || !is(in, from, to, CHUNKED)) {
                        return Rejection.TRANSFER_CODING;
                    }
                    head.chunked = true;
                }
                return null;
            case 18:
                return is(in, name, OPERATIONS) ? take(in, from, to, head.operations, Rejection.REPEATED_HEADER) : null;
            default:
                return null;
        }
    }

    private static Rejection take(ByteBuf in, int from, int to, AsciiValue value, Rejection repeated) {
        if (value.present()) {
            return repeated;
        }
        value.set(in, from, to);
        return null;
    }

    private static Rejection contentLength(ByteBuf in, int from, int to, RequestHead head) {
        if (head.contentLength >= 0 || to == from || to - from > MAX_LENGTH_DIGITS) {
            return Rejection.CONTENT_LENGTH;
        }
        long length = 0;
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            if (b < '0' || b > '9') {
                return Rejection.CONTENT_LENGTH;
            }
            length = length * 10 + (b - '0');
        }
        head.contentLength = length;
        return null;
    }

    /** A comma-separated list of connection options: {@code close} and {@code keep-alive} count. */
    private static void connection(ByteBuf in, int from, int to, RequestHead head) {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || in.getByte(i) == ',') {
                int s = start;
                int e = i;
                while (s < e && RequestDecoder.ows(in.getByte(s))) {
                    s++;
                }
                while (e > s && RequestDecoder.ows(in.getByte(e - 1))) {
                    e--;
                }
                if (is(in, s, e, CLOSE)) {
                    head.close = true;
                } else if (is(in, s, e, KEEP_ALIVE)) {
                    head.keepAliveAsked = true;
                }
                start = i + 1;
            }
        }
    }

    private static boolean is(ByteBuf in, int from, byte[] lower) {
        return is(in, from, from + lower.length, lower);
    }

    /** Whether {@code in[from, to)} is {@code lower}, ignoring ASCII case. */
    private static boolean is(ByteBuf in, int from, int to, byte[] lower) {
        if (to - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            int b = in.getByte(from + i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] lower(String text) {
        return RequestDecoder.ascii(text.toLowerCase(Locale.ROOT));
    }
}
