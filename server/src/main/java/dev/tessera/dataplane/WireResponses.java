package dev.tessera.dataplane;

import dev.tessera.verify.DataPlaneProtocol;
import dev.tessera.verify.RefusalReason;
import dev.tessera.verify.Grant;
import dev.tessera.verify.Refusal;
import dev.tessera.access.AccessLevel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * The responses of the Netty data-plane listener as HTTP/1.1 bytes, each written straight into one
 * pooled buffer: status lines and header lines are pre-encoded, numbers are written as digits in
 * place, and the request id goes where it belongs in the header and the body. A grant or a plain
 * reason costs no heap allocation and no header map, which is most of what the data plane answers
 * (Netty's response encoder is not in the pipeline). Contents are those of
 * {@link DataPlaneProtocol}; header names and values are our own constants, never request input.
 */
final class WireResponses {

    /** What the response says about the connection. */
    enum Connection {
        /** Nothing: HTTP/1.1 keeps it open. */
        DEFAULT(""),
        /** An HTTP/1.0 client asked to keep it open. */
        KEEP_ALIVE("connection: keep-alive\r\n"),
        /** The connection closes after this response. */
        CLOSE("connection: close\r\n");

        private final byte[] line;

        Connection(String line) {
            this.line = ascii(line);
        }
    }

    static final HttpResponseStatus CONTENT_TOO_LARGE = new HttpResponseStatus(413, "Content Too Large");

    private static final byte[] OK = statusLine(HttpResponseStatus.OK);
    private static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");
    private static final byte[] EMPTY_BODY = ascii("content-length: 0\r\n");
    private static final byte[] JSON_LENGTH = ascii("content-type: application/json\r\ncontent-length: ");
    private static final byte[] PROBLEM_LENGTH = ascii("content-type: application/problem+json\r\ncontent-length: ");
    private static final byte[] MANAGER_CUSTOMER_ID = ascii(DataPlaneProtocol.MANAGER_CUSTOMER_ID + ": ");
    private static final byte[] REQUEST_ID = ascii("\r\n" + DataPlaneProtocol.REQUEST_ID + ": ");
    private static final byte[] RETRY_AFTER = ascii(DataPlaneProtocol.RETRY_AFTER + ": ");
    private static final byte[] CRLF = ascii("\r\n");
    /** The header with a refusal's real status, in nginx's form. */
    static final String REFUSAL_STATUS = "Tessera-Refusal-Status";
    /** The header with a refusal's error body, in nginx's form. */
    static final String REFUSAL_BODY = "Tessera-Refusal-Body";
    private static final byte[] UNAUTHORIZED = statusLine(HttpResponseStatus.UNAUTHORIZED);
    private static final byte[] FORBIDDEN = statusLine(HttpResponseStatus.FORBIDDEN);
    private static final byte[] NGINX_STATUS = ascii(REFUSAL_STATUS + ": ");
    private static final byte[] NGINX_BODY = ascii(REFUSAL_BODY + ": ");
    private static final byte[] GRANTED_BODY_START = ascii("{\"valid\":true,\"managerCustomerId\":\"");
    private static final byte[] GRANTED_BODY_LEVEL = ascii("\",\"accessLevel\":\"");
    private static final byte[] GRANTED_BODY_END = ascii("\"}");
    /** Per access level: its header line, and its name as the granted body carries it. */
    private static final byte[][] LEVEL_LINES = new byte[AccessLevel.values().length][];
    private static final byte[][] LEVEL_NAMES = new byte[AccessLevel.values().length][];
    /** Per reason: its status line. */
    private static final byte[][] REASON_LINES = new byte[RefusalReason.values().length][];

    static {
        for (AccessLevel level : AccessLevel.values()) {
            LEVEL_LINES[level.ordinal()] = ascii(DataPlaneProtocol.ACCESS_LEVEL + ": " + level.name() + "\r\n");
            LEVEL_NAMES[level.ordinal()] = ascii(level.name());
        }
        for (RefusalReason reason : RefusalReason.values()) {
            REASON_LINES[reason.ordinal()] = statusLine(HttpResponseStatus.valueOf(reason.httpStatus()));
        }
    }

    private WireResponses() {}

    /** {@code 100 Continue}. */
    static ByteBuf continueResponse(ByteBufAllocator alloc) {
        return alloc.buffer(CONTINUE.length).writeBytes(CONTINUE);
    }

    /** 200 with the grant's headers; with the {@code :verify} JSON body when {@code body}. */
    static ByteBuf granted(ByteBufAllocator alloc, Grant grant, boolean body, Connection connection) {
        byte[] level = LEVEL_NAMES[grant.accessLevel().ordinal()];
        ByteBuf out = alloc.buffer(256);
        out.writeBytes(OK).writeBytes(MANAGER_CUSTOMER_ID);
        writeDigits(out, grant.managerCustomerId());
        out.writeBytes(CRLF).writeBytes(LEVEL_LINES[grant.accessLevel().ordinal()]).writeBytes(connection.line);
        if (!body) {
            return out.writeBytes(EMPTY_BODY).writeBytes(CRLF);
        }
        int length = GRANTED_BODY_START.length + digits(grant.managerCustomerId()) + GRANTED_BODY_LEVEL.length
                + level.length + GRANTED_BODY_END.length;
        out.writeBytes(JSON_LENGTH);
        writeDigits(out, length);
        out.writeBytes(CRLF).writeBytes(CRLF).writeBytes(GRANTED_BODY_START);
        writeDigits(out, grant.managerCustomerId());
        return out.writeBytes(GRANTED_BODY_LEVEL).writeBytes(level).writeBytes(GRANTED_BODY_END);
    }

    /**
     * The refusal's status, {@code request-id} and, for a used-up quota, {@code Retry-After}, with its
     * error body: the refusal's pre-encoded prefix and suffix around the id, for every kind of
     * refusal alike, so a new {@link RefusalReason} needs nothing here.
     */
    static ByteBuf refused(ByteBufAllocator alloc, Refusal refused, byte[] requestId, Connection connection) {
        byte[] prefix = refused.errorBodyPrefix();
        byte[] suffix = refused.errorBodySuffix();
        int length = prefix.length + RequestIds.LENGTH + suffix.length;
        ByteBuf out = alloc.buffer(192 + length);
        out.writeBytes(REASON_LINES[refused.reason().ordinal()]).writeBytes(JSON_LENGTH);
        writeDigits(out, length);
        writeRequestIdAndRetryAfter(out, refused, requestId);
        return out.writeBytes(connection.line).writeBytes(CRLF).writeBytes(prefix)
                .writeBytes(requestId, 0, RequestIds.LENGTH).writeBytes(suffix);
    }

    /**
     * A refusal as nginx's {@code auth_request} can pass it on: that module lets only 2xx, 401 and 403
     * through from the auth service (any other status becomes a bare 500) and drops the body. So: 401
     * for an invalid token and 403 for every other refusal, with the real status in
     * {@value #REFUSAL_STATUS}, the error body, byte for byte as {@link #refused} writes it, in
     * {@value #REFUSAL_BODY}, and {@code request-id} and {@code Retry-After} as {@link #refused} sends
     * them; no body. The configuration in deploy/nginx captures them with {@code auth_request_set} and
     * answers them from an {@code error_page}. The body is one header line: JSON strings escape every
     * control character, so it holds no CR or LF.
     */
    static ByteBuf refusedForNginx(ByteBufAllocator alloc, Refusal refused, byte[] requestId, Connection connection) {
        byte[] prefix = refused.errorBodyPrefix();
        byte[] suffix = refused.errorBodySuffix();
        int status = refused.httpStatus();
        ByteBuf out = alloc.buffer(256 + prefix.length + RequestIds.LENGTH + suffix.length);
        out.writeBytes(status == 401 ? UNAUTHORIZED : FORBIDDEN).writeBytes(NGINX_STATUS);
        writeDigits(out, status);
        writeRequestIdAndRetryAfter(out, refused, requestId);
        out.writeBytes(NGINX_BODY).writeBytes(prefix).writeBytes(requestId, 0, RequestIds.LENGTH).writeBytes(suffix)
                .writeBytes(CRLF);
        return out.writeBytes(connection.line).writeBytes(EMPTY_BODY).writeBytes(CRLF);
    }

    /**
     * A problem-details answer (RFC 9457), as the main port gives, for errors of HTTP itself, not of
     * the token: status line, body and {@code Allow} encoded once, when the listener's class loads.
     */
    static final class Problem {
        private final byte[] statusLine;
        private final byte[] json;
        private final byte[] allow;

        /** {@code allow} names the method a 405 allows, else null; the detail is our own sentence (not escaped). */
        Problem(HttpResponseStatus status, String detail, String allow) {
            this.statusLine = statusLine(status);
            this.json = ("{\"type\":\"about:blank\",\"title\":\"" + status.reasonPhrase() + "\",\"status\":"
                    + status.code() + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
            this.allow = allow == null ? null : ascii("allow: " + allow + "\r\n");
        }

        /** The answer; without its body ({@code body} false) to a HEAD request. */
        ByteBuf encode(ByteBufAllocator alloc, boolean body, Connection connection) {
            ByteBuf out = alloc.buffer(160 + json.length);
            out.writeBytes(statusLine).writeBytes(PROBLEM_LENGTH);
            writeDigits(out, json.length);
            out.writeBytes(CRLF);
            if (allow != null) {
                out.writeBytes(allow);
            }
            out.writeBytes(connection.line).writeBytes(CRLF);
            return body ? out.writeBytes(json) : out;
        }
    }

    /** Ends the line before with CR LF, then the {@code request-id} line and, when waiting helps, {@code Retry-After}'s. */
    private static void writeRequestIdAndRetryAfter(ByteBuf out, Refusal refused, byte[] requestId) {
        out.writeBytes(REQUEST_ID).writeBytes(requestId, 0, RequestIds.LENGTH).writeBytes(CRLF);
        long retryAfter = refused.retryAfterSeconds();
        if (retryAfter > 0) {
            out.writeBytes(RETRY_AFTER);
            writeDigits(out, retryAfter);
            out.writeBytes(CRLF);
        }
    }

    /** Writes a non-negative number in decimal. */
    static void writeDigits(ByteBuf out, long value) {
        int count = digits(value);
        int end = out.writerIndex() + count;
        out.ensureWritable(count);
        for (int i = end - 1; i >= end - count; i--) {
            out.setByte(i, (int) ('0' + value % 10));
            value /= 10;
        }
        out.writerIndex(end);
    }

    private static int digits(long value) {
        int count = 1;
        while (value >= 10) {
            value /= 10;
            count++;
        }
        return count;
    }

    private static byte[] statusLine(HttpResponseStatus status) {
        return ascii("HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
