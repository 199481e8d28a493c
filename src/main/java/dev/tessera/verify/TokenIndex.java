package dev.tessera.verify;

import dev.tessera.access.AccessLevel;
import dev.tessera.token.ActiveTokens;
import dev.tessera.token.TokenDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's in-memory index of active developer tokens: digest → {@link Grant}. Reads take no
 * lock and do no I/O. Writes are versioned per manager account: {@link #activate} applies a token
 * version only if it is newer than the one held, so racing resets, late writers and catch-up after
 * a restart all converge on the newest committed token, and the replaced digest is gone once the
 * call returns.
 */
public final class TokenIndex implements ActiveTokens {

    // Two maps and three small objects per active token (node, digest, grant; node, Long): about
    // 193 bytes at a million tokens (benchmarks/RESULTS.md). The account's digest is always a key
    // of grants, whose Grant carries the version.
    private final ConcurrentHashMap<TokenDigest, Grant> grants;
    private final ConcurrentHashMap<Long, TokenDigest> byAccount;

    public TokenIndex() {
        this(16);
    }

    public TokenIndex(int expectedTokens) {
        int capacity = Math.max(16, (int) (expectedTokens / 0.75f) + 1);
        this.grants = new ConcurrentHashMap<>(capacity);
        this.byAccount = new ConcurrentHashMap<>(capacity);
    }

    /** The grant of an active token, or {@code null}. Lock-free. */
    public Grant find(TokenDigest digest) {
        return grants.get(digest);
    }

    /**
     * Makes {@code digest} the account's active token at {@code version}, removing the digest it
     * replaces. A version not newer than the one held is ignored.
     */
    @Override
    public void activate(long managerCustomerId, long version, TokenDigest digest, AccessLevel accessLevel) {
        byAccount.compute(managerCustomerId, (id, current) -> {
            Grant held = current == null ? null : grants.get(current);
            if (held != null && held.version() >= version) {
                return current;
            }
            grants.put(digest, held == null ? new Grant(id, accessLevel, version) : held.successor(accessLevel, version));
            if (current != null && !current.equals(digest)) {
                grants.remove(current);
            }
            return digest;
        });
    }

    @Override
    public void changeLevel(long managerCustomerId, AccessLevel accessLevel) {
        byAccount.computeIfPresent(managerCustomerId, (id, current) -> {
            Grant held = grants.get(current);
            grants.put(current, held.successor(accessLevel, held.version()));
            return current;
        });
    }

    /** The version of the account's active token in this index, or 0 when it holds none. */
    public long version(long managerCustomerId) {
        while (true) {
            TokenDigest digest = byAccount.get(managerCustomerId);
            if (digest == null) {
                return 0;
            }
            Grant grant = grants.get(digest);
            if (grant != null) {
                return grant.version();
            }
            // A reset replaced the digest between the two reads: read again.
        }
    }

    public int size() {
        return grants.size();
    }
}
