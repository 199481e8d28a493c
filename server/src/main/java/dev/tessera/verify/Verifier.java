package dev.tessera.verify;

import dev.tessera.access.AccessLevel;
import dev.tessera.quota.AccessPolicy;
import dev.tessera.quota.QuotaLedger;
import dev.tessera.quota.CountedRefusal;
import dev.tessera.token.DeveloperToken;
import dev.tessera.token.TokenHasher;
import dev.tessera.token.TokenTerm;
import dev.tessera.system.CoarseClock;
import java.time.Clock;

/**
 * The data-plane decision, free of HTTP: token → grant → verdict. Shared by the Spring endpoints,
 * the Netty listener and embedding Java servers. Thread-safe. A missing or malformed token is
 * refused before hashing, an unknown one after a single lock-free map lookup; no path does I/O.
 * In order: the token; TEST_ACCOUNT tokens on test accounts only; EXPLORER kept off the restricted
 * services; then the daily operation quota of the account, counted in the {@link QuotaLedger}.
 */
public final class Verifier {

    /** Customer id value meaning "the request names no customer". */
    public static final long NO_CUSTOMER = 0;

    private final TokenHasher hasher;
    private final TokenIndex tokens;
    private final ClientAccountIndex clients;
    private final AccessPolicy policy;
    private final AccessPolicy.RestrictedServices restricted;
    private final QuotaLedger quotas;
    /** The ledger's clock: a token's term (overlap end, expiry) is checked against the time quotas count by. */
    private final Clock clock;
    private final RefusalCache refusals = new RefusalCache();

    public Verifier(TokenHasher hasher, TokenIndex tokens, ClientAccountIndex clients, AccessPolicy policy,
            QuotaLedger quotas) {
        this.hasher = hasher;
        this.tokens = tokens;
        this.clients = clients;
        this.policy = policy;
        this.restricted = policy == null ? null : policy.restricted();
        this.quotas = quotas;
        this.clock = quotas != null ? quotas.clock() : CoarseClock.systemUTC();
    }

    /**
     * A verifier of tokens and test-account approval only: no service restrictions, no quotas. For
     * embedding where another layer meters usage, and for measuring what the quota check costs.
     */
    public static Verifier tokensOnly(TokenHasher hasher, TokenIndex tokens, ClientAccountIndex clients) {
        return new Verifier(hasher, tokens, clients, null, null);
    }

    /** {@link #verify(CharSequence, long, String, long)} of one operation on no named service. */
    public Verdict verify(CharSequence token, long customerId) {
        return verify(token, customerId, null, 1);
    }

    /**
     * Decides one request and, when it is granted, counts its operations against the quota.
     *
     * @param token the {@code developer-token} header or field, possibly null
     * @param customerId the customer the request operates on, or {@link #NO_CUSTOMER}
     * @param service {@code Service} or {@code Service.Method} the request calls, or null
     * @param operations how many operations the request counts for (a query 1, each mutate item 1), ≥ 1
     */
    public Verdict verify(CharSequence token, long customerId, String service, long operations) {
        return verify(token, customerId, service, null, operations);
    }

    /**
     * As {@link #verify(CharSequence, long, String, long)}, with the service, when {@code service}
     * is null, read from {@code originalUri}'s last segment ({@link DataPlaneProtocol#serviceFromUri})
     * only for a level whose services are restricted: the other levels read no service, so a
     * granted request builds no string.
     */
    Verdict verify(CharSequence token, long customerId, CharSequence service, CharSequence originalUri, long operations) {
        if (token == null || token.length() == 0) {
            return RefusalReason.PARAMETER_MISSING;
        }
        if (!DeveloperToken.isWellFormed(token)) {
            return RefusalReason.TOKEN_INVALID;
        }
        Grant grant = tokens.find(hasher.digestBytes(token));
        if (grant == null) {
            return RefusalReason.TOKEN_INVALID;
        }
        TokenTerm term = grant.term();
        if (term != null) {
            // Only tokens with an end read the clock: a rotated-out token in its overlap, or one that expires.
            long now = clock.millis();
            if (!term.admits(now)) {
                return term.expiry() ? RefusalReason.TOKEN_EXPIRED : RefusalReason.TOKEN_INVALID;
            }
            term.recordUse(now);
        }
        AccessLevel level = grant.accessLevel();
        boolean testCustomer = customerId != NO_CUSTOMER && clients.isTestAccount(customerId);
        if (level == AccessLevel.TEST_ACCOUNT && customerId != NO_CUSTOMER && !testCustomer) {
            reject(grant, CountedRefusal.NOT_APPROVED);
            return RefusalReason.NOT_APPROVED;
        }
        if (quotas == null) {
            return grant;
        }
        if (AccessPolicy.isRestrictedLevel(level)) {
            String entry = restricted.match(service != null ? service.toString() : DataPlaneProtocol.serviceFromUri(originalUri));
            if (entry != null) {
                quotas.reject(grant.managerCustomerId(), CountedRefusal.PROHIBITED);
                return refusals.prohibited(entry, level);
            }
        }
        boolean testPool = level == AccessLevel.EXPLORER && testCustomer;
        long limit = policy.dailyLimit(level, testCustomer);
        long retryAfter = testPool
                ? quotas.tryAcquire(grant.managerCustomerId(), true, operations, limit)
                : quotas.tryAcquire(grant.usage(quotas), operations, limit);
        return retryAfter == 0 ? grant : refusals.quotaExhausted(retryAfter, level, limit);
    }

    private void reject(Grant grant, CountedRefusal reason) {
        if (quotas != null) {
            quotas.reject(grant.managerCustomerId(), reason);
        }
    }
}
