package dev.tessera.apikey;

import java.time.Instant;
import java.util.List;

/**
 * An API key as its owner sees it after creation: masked, never the key itself.
 *
 * @param accounts the customer ids a {@link ApiKeyScope#TOKEN_ADMIN} key may act on (empty otherwise)
 * @param lastUsedAt when it last authenticated a request (to the minute), or null
 * @param revokedAt when it was revoked, or null while it works
 */
public record ApiKey(long id, String name, String maskedKey, ApiKeyScope scope, List<String> accounts,
        Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public ApiKey {
        accounts = List.copyOf(accounts);
    }
}
