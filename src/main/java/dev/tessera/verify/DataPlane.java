package dev.tessera.verify;

import static dev.tessera.verify.DataPlaneProtocol.MALFORMED_CUSTOMER;

import dev.tessera.account.CustomerId;
import tools.jackson.databind.json.JsonMapper;

/**
 * One data-plane request → its {@link Verdict}, the same for every listener (Spring MVC on the main
 * port, Netty on the data-plane port): reads the customer from the original URI or the JSON body,
 * checks {@code login-customer-id}, then asks the {@link Verifier}. Free of HTTP types; lock-free;
 * no I/O for a missing, malformed or unknown token.
 */
public final class DataPlane {

    private final Verifier verifier;
    private final JsonMapper json;
    private final DataPlaneOutcomes outcomes;

    public DataPlane(Verifier verifier, JsonMapper json) {
        this(verifier, json, DataPlaneOutcomes.NONE);
    }

    /** A data plane that counts its decisions and their time in {@code outcomes}. */
    public DataPlane(Verifier verifier, JsonMapper json, DataPlaneOutcomes outcomes) {
        this.verifier = verifier;
        this.json = json;
        this.outcomes = outcomes;
    }

    /** {@code GET /v1/forward-auth} without {@code tessera-service} and {@code tessera-operations} headers. */
    public Verdict forwardAuth(CharSequence token, CharSequence loginCustomerId, String originalUri) {
        return forwardAuth(token, loginCustomerId, originalUri, null, null);
    }

    /**
     * {@code GET /v1/forward-auth}.
     *
     * @param token the {@code developer-token} header, possibly null
     * @param loginCustomerId the {@code login-customer-id} header, possibly null
     * @param originalUri {@code X-Original-URI}, else {@code X-Forwarded-Uri}, possibly null
     * @param service the {@code tessera-service} header, possibly null: else the service is read
     *     from the original URI's last segment, {@code …/{Service}:{method}}
     * @param operations the {@code tessera-operations} header, possibly null (1 operation)
     */
    public Verdict forwardAuth(CharSequence token, CharSequence loginCustomerId, String originalUri,
            String service, String operations) {
        if (!outcomes.counting()) {
            return decideForwardAuth(token, loginCustomerId, originalUri, service, operations);
        }
        long start = System.nanoTime();
        Verdict verdict = decideForwardAuth(token, loginCustomerId, originalUri, service, operations);
        outcomes.record(verdict, System.nanoTime() - start);
        return verdict;
    }

    private Verdict decideForwardAuth(CharSequence token, CharSequence loginCustomerId, String originalUri,
            String service, String operations) {
        long count = operations == null ? 1 : DataPlaneProtocol.operations(operations);
        if (count < 1) {
            return token == null || token.length() == 0 ? RefusalReason.PARAMETER_MISSING : RefusalReason.FIELD_INVALID;
        }
        String called = service != null ? service : DataPlaneProtocol.serviceFromUri(originalUri);
        return decide(token, DataPlaneProtocol.customerFromUri(originalUri), loginCustomerId, called, count);
    }

    /**
     * {@code POST /v1/developer-token:verify}.
     *
     * @param body the request body, possibly null when there is none
     * @param loginCustomerId the {@code login-customer-id} header, possibly null
     */
    public Verdict verify(byte[] body, CharSequence loginCustomerId) {
        if (!outcomes.counting()) {
            return decideVerify(body, loginCustomerId);
        }
        long start = System.nanoTime();
        Verdict verdict = decideVerify(body, loginCustomerId);
        outcomes.record(verdict, System.nanoTime() - start);
        return verdict;
    }

    private Verdict decideVerify(byte[] body, CharSequence loginCustomerId) {
        VerifyRequest request = body == null ? null : VerifyRequest.parse(json, body);
        if (request == null) {
            return RefusalReason.FIELD_INVALID;
        }
        return decide(request.developerToken(), request.customerId(), loginCustomerId, request.service(),
                request.operations());
    }

    private Verdict decide(CharSequence token, long customer, CharSequence loginCustomerId, String service,
            long operations) {
        if (token == null || token.length() == 0) {
            return RefusalReason.PARAMETER_MISSING;
        }
        if (customer == MALFORMED_CUSTOMER
                || (loginCustomerId != null && CustomerId.parseOrZero(loginCustomerId) == 0)) {
            return RefusalReason.CUSTOMER_ID_INVALID;
        }
        return verifier.verify(token, customer, service, operations);
    }
}
