package dev.tessera.verifier;

import java.util.Locale;
import java.util.Set;

/**
 * What the decision reads from a request, parsed as the data plane parses it: the customer id of a
 * Google-Ads-style path {@code /v{N}/customers/{id}…}, a {@code login-customer-id}, and the service
 * of the path's last segment {@code {Service}:{method}}.
 */
final class RequestParts {

    /** The path names no customer. */
    static final long NO_CUSTOMER = 0;
    /** The path's customer segment is not a customer id. */
    static final long MALFORMED = -1;

    private static final String CUSTOMERS = "/customers/";

    private RequestParts() {}

    static long customerFromPath(CharSequence path) {
        if (path == null || path.length() < 3 || path.charAt(0) != '/' || path.charAt(1) != 'v') {
            return NO_CUSTOMER;
        }
        int i = 2;
        while (i < path.length() && Character.isDigit(path.charAt(i))) {
            i++;
        }
        if (i == 2 || path.length() - i < CUSTOMERS.length()) {
            return NO_CUSTOMER;
        }
        for (int k = 0; k < CUSTOMERS.length(); k++) {
            if (path.charAt(i + k) != CUSTOMERS.charAt(k)) {
                return NO_CUSTOMER;
            }
        }
        int start = i + CUSTOMERS.length();
        int end = start;
        while (end < path.length() && "/:?#".indexOf(path.charAt(end)) < 0) {
            end++;
        }
        long id = customerId(path, start, end);
        return id == 0 ? MALFORMED : id;
    }

    /** A customer id written {@code 1234567890} or {@code 123-456-7890}, or 0 when it is not one. */
    static long customerId(CharSequence text, int start, int end) {
        int length = end - start;
        boolean dashed = length == 12;
        if (length != 10 && !dashed) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(start + i);
            if (dashed && (i == 3 || i == 7)) {
                if (c != '-') {
                    return 0;
                }
                continue;
            }
            if (c < '0' || c > '9') {
                return 0;
            }
            value = value * 10 + (c - '0');
        }
        return value >= 1_000_000_000L ? value : 0;
    }

    /** {@code Service.method} from the path's last segment {@code …/{Service}:{method}}, or null. */
    static String serviceFromPath(CharSequence path) {
        if (path == null) {
            return null;
        }
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '?' || path.charAt(i) == '#') {
                end = i;
                break;
            }
        }
        int start = end - 1;
        while (start >= 0 && path.charAt(start) != '/') {
            start--;
        }
        start++;
        int colon = start;
        while (colon < end && path.charAt(colon) != ':') {
            colon++;
        }
        if (colon <= start || colon >= end - 1) {
            return null;
        }
        return path.subSequence(start, colon) + "." + path.subSequence(colon + 1, end);
    }

    /** Whether {@code Service} or {@code Service.Method} falls under a restricted entry (lower-cased set). */
    static boolean restricted(Set<String> entries, String service) {
        if (service == null || service.isEmpty()) {
            return false;
        }
        String lower = service.toLowerCase(Locale.ROOT);
        if (entries.contains(lower)) {
            return true;
        }
        int dot = lower.indexOf('.');
        return dot > 0 && entries.contains(lower.substring(0, dot));
    }
}
