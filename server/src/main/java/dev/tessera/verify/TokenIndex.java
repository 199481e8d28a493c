package dev.tessera.verify;

import dev.tessera.access.AccessLevel;
import dev.tessera.token.ActiveTokens;
import dev.tessera.token.ActiveTokens.Held;
import dev.tessera.token.TokenDigest;
import dev.tessera.token.TokenHasher;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * This node's in-memory index of active developer tokens: digest → {@link Grant}. Reads take no
 * lock and do no I/O. Writes are versioned per manager account: {@link #apply} ignores a state
 * older than the one held, so late writers and catch-up converge on the newest committed token, and
 * a replaced digest is gone once the call returns. During a rotation's overlap an account has two
 * grants, the rotated-out one carrying its end ({@code TokenTerm}), until {@link #sweep} (issue 15).
 * A revoked account (issue 15) keeps its version, level and usage window with no findable token.
 *
 * <p>The grants live in a {@link GrantTable}, a flat array with open addressing: a lookup reads one
 * slot and, in the usual case, one grant, where a {@code ConcurrentHashMap} reads a node, a key
 * object and then the value, which at a million tokens are each a trip to memory. Writers take this
 * object's lock. A token is identified by the first 128 bits of its digest (an HMAC-SHA-256), which
 * its grant holds: two of ten million tokens share them with a chance of about 2^-80 (issue 18).
 */
public final class TokenIndex implements ActiveTokens {

    /** Reads a digest's bytes as TokenDigest.of does. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** The digest of a revoked account's entry in {@link #byAccount}: a grant that is in no slot. */
    private static final TokenDigest NO_TOKEN = new TokenDigest(0, 0, 0, 0);

    // About 63 bytes per active token at ten million (benchmarks/RESULTS.md, issue 18): the grant
    // (48) and one and a half to three slots of four bytes in each of the two tables, plus the token
    // table's tag byte per slot.
    /** The grants of every findable token; written under this object's lock. */
    private final GrantTable table;
    /**
     * Each account's current grant: for writers, and for {@link #version}. A revoked account keeps an
     * entry for {@link #NO_TOKEN}, in no slot, with the revoked version, its level and its usage window.
     */
    private final AccountTable byAccount;
    /** Each account's rotated-out grant during an overlap (issue 15); guarded by this. */
    private final java.util.HashMap<Long, Grant> rotatedOutGrants = new java.util.HashMap<>();

    public TokenIndex() {
        this(16);
    }

    public TokenIndex(int expectedTokens) {
        this.table = new GrantTable(expectedTokens);
        this.byAccount = new AccountTable(expectedTokens);
    }

    /** The grant of an active token, or {@code null}. Lock-free. */
    public Grant find(TokenDigest digest) {
        return table.find(digest.w0(), digest.w1());
    }

    /** {@link #find(TokenDigest)} of a digest's 32 bytes ({@link TokenHasher#digestBytes}), making no object. */
    public Grant find(byte[] digest) {
        return table.find((long) LONGS.get(digest, 0), (long) LONGS.get(digest, 8));
    }


    @Override
    public synchronized void apply(long managerCustomerId, AccessLevel level, Held active, Held rotatedOut) {
        Grant held = byAccount.find(managerCustomerId);
        if (held != null && (held.version() > active.version()
                || held.isFor(NO_TOKEN) && held.version() == active.version())) {
            return; // older than what is held, or the very token that was revoked
        }
        Grant old = rotatedOutGrants.get(managerCustomerId);
        Grant nextActive = next(managerCustomerId, level, active, held, old);
        Grant nextOld = rotatedOut == null ? null : next(managerCustomerId, level, rotatedOut, held, old);
        // What stays or comes is findable before what goes is gone: no instant without a valid token.
        settle(held, old, nextActive);
        if (nextOld != null) {
            settle(held, old, nextOld);
        }
        drop(held, nextActive, nextOld);
        drop(old, nextActive, nextOld);
        byAccount.put(nextActive);
        if (nextOld == null) {
            rotatedOutGrants.remove(managerCustomerId);
        } else {
            rotatedOutGrants.put(managerCustomerId, nextOld);
        }
    }

    @Override
    public synchronized void revoke(long managerCustomerId, long version) {
        Grant held = byAccount.find(managerCustomerId);
        if (held == null || held.version() > version || held.isFor(NO_TOKEN)) {
            return;
        }
        remove(held);
        Grant old = rotatedOutGrants.remove(managerCustomerId);
        if (old != null) {
            remove(old);
        }
        byAccount.put(held.successor(NO_TOKEN, held.accessLevel(), version, null));
    }

    @Override
    public synchronized void sweep(long managerCustomerId, long version) {
        Grant old = rotatedOutGrants.get(managerCustomerId);
        if (old != null && old.version() == version) {
            rotatedOutGrants.remove(managerCustomerId);
            remove(old);
        }
    }

    /**
     * Makes {@code digest} the account's active token at {@code version}, without an end and ending
     * any overlap. A version not newer than the one held is ignored.
     */
    public synchronized void activate(long managerCustomerId, long version, TokenDigest digest, AccessLevel accessLevel) {
        Grant held = byAccount.find(managerCustomerId);
        if (held == null || held.version() < version) {
            apply(managerCustomerId, accessLevel, new Held(version, digest, null), null);
        }
    }

    /** The grant {@code wanted} calls for: a held grant of its digest when it already says the same, else a new one. */
    private static Grant next(long account, AccessLevel level, Held wanted, Grant held, Grant old) {
        Grant same = held != null && held.isFor(wanted.digest()) ? held
                : old != null && old.isFor(wanted.digest()) ? old : null;
        if (same != null && same.version() == wanted.version() && same.accessLevel() == level
                && same.term() == wanted.term()) {
            return same;
        }
        Grant base = held != null ? held : old;
        return base == null
                ? new Grant(wanted.digest(), account, level, wanted.version(), wanted.term())
                : base.successor(wanted.digest(), level, wanted.version(), wanted.term());
    }

    /** Puts {@code next} in the table: over the slot of the held grant of its digest, else in a free slot. */
    private void settle(Grant held, Grant old, Grant next) {
        if (next == held || next == old) {
            return;
        }
        Grant same = held != null && held.sameDigest(next) ? held : old != null && old.sameDigest(next) ? old : null;
        if (same != null) {
            table.replace(same, next);
        } else {
            table.insert(next);
        }
    }

    /** Removes {@code current} unless it is wanted still or a wanted grant took its slot. */
    private void drop(Grant current, Grant wanted, Grant wantedOld) {
        if (current != null && !current.sameDigest(wanted) && (wantedOld == null || !current.sameDigest(wantedOld))) {
            remove(current);
        }
    }


    /** Changes the level of the account's active token, if it has one. */
    public synchronized void changeLevel(long managerCustomerId, AccessLevel accessLevel) {
        Grant held = byAccount.find(managerCustomerId);
        if (held != null) {
            Grant next = held.withLevel(accessLevel);
            if (!held.isFor(NO_TOKEN)) {
                table.replace(held, next);
            }
            byAccount.put(next);
        }
    }

    @Override
    public void forEachActive(ActiveVisitor visitor) {
        byAccount.forEach(grant -> {
            if (!grant.isFor(NO_TOKEN)) {
                dev.tessera.token.TokenTerm term = grant.term();
                grant.visit(visitor, term == null ? Long.MAX_VALUE : term.endsAtMillis());
            }
        });
    }

    @Override
    public synchronized void load(int count, ActiveSource source) throws java.io.IOException {
        table.reserve(count);
        byAccount.reserve(count);
        source.forEach((account, level, version, d0, d1, endsAtMillis) -> {
            dev.tessera.token.TokenTerm term = endsAtMillis == Long.MAX_VALUE ? null
                    : dev.tessera.token.TokenTerm.expiring(endsAtMillis);
            if (byAccount.find(account) == null) {
                Grant grant = Grant.of(d0, d1, account, level, version, term);
                table.insert(grant);
                byAccount.put(grant);
            } else {
                apply(account, level, new Held(version, new TokenDigest(d0, d1, 0, 0), term), null);
            }
        });
    }

    /** The version of the account's active token in this index, or 0 when it holds none. */
    public long version(long managerCustomerId) {
        Grant grant = byAccount.find(managerCustomerId);
        return grant == null ? 0 : grant.version();
    }

    public synchronized int size() {
        return table.size();
    }

    /** Takes a grant out of the table, unless it is a revoked account's entry, which holds no slot. */
    private void remove(Grant grant) {
        if (!grant.isFor(NO_TOKEN)) {
            table.remove(grant);
        }
    }
}
