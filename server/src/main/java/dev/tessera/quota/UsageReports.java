package dev.tessera.quota;

import dev.tessera.access.AccessLevel;
import dev.tessera.access.AccessLevels;
import dev.tessera.account.AccountAccess;
import dev.tessera.account.CustomerId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An account's data-plane usage, for the API Center and {@code GET …/usage}: requests and operations
 * per hour for the last 24 hours and per day for 30 days, accepted and rejected by reason, and the
 * quota used against the limit. Writes pending counts first, so the report includes the last second.
 */
@Component
public class UsageReports {

    private static final long HOUR = 60;
    private static final long DAY = 24 * 60;

    private final UsageFlusher flusher;
    private final UsageStore store;
    private final QuotaLedger ledger;
    private final AccessPolicy policy;
    private final AccessLevels levels;
    private final AccountAccess access;
    private final Clock clock;

    UsageReports(UsageFlusher flusher, UsageStore store, QuotaLedger ledger, AccessPolicy policy,
            AccessLevels levels, AccountAccess access, Clock clock) {
        this.flusher = flusher;
        this.store = store;
        this.ledger = ledger;
        this.policy = policy;
        this.levels = levels;
        this.access = access;
        this.clock = clock;
    }

    /** Counts of one period, from {@code start}. */
    public record Period(Instant start, long acceptedRequests, long acceptedOperations, long rejectedNotApproved,
            long rejectedProhibited, long rejectedQuota) {

        public long rejected() {
            return rejectedNotApproved + rejectedProhibited + rejectedQuota;
        }
    }

    /**
     * Quota of one pool in the last 24 hours.
     *
     * @param limit operations per 24 hours, null for unlimited
     * @param remaining what is left, null for unlimited
     */
    public record Quota(String pool, Long limit, long used, Long remaining) {}

    public record Report(String customerId, AccessLevel accessLevel, List<Quota> quotas, List<Period> hourly,
            List<Period> daily) {}

    /** ADMIN only. */
    public Report report(CustomerId account, String email) {
        access.requireAdmin(account, email);
        return build(account);
    }

    /** The same report for any member of the account (access level, quotas and usage hold no secret). */
    public Report memberReport(CustomerId account, String email) {
        access.requireMember(account, email);
        return build(account);
    }

    /** The same report for the operator's review queue (the caller checks the OPERATOR role). */
    public Report operatorReport(CustomerId account) {
        return build(account);
    }

    private Report build(CustomerId account) {
        flusher.flush();
        long now = clock.millis() / 60_000L;
        AccessLevel level = levels.current(account.value()).orElse(AccessLevel.TEST_ACCOUNT);
        List<Quota> quotas = new ArrayList<>();
        if (level == AccessLevel.EXPLORER) {
            quotas.add(quota("PRODUCTION_ACCOUNTS", policy.dailyLimit(level, false), ledger.used(account.value(), false)));
            quotas.add(quota("TEST_ACCOUNTS", policy.dailyLimit(level, true), ledger.used(account.value(), true)));
        } else {
            quotas.add(quota(level == AccessLevel.TEST_ACCOUNT ? "TEST_ACCOUNTS" : "ALL_ACCOUNTS",
                    policy.dailyLimit(level, false), ledger.used(account.value(), false)));
        }
        return new Report(account.digits(), level, quotas,
                periods(account.value(), (now / HOUR - 23) * HOUR, 24, HOUR, now),
                periods(account.value(), (now / DAY - 29) * DAY, 30, DAY, now));
    }

    private List<Period> periods(long account, long from, int count, long length, long now) {
        Map<Long, long[]> found = new HashMap<>();
        for (UsageStore.Period period : store.periods(account, from, now + 1, length)) {
            found.put(period.startMinute(), period.counts());
        }
        List<Period> periods = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long start = from + i * length;
            long[] c = found.getOrDefault(start, new long[UsageWindow.FIELDS]);
            periods.add(new Period(Instant.ofEpochSecond(start * 60), c[0], c[1], c[2], c[3], c[4]));
        }
        return periods;
    }

    private static Quota quota(String pool, long limit, long used) {
        boolean unlimited = limit == QuotaLedger.UNLIMITED;
        return new Quota(pool, unlimited ? null : limit, used, unlimited ? null : Math.max(0, limit - used));
    }
}
