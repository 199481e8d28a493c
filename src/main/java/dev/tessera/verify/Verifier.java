package dev.tessera.verify;

import dev.tessera.access.AccessLevel;
import dev.tessera.token.DeveloperToken;
import dev.tessera.token.TokenHasher;

/**
 * The data-plane decision, free of HTTP: token → grant → verdict. Shared by the Spring endpoints,
 * the Netty listener and embedding Java servers. Thread-safe and lock-free; a missing or malformed
 * token is refused before hashing, an unknown one after a single map lookup, and no path does I/O.
 */
public final class Verifier {

    /** Customer id value meaning "the request names no customer". */
    public static final long NO_CUSTOMER = 0;

    private final TokenHasher hasher;
    private final TokenIndex tokens;
    private final ClientAccountIndex clients;

    public Verifier(TokenHasher hasher, TokenIndex tokens, ClientAccountIndex clients) {
        this.hasher = hasher;
        this.tokens = tokens;
        this.clients = clients;
    }

    /**
     * Decides one request.
     *
     * @param token the {@code developer-token} header or field, possibly null
     * @param customerId the customer the request operates on, or {@link #NO_CUSTOMER}
     */
    public Verdict verify(CharSequence token, long customerId) {
        if (token == null || token.length() == 0) {
            return Denial.PARAMETER_MISSING;
        }
        if (!DeveloperToken.isWellFormed(token)) {
            return Denial.TOKEN_INVALID;
        }
        Grant grant = tokens.find(hasher.digest(token));
        if (grant == null) {
            return Denial.TOKEN_INVALID;
        }
        if (grant.accessLevel() == AccessLevel.TEST_ACCOUNT && customerId != NO_CUSTOMER
                && !clients.isTestAccount(customerId)) {
            return Denial.NOT_APPROVED;
        }
        return grant;
    }
}
