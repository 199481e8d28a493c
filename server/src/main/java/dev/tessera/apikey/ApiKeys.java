package dev.tessera.apikey;

import dev.tessera.account.AccountAccess;
import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.account.Membership;
import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.system.TesseraException;
import dev.tessera.system.TextFields;
import dev.tessera.system.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, lists, revokes and checks API keys. A key is shown in full once, in the answer to its
 * creation; after that only masked. Creation and revocation are audited on every manager account the
 * key can act on. Thread-safe; {@link #authenticate} costs one indexed query (and, at most once a
 * minute per key, an update of its last-used time), never a password hash; it refuses the keys of a disabled
 * user.
 */
@Component
public class ApiKeys {

    /** The longest name of a key. */
    public static final int MAX_NAME = 100;
    static final int MAX_ACCOUNTS = 50;
    /** Last-used time is kept to the minute, so a busy key writes at most once a minute. */
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final AccountAccess access;
    private final ManagerAccounts accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;

    ApiKeys(ApiKeyRepository keys, AccountAccess access, ManagerAccounts accounts, AuditLog audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.keys = keys;
        this.access = access;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new key and the one copy of its text. */
    public record IssuedKey(String key, ApiKey view) {

        @Override
        public String toString() {
            return "IssuedKey[" + view.maskedKey() + "]";
        }
    }

    /** The creator (by email) and what a working key may do. */
    public record Holder(String email, boolean operator, ApiKeyScope scope, Set<Long> accounts) {}

    /**
     * Creates a key for the signed-in user.
     *
     * @param accountIds for {@link ApiKeyScope#TOKEN_ADMIN} only: the accounts, of which the user must be an ADMIN
     * @throws TesseraException 400 naming the field at fault; 404/403 for an account the user may not administer;
     *     403 for an operator key asked by a non-operator
     */
    public IssuedKey create(String email, String name, String scopeText, List<String> accountIds, Actor actor) {
        String cleanName = TextFields.singleLine("name", name, MAX_NAME);
        ApiKeyScope scope = ApiKeyScope.parse(scopeText);
        List<Long> reach = accountsOf(scope, accountIds, email);
        if ((scope == ApiKeyScope.OPERATOR || scope == ApiKeyScope.VERIFIER) && !keys.isOperator(email)) {
            throw TesseraException.forbidden("Only an operator may create an " + scope.wire() + " key.");
        }
        String key = ApiKeySecret.generate();
        Instant now = Timestamps.now(clock);
        return transaction.execute(status -> {
            long id = keys.insert(email, cleanName, ApiKeySecret.digest(key), ApiKeySecret.mask(key), scope, reach, now);
            ApiKey view = keys.find(email, id).orElseThrow();
            record(view, AuditEventType.API_KEY_CREATED, email, actor);
            return new IssuedKey(key, view);
        });
    }

    public List<ApiKey> list(String email) {
        return keys.listOf(email);
    }

    /** Revokes one of the user's keys; revoking a revoked key changes nothing. @throws TesseraException 404 */
    public ApiKey revoke(String email, long id, Actor actor) {
        return transaction.execute(status -> {
            ApiKey key = keys.find(email, id).orElseThrow(() -> TesseraException.notFound("No API key " + id + " of yours."));
            if (keys.revoke(id, Timestamps.now(clock))) {
                record(key, AuditEventType.API_KEY_REVOKED, email, actor);
            }
            return keys.find(email, id).orElseThrow();
        });
    }

    /** The holder of a working key, or empty for anything else (malformed text costs no query). */
    public Optional<Holder> authenticate(String key) {
        if (!ApiKeySecret.isWellFormed(key)) {
            return Optional.empty();
        }
        return keys.findWorking(ApiKeySecret.digest(key)).map(found -> {
            Instant now = Timestamps.now(clock);
            if (found.lastUsedAt() == null || found.lastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
                keys.touch(found.id(), now);
            }
            return new Holder(found.email(), found.operator(), found.scope(), Set.copyOf(found.accounts()));
        });
    }

    private List<Long> accountsOf(ApiKeyScope scope, List<String> accountIds, String email) {
        boolean none = accountIds == null || accountIds.isEmpty();
        if (scope != ApiKeyScope.TOKEN_ADMIN) {
            if (!none) {
                throw TesseraException.invalid("accounts", "Only a token-admin key names accounts.");
            }
            return List.of();
        }
        if (none || accountIds.size() > MAX_ACCOUNTS) {
            throw TesseraException.invalid("accounts",
                    "A token-admin key names 1 to " + MAX_ACCOUNTS + " manager accounts.");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String text : accountIds) {
            CustomerId account = CustomerId.parseField("accounts", text);
            access.requireAdmin(account, email);
            ids.add(account.value());
        }
        return List.copyOf(ids);
    }

    /**
     * On each account the key can reach: the named ones, or every account of its creator; a key that reaches
     * no account, or an operator key, also as a platform event (the operator's Users page lists those).
     */
    private void record(ApiKey key, AuditEventType type, String email, Actor actor) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("apiKey", key.maskedKey());
        details.put("name", key.name());
        details.put("scope", key.scope().wire());
        List<Long> reach = key.scope() == ApiKeyScope.TOKEN_ADMIN
                ? key.accounts().stream().map(Long::valueOf).toList()
                : accounts.membershipsOf(email).stream().map(Membership::account).map(a -> a.customerId().value()).toList();
        reach.forEach(account -> audit.record(account, type, actor, details));
        if (reach.isEmpty() || key.scope() == ApiKeyScope.OPERATOR) {
            // A key of no account (an operator's, say) is still audited: as a platform event (issue 14).
            details.put("user", email);
            audit.recordPlatform(type, actor, details);
        }
    }
}
