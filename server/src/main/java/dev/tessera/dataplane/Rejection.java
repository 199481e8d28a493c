package dev.tessera.dataplane;

import dev.tessera.verify.DetailedRefusal;
import dev.tessera.verify.Refusal;
import dev.tessera.verify.RefusalReason;

/**
 * Why the data-plane listener refuses to read a request (issue 12): each answers with its status
 * and closes the connection, since what follows a request that is not read cannot be framed. Errors
 * of HTTP itself get a problem-details body, as the main port gives; a repeated data-plane header is
 * an error of the data-plane request and gets the Google Ads body of {@link RefusalReason#FIELD_INVALID}
 * with its own message. Every answer is encoded once ({@link WireResponses.Problem}).
 */
enum Rejection {
    /** Not a rejection: the head has not all arrived; nothing is answered yet. */
    INCOMPLETE(0, null),
    LINE_ENDING(400, "Every line of a request ends with CR LF; a bare CR or LF is not accepted."),
    REQUEST_LINE(400, "The request line is not METHOD SP target SP HTTP/1.1."),
    VERSION(505, "The data plane speaks HTTP/1.1 (and HTTP/1.0)."),
    LINE_TOO_LONG(414, "The request line is longer than 8 KiB."),
    HEADERS_TOO_LARGE(431, "The request headers are larger than 16 KiB."),
    FOLDED_HEADER(400, "A header line starts with a space or a tab: folded header lines are not accepted."),
    HEADER(400, "A header line is not name:value (a token, a colon right after it, a value without control characters)."),
    HOST_MISSING(400, "An HTTP/1.1 request has one Host header; this one has none."),
    HOST_REPEATED(400, "A request has at most one Host header; this one has more."),
    CONTENT_LENGTH(400, "Content-Length is one decimal number, sent once."),
    LENGTH_AND_CHUNKED(400, "A request has Content-Length or Transfer-Encoding: chunked, not both."),
    TRANSFER_CODING(501, "The only transfer coding accepted is chunked, sent once."),
    EXPECTATION(417, "The only expectation accepted is 100-continue."),
    CHUNK(400, "The chunked body is not valid: hexadecimal sizes, each line ending with CR LF."),
    BODY_TOO_LARGE(413, "The request body is larger than 64 KiB."),
    TIMEOUT(408, "The request did not arrive whole in time (DataPlaneServer.REQUEST_TIMEOUT)."),
    REPEATED_TOKEN("The request has more than one developer-token header."),
    REPEATED_HEADER("The request has more than one login-customer-id, X-Original-URI, X-Forwarded-Uri, tessera-service or tessera-operations header.");

    final int status;
    final String detail;
    /** The Google Ads refusal it answers with, or null for a problem-details answer. */
    final Refusal refusal;

    Rejection(int status, String detail) {
        this.status = status;
        this.detail = detail;
        this.refusal = null;
    }

    Rejection(String message) {
        this.status = RefusalReason.FIELD_INVALID.httpStatus();
        this.detail = message;
        this.refusal = new DetailedRefusal(RefusalReason.FIELD_INVALID, message, 0, null);
    }
}
