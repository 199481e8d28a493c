package dev.tessera.token;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's terms of rotated-out tokens, one per account in an overlap: the same {@link TokenTerm}
 * object stays in the index's grant while the overlap's end is unchanged, so the requests it counts
 * are not lost when a later change (a level, an expiry) re-applies the lineage. Thread-safe.
 */
@org.springframework.stereotype.Component
class OverlapTerms {

    /** An account's rotated-out token (by version) and its term. */
    record Entry(long account, long version, TokenTerm term) {}

    private final ConcurrentHashMap<Long, Entry> byAccount = new ConcurrentHashMap<>();

    /** The term of the account's rotated-out token: the one held when it says the same, else a new one. */
    TokenTerm term(long account, long version, long overlapEndsMillis, long expiresAtMillis) {
        TokenTerm wanted = TokenTerm.overlap(overlapEndsMillis, expiresAtMillis);
        return byAccount.compute(account, (key, held) -> held != null && held.version() == version
                && held.term().sameAs(wanted) ? held : new Entry(account, version, wanted)).term();
    }

    /** The account has no overlap any more. */
    void forget(long account) {
        byAccount.remove(account);
    }

    /** Forgets {@code entry} if it is still the account's. */
    void forget(Entry entry) {
        byAccount.remove(entry.account(), entry);
    }

    List<Entry> entries() {
        return List.copyOf(byAccount.values());
    }
}
