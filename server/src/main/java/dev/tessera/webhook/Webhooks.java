package dev.tessera.webhook;

import dev.tessera.account.AccountAccess;
import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.system.TesseraException;
import dev.tessera.system.Timestamps;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A manager account's webhooks: created by an ADMIN (the signing secret shown once), listed and
 * deleted; their delivery logs. The ADMINs of the account manage them; the platform OPERATOR may read
 * any account's (as it reads every account's notifications). Creation and deletion are audited.
 */
@Component
public class Webhooks {

    static final int MAX_PER_ACCOUNT = 10;
    static final int MAX_PAGE_SIZE = 200;

    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final TargetGuard guard;
    private final SigningSecrets secrets;
    private final AccountAccess access;
    private final ManagerAccounts accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    Webhooks(WebhookRepository webhooks, DeliveryRepository deliveries, TargetGuard guard, SigningSecrets secrets,
            AccountAccess access, ManagerAccounts accounts, AuditLog audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.guard = guard;
        this.secrets = secrets;
        this.access = access;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A new webhook and the one copy of its signing secret. */
    public record Created(String secret, Webhook webhook) {

        @Override
        public String toString() {
            return "Created[" + webhook.maskedSecret() + "]";
        }
    }

    /** A page of a webhook's delivery log, newest first. */
    public record DeliveryPage(List<Delivery> deliveries, int page, int size, long total) {}

    /**
     * Creates a webhook. ADMIN only.
     *
     * @param eventNames event names of {@link WebhookEvent#names()}; null: every event, now and added later
     * @throws TesseraException 400 naming {@code url} (not http(s), credentials, unresolvable, a private
     *     address) or {@code events}; 404/403 for a non-member/non-ADMIN; 409 past {@value #MAX_PER_ACCOUNT} webhooks
     */
    public Created create(CustomerId account, String url, List<String> eventNames, Actor actor) {
        access.requireAdmin(account, actor.email());
        Set<WebhookEvent> events = WebhookEvent.parse(eventNames);
        boolean all = eventNames == null;
        URI target = guard.check(url);
        String secret = secrets.generate();
        Instant now = Timestamps.now(clock);
        long id = tx.execute(status -> {
            if (webhooks.ofAccount(account.value()).size() >= MAX_PER_ACCOUNT) {
                throw TesseraException.conflict("An account has at most " + MAX_PER_ACCOUNT + " webhooks; delete one first.");
            }
            long created = webhooks.insert(account.value(), target.toString(), events, all,
                    secrets.seal(secret, account.value()), SigningSecrets.mask(secret), actor.email(), now);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("webhook", Long.toString(created));
            details.put("url", target.toString());
            details.put("events", all ? "all" : String.join(",", events.stream().map(WebhookEvent::wire).toList()));
            audit.record(account.value(), AuditEventType.WEBHOOK_CREATED, actor, details);
            return created;
        });
        return new Created(secret, webhooks.find(account.value(), id).orElseThrow());
    }

    /** The account's webhooks, oldest first. @throws TesseraException 404/403 unless ADMIN or {@code operator} */
    public List<Webhook> list(CustomerId account, String email, boolean operator) {
        requireReader(account, email, operator);
        return webhooks.ofAccount(account.value());
    }

    /** Deletes a webhook and its delivery log; nothing more is sent to it. @throws TesseraException 404 when none */
    public void delete(CustomerId account, long id, Actor actor) {
        access.requireAdmin(account, actor.email());
        tx.executeWithoutResult(status -> {
            Webhook webhook = webhooks.find(account.value(), id).orElseThrow(() -> notFound(id));
            webhooks.delete(account.value(), id);
            audit.record(account.value(), AuditEventType.WEBHOOK_DELETED, actor,
                    Map.of("webhook", Long.toString(id), "url", webhook.url()));
        });
    }

    /** A page of the webhook's deliveries. @throws TesseraException 404 for an unknown webhook, 400 for a bad page */
    public DeliveryPage deliveries(CustomerId account, long id, String email, boolean operator, int page, int size) {
        requireReader(account, email, operator);
        if (page < 0) {
            throw TesseraException.invalid("page", "'page' starts at 0.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw TesseraException.invalid("size", "'size' is between 1 and " + MAX_PAGE_SIZE + ".");
        }
        webhooks.find(account.value(), id).orElseThrow(() -> notFound(id));
        return new DeliveryPage(deliveries.page(id, page, size), page, size, deliveries.count(id));
    }

    /** Every event name a webhook may subscribe to. */
    public static List<String> catalogue() {
        return WebhookEvent.names();
    }

    private void requireReader(CustomerId account, String email, boolean operator) {
        if (operator) {
            accounts.findForOperator(account).orElseThrow(() -> TesseraException.notFound(
                    "No manager account " + account + "."));
        } else {
            access.requireAdmin(account, email);
        }
    }

    private static TesseraException notFound(long id) {
        return TesseraException.notFound("No webhook " + id + " on this account.");
    }
}
