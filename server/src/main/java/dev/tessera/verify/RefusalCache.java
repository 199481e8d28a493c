package dev.tessera.verify;

import dev.tessera.access.AccessLevel;

/**
 * The {@link DetailedRefusal}s the {@link Verifier} made last, in two small direct-mapped tables: a
 * used-up quota per (level, daily limit, retry delay in seconds) and a restricted service per
 * (service, level). A client refused again and again gets the same refusal, body encoded once, until
 * its retry delay ticks down a second; so the 429 path allocates about one refusal per second per
 * refused account, not one per request. Thread-safe without locks: the tables hold immutable
 * refusals, and a lost write only costs a rebuild.
 */
final class RefusalCache {

    private static final int SLOTS = 256;

    private final DetailedRefusal[] quotas = new DetailedRefusal[SLOTS];
    private final DetailedRefusal[] services = new DetailedRefusal[SLOTS];

    DetailedRefusal quotaExhausted(long retryAfterSeconds, AccessLevel level, long limit) {
        int slot = mix(retryAfterSeconds * 31 + limit, level);
        DetailedRefusal cached = quotas[slot];
        if (cached != null && cached.retryAfterSeconds() == retryAfterSeconds && cached.level == level
                && cached.limit == limit) {
            return cached;
        }
        cached = DetailedRefusal.quotaExhausted(retryAfterSeconds, level, limit);
        quotas[slot] = cached;
        return cached;
    }

    DetailedRefusal prohibited(String service, AccessLevel level) {
        int slot = mix(service.hashCode(), level);
        DetailedRefusal cached = services[slot];
        if (cached != null && cached.level == level && service.equals(cached.service)) {
            return cached;
        }
        cached = DetailedRefusal.prohibited(service, level);
        services[slot] = cached;
        return cached;
    }

    private static int mix(long key, AccessLevel level) {
        long h = (key * 31 + level.ordinal()) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 56) & (SLOTS - 1);
    }
}
