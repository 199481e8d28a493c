package dev.tessera.console.signin;

import dev.tessera.account.ManagerAccounts;
import dev.tessera.account.Membership;
import dev.tessera.account.Role;
import dev.tessera.account.UserAccounts;
import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.system.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The sign-in lock-out policy (issue 12; the README states it for operators). Failures are counted
 * in the database, so every node of a cluster applies the same counts, within a {@link #WINDOW}:
 * <ul>
 *   <li><b>email + address</b>: after {@link #MAX_PAIR_FAILURES} failures for one email from one
 *       address, that address may not sign in as that email, right password or not;</li>
 *   <li><b>email</b>: after {@link #MAX_ACCOUNT_FAILURES} failures for one email from any addresses,
 *       the email may not sign in from addresses it has not signed in from before;</li>
 *   <li><b>address</b>: after {@link #MAX_ADDRESS_FAILURES} failures from one address for any emails
 *       (made-up ones included), that address may not sign in as emails that have not signed in from
 *       it before.</li>
 * </ul>
 * Operators and account ADMINs are refused only by the first rule: failures from other addresses, or
 * for other emails, never lock them out. A lock lasts {@link #LOCK} from the last failure; a success
 * clears the pair's count. Reaching a limit is recorded as SIGN_IN_LOCKED in the audit log of each
 * account the email belongs to (an address lock, which belongs to no account, as a warning in the
 * log). An unknown email counts like a known one, so a lock reveals nothing. Thread-safe.
 */
@Component
public class SignInLockout {

    public static final int MAX_PAIR_FAILURES = 5;
    static final int MAX_ACCOUNT_FAILURES = 20;
    static final int MAX_ADDRESS_FAILURES = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(15);
    static final Duration KNOWN_FOR = Duration.ofDays(90);
    private static final Duration KEEP = Duration.ofDays(1);
    private static final int MAX_EMAIL = 320;
    private static final Logger LOG = LoggerFactory.getLogger(SignInLockout.class);

    private final SignInFailures failures;
    private final UserAccounts users;
    private final ManagerAccounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    SignInLockout(SignInFailures failures, UserAccounts users, ManagerAccounts accounts, AuditLog audit, Clock clock) {
        this.failures = failures;
        this.users = users;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records a failed attempt (wrong password or unknown email), and the lock it completes. */
    public void recordFailure(String email, String clientIp) {
        Instant now = Timestamps.now(clock);
        String key = key(email);
        String address = address(clientIp);
        failures.add(key, address, now, now.minus(KEEP));
        SignInFailures.Counts counts = failures.since(key, address, now.minus(WINDOW));
        if (!key.isEmpty() && (counts.pair() == MAX_PAIR_FAILURES || counts.account() == MAX_ACCOUNT_FAILURES)) {
            String scope = counts.pair() == MAX_PAIR_FAILURES ? "email and address" : "email, from new addresses";
            for (Membership membership : accounts.membershipsOf(key)) {
                audit.record(membership.account().customerId().value(), AuditEventType.SIGN_IN_LOCKED,
                        new Actor(key, clientIp), Map.of("scope", scope, "minutes", Long.toString(LOCK.toMinutes())));
            }
        }
        if (counts.address() == MAX_ADDRESS_FAILURES) {
            LOG.warn("{} failed sign-ins from {} within {} minutes: it may sign in only as users known there for {} minutes",
                    MAX_ADDRESS_FAILURES, address, WINDOW.toMinutes(), LOCK.toMinutes());
        }
    }

    /** Clears the pair's failures after a successful sign-in, and remembers the address for the email. */
    public void recordSuccess(String email, String clientIp) {
        if (email != null) {
            failures.succeeded(key(email), address(clientIp), Timestamps.now(clock));
        }
    }

    /**
     * How long this email must wait before trying again from this address, or empty when it may try
     * now. Rounded up to whole minutes by {@link #minutesLeft}.
     */
    public Optional<Duration> lockedFor(String email, String clientIp) {
        Instant now = Timestamps.now(clock);
        String key = key(email);
        String address = address(clientIp);
        SignInFailures.Counts counts = failures.since(key, address, now.minus(WINDOW));
        Duration wait = remaining(counts.pair(), counts.pairLast(), MAX_PAIR_FAILURES, now);
        boolean wide = (!key.isEmpty() && counts.account() >= MAX_ACCOUNT_FAILURES) || counts.address() >= MAX_ADDRESS_FAILURES;
        if (wide && !knownThere(key, address, now) && !privileged(key)) {
            if (!key.isEmpty()) {
                wait = max(wait, remaining(counts.account(), counts.accountLast(), MAX_ACCOUNT_FAILURES, now));
            }
            wait = max(wait, remaining(counts.address(), counts.addressLast(), MAX_ADDRESS_FAILURES, now));
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public static long minutesLeft(Duration wait) {
        return Math.max(1, (wait.toSeconds() + 59) / 60);
    }

    private boolean knownThere(String email, String address, Instant now) {
        Instant last = email.isEmpty() ? null : failures.lastSignIn(email, address);
        return last != null && last.isAfter(now.minus(KNOWN_FOR));
    }

    /** An operator or an ADMIN of some account: locked out only by failures from their own address. */
    private boolean privileged(String email) {
        return !email.isEmpty() && (users.isOperator(email)
                || accounts.membershipsOf(email).stream().anyMatch(membership -> membership.role() == Role.ADMIN));
    }

    private static Duration remaining(int count, Instant last, int limit, Instant now) {
        if (count < limit || last == null) {
            return Duration.ZERO;
        }
        Instant until = last.plus(LOCK);
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String key(String email) {
        String key = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return key.length() > MAX_EMAIL ? key.substring(0, MAX_EMAIL) : key;
    }

    private static String address(String clientIp) {
        return clientIp == null ? "" : clientIp.length() > 64 ? clientIp.substring(0, 64) : clientIp;
    }
}
