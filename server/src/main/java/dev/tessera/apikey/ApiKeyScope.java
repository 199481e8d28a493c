package dev.tessera.apikey;

import dev.tessera.system.TesseraException;
import java.util.Locale;

/**
 * What an API key may do. Every key acts as its creator, with the creator's current roles on each
 * account (a key never has more rights than its creator has now); the scope narrows that further.
 */
public enum ApiKeyScope {
    /** The creator's rights (no scope given). */
    CREATOR("creator"),
    /** Reads only: GET and HEAD. */
    READ_ONLY("read-only"),
    /** Issue, view and reset the developer token of the listed accounts, nothing else. */
    TOKEN_ADMIN("token-admin"),
    /** The operator's endpoints (users, access applications); for operators only. */
    OPERATOR("operator"),
    /**
     * An embedded verifier's credential: reads the verifier feed ({@code GET /api/v1/verifier/feed}:
     * every active token's digest, the pepper, the client accounts) and nothing else; operators only.
     */
    VERIFIER("verifier");

    private final String wire;

    ApiKeyScope(String wire) {
        this.wire = wire;
    }

    /** The name in the API's JSON, e.g. {@code read-only}. */
    public String wire() {
        return wire;
    }

    /** @throws TesseraException 400 naming {@code scope} when it is not one of the names; null is {@link #CREATOR} */
    public static ApiKeyScope parse(String text) {
        if (text == null) {
            return CREATOR;
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (ApiKeyScope scope : values()) {
            if (scope.wire.equals(wanted)) {
                return scope;
            }
        }
        throw TesseraException.invalid("scope", "The scope is one of creator, read-only, token-admin, operator, verifier.");
    }
}
