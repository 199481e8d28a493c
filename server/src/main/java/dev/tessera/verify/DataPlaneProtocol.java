package dev.tessera.verify;

import dev.tessera.account.CustomerId;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The data plane's wire contract, shared by every listener: header names, how a customer id is read
 * from an original URI, and the Google-Ads-shaped bodies. Bodies are built from pre-encoded parts,
 * so an error costs one small array copy.
 */
public final class DataPlaneProtocol {

    public static final String DEVELOPER_TOKEN = "developer-token";
    public static final String LOGIN_CUSTOMER_ID = "login-customer-id";
    public static final String ORIGINAL_URI = "X-Original-URI";
    public static final String FORWARDED_URI = "X-Forwarded-Uri";
    public static final String SERVICE = "tessera-service";
    public static final String OPERATIONS = "tessera-operations";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String MANAGER_CUSTOMER_ID = "Tessera-Manager-Customer-Id";
    public static final String ACCESS_LEVEL = "Tessera-Access-Level";
    public static final String REQUEST_ID = "request-id";
    public static final String JSON = "application/json";

    /** {@link #customerFromUri} answer for a URI whose customer segment is not a customer id. */
    public static final long MALFORMED_CUSTOMER = -1;

    private static final String FAILURE_TYPE = "type.googleapis.com/google.ads.googleads.v23.errors.GoogleAdsFailure";
    private static final Map<RefusalReason, byte[][]> ERROR_PARTS = new EnumMap<>(RefusalReason.class);

    static {
        for (RefusalReason reason : RefusalReason.values()) {
            String prefix = "{\"error\":{\"code\":" + reason.httpStatus() + ",\"message\":\"" + reason.message()
                    + "\",\"status\":\"" + reason.status() + "\",\"details\":[{\"@type\":\"" + FAILURE_TYPE
                    + "\",\"errors\":[{\"errorCode\":{\"" + reason.errorType() + "\":\"" + reason.errorCode()
                    + "\"},\"message\":\"" + reason.message() + "\"}],\"requestId\":\"";
            String suffix = "\"}]}}";
            ERROR_PARTS.put(reason, new byte[][] {
                prefix.getBytes(StandardCharsets.UTF_8), suffix.getBytes(StandardCharsets.UTF_8)
            });
        }
    }

    private DataPlaneProtocol() {}

    /**
     * The customer id in a Google-Ads-style path {@code /v{N}/customers/{id}[/…|:…]}: the id,
     * {@link Verifier#NO_CUSTOMER} when the path names none, or {@link #MALFORMED_CUSTOMER}.
     */
    public static long customerFromUri(CharSequence uri) {
        if (uri == null || uri.length() < 3 || uri.charAt(0) != '/' || uri.charAt(1) != 'v') {
            return Verifier.NO_CUSTOMER;
        }
        int i = 2;
        while (i < uri.length() && Character.isDigit(uri.charAt(i))) {
            i++;
        }
        if (i == 2 || !regionMatches(uri, i, CUSTOMERS)) {
            return Verifier.NO_CUSTOMER;
        }
        int start = i + CUSTOMERS.length();
        int end = start;
        while (end < uri.length() && "/:?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        long id = CustomerId.parseOrZero(uri, start, end);
        return id == 0 ? MALFORMED_CUSTOMER : id;
    }

    private static final String CUSTOMERS = "/customers/";

    private static boolean regionMatches(CharSequence text, int from, String expected) {
        if (text.length() - from < expected.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (text.charAt(from + i) != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The service a Google-Ads-style URI calls, {@code Service.method}, from its last path segment
     * {@code …/{Service}:{method}}; null when the path has no such segment.
     */
    public static String serviceFromUri(CharSequence uri) {
        if (uri == null) {
            return null;
        }
        int end = uri.length();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int start = end - 1;
        while (start >= 0 && uri.charAt(start) != '/') {
            start--;
        }
        start++;
        int colon = start;
        while (colon < end && uri.charAt(colon) != ':') {
            colon++;
        }
        if (colon <= start || colon >= end - 1) {
            return null;
        }
        return new StringBuilder(end - start).append(uri, start, colon).append('.').append(uri, colon + 1, end).toString();
    }

    /** A {@code tessera-operations} header: a positive count, or 0 when it is not one. */
    public static long operations(CharSequence header) {
        if (header.length() == 0 || header.length() > 12) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The Google Ads error body for a reason. */
    public static byte[] errorBody(RefusalReason reason, String requestId) {
        byte[][] parts = ERROR_PARTS.get(reason);
        byte[] id = requestId.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[parts[0].length + id.length + parts[1].length];
        System.arraycopy(parts[0], 0, body, 0, parts[0].length);
        System.arraycopy(id, 0, body, parts[0].length, id.length);
        System.arraycopy(parts[1], 0, body, parts[0].length + id.length, parts[1].length);
        return body;
    }

    /** The bytes of a reason's error body before its request id. */
    public static byte[] errorBodyPrefix(RefusalReason reason) {
        return ERROR_PARTS.get(reason)[0];
    }

    /** The bytes of a reason's error body after its request id. */
    public static byte[] errorBodySuffix(RefusalReason reason) {
        return ERROR_PARTS.get(reason)[1];
    }

    /**
     * A Google Ads error body with a message of its own and, for quota errors, the
     * {@code quotaErrorDetails} (rate scope, rate name, retry delay) that client libraries read:
     * its bytes before and after the request id.
     */
    static byte[][] errorBodyParts(RefusalReason reason, String message, long retryAfterSeconds, String rateName) {
        String text = jsonString(message);
        StringBuilder json = new StringBuilder(512)
                .append("{\"error\":{\"code\":").append(reason.httpStatus())
                .append(",\"message\":").append(text)
                .append(",\"status\":\"").append(reason.status())
                .append("\",\"details\":[{\"@type\":\"").append(FAILURE_TYPE)
                .append("\",\"errors\":[{\"errorCode\":{\"").append(reason.errorType()).append("\":\"")
                .append(reason.errorCode()).append("\"},\"message\":").append(text);
        if (retryAfterSeconds > 0) {
            json.append(",\"details\":{\"quotaErrorDetails\":{\"rateScope\":\"DEVELOPER\",\"rateName\":")
                    .append(jsonString(rateName)).append(",\"retryDelay\":\"").append(retryAfterSeconds).append("s\"}}");
        }
        json.append("}],\"requestId\":\"");
        return new byte[][] {json.toString().getBytes(StandardCharsets.UTF_8), "\"}]}}".getBytes(StandardCharsets.UTF_8)};
    }

    /** Prefix, request id (as a JSON string) and suffix in one array. */
    static byte[] join(byte[] prefix, String requestId, byte[] suffix) {
        String quoted = jsonString(requestId);
        byte[] id = quoted.substring(1, quoted.length() - 1).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + id.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(id, 0, body, prefix.length, id.length);
        System.arraycopy(suffix, 0, body, prefix.length + id.length, suffix.length);
        return body;
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** The body of a granted {@code :verify} call. */
    public static byte[] grantedBody(Grant grant) {
        return ("{\"valid\":true,\"managerCustomerId\":\"" + grant.managerCustomerIdDigits() + "\",\"accessLevel\":\""
                + grant.accessLevel().name() + "\"}").getBytes(StandardCharsets.US_ASCII);
    }
}
