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

    public DataPlane(Verifier verifier, JsonMapper json) {
        this.verifier = verifier;
        this.json = json;
    }

    /**
     * {@code GET /v1/forward-auth}.
     *
     * @param token the {@code developer-token} header, possibly null
     * @param loginCustomerId the {@code login-customer-id} header, possibly null
     * @param originalUri {@code X-Original-URI}, else {@code X-Forwarded-Uri}, possibly null
     */
    public Verdict forwardAuth(CharSequence token, CharSequence loginCustomerId, String originalUri) {
        return decide(token, DataPlaneProtocol.customerFromUri(originalUri), loginCustomerId);
    }

    /**
     * {@code POST /v1/developer-token:verify}.
     *
     * @param body the request body, possibly null when there is none
     * @param loginCustomerId the {@code login-customer-id} header, possibly null
     */
    public Verdict verify(byte[] body, CharSequence loginCustomerId) {
        VerifyRequest request = body == null ? null : VerifyRequest.parse(json, body);
        if (request == null) {
            return Denial.FIELD_INVALID;
        }
        return decide(request.developerToken(), request.customerId(), loginCustomerId);
    }

    private Verdict decide(CharSequence token, long customer, CharSequence loginCustomerId) {
        if (token == null || token.length() == 0) {
            return Denial.PARAMETER_MISSING;
        }
        if (customer == MALFORMED_CUSTOMER
                || (loginCustomerId != null && CustomerId.parseOrZero(loginCustomerId) == 0)) {
            return Denial.CUSTOMER_ID_INVALID;
        }
        return verifier.verify(token, customer);
    }
}
