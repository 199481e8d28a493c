package dev.tessera.verify;

import static dev.tessera.verify.DataPlaneProtocol.MALFORMED_CUSTOMER;

import dev.tessera.account.CustomerId;
import java.util.function.BooleanSupplier;
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
    private final BooleanSupplier current;
    private final DataPlaneOutcomes outcomes;

    /** A decision that is always current: one node on its own, benchmarks and tests of the decision. */
    public DataPlane(Verifier verifier, JsonMapper json) {
        this(verifier, json, () -> true, DataPlaneOutcomes.NONE);
    }

    /**
     * @param current whether this node may answer from its memory now ({@code cluster.ClusterNode#current}):
     *     when it may not, every request that is well formed is refused with {@link RefusalReason#UNAVAILABLE}
     * @param outcomes where decisions and their time are counted ({@link DataPlaneOutcomes#NONE}: nowhere)
     */
    public DataPlane(Verifier verifier, JsonMapper json, BooleanSupplier current, DataPlaneOutcomes outcomes) {
        this.verifier = verifier;
        this.json = json;
        this.current = current;
        this.outcomes = outcomes;
    }

    /** {@code GET /v1/forward-auth} without {@code tessera-service} and {@code tessera-operations} headers. */
    public Verdict forwardAuth(CharSequence token, CharSequence loginCustomerId, CharSequence originalUri) {
        return forwardAuth(token, loginCustomerId, originalUri, null, null);
    }

    /**
     * {@code GET /v1/forward-auth}.
     *
     * @param token the {@code developer-token} header, possibly null
     * @param loginCustomerId the {@code login-customer-id} header, possibly null
     * @param originalUri {@code X-Original-URI}, else {@code X-Forwarded-Uri}, possibly null
     * @param service the {@code tessera-service} header, possibly null: else the service is read
     *     from the original URI's last segment, {@code …/{Service}:{method}}, when the token's level
     *     has restricted services
     * @param operations the {@code tessera-operations} header, possibly null (1 operation)
     */
    public Verdict forwardAuth(CharSequence token, CharSequence loginCustomerId, CharSequence originalUri,
            CharSequence service, CharSequence operations) {
        if (!outcomes.counting()) {
            return decideForwardAuth(token, loginCustomerId, originalUri, service, operations);
        }
        long start = System.nanoTime();
        Verdict verdict = decideForwardAuth(token, loginCustomerId, originalUri, service, operations);
        outcomes.record(verdict, System.nanoTime() - start);
        return verdict;
    }

    private Verdict decideForwardAuth(CharSequence token, CharSequence loginCustomerId, CharSequence originalUri,
            CharSequence service, CharSequence operations) {
        long count = operations == null ? 1 : DataPlaneProtocol.operations(operations);
        if (count < 1) {
            return token == null || token.length() == 0 ? RefusalReason.PARAMETER_MISSING : RefusalReason.FIELD_INVALID;
        }
        return decide(token, DataPlaneProtocol.customerFromUri(originalUri), loginCustomerId, service, originalUri, count);
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
        return decide(request.developerToken(), request.customerId(), loginCustomerId, request.service(), null,
                request.operations());
    }

    private Verdict decide(CharSequence token, long customer, CharSequence loginCustomerId, CharSequence service,
            CharSequence originalUri, long operations) {
        if (token == null || token.length() == 0) {
            return RefusalReason.PARAMETER_MISSING;
        }
        if (customer == MALFORMED_CUSTOMER
                || (loginCustomerId != null && CustomerId.parseOrZero(loginCustomerId) == 0)) {
            return RefusalReason.CUSTOMER_ID_INVALID;
        }
        if (!current.getAsBoolean()) {
            return RefusalReason.UNAVAILABLE;
        }
        return verifier.verify(token, customer, service, originalUri, operations);
    }
}
