package dev.tessera.access;

import dev.tessera.cluster.ChangeFeed;
import dev.tessera.system.Timestamps;
import dev.tessera.account.AccountAccess;
import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.system.TesseraException;
import dev.tessera.system.TextFields;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review workflow: an ADMIN applies for a higher access level, an OPERATOR approves or rejects
 * it with a reason. One pending application per account; STANDARD needs BASIC first. An approval
 * changes the level of the account's token lineage — the current token and every future reset —
 * and publishes {@link AccessLevelChanged} for the data plane; every decision publishes
 * {@link ApplicationDecided}, so the API contact is told.
 */
@Component
public class AccessApplications {

    private static final int MAX_USE_CASE = 4000;
    private static final int MAX_REASON = 2000;

    private final ApplicationRepository applications;
    private final AccessLevels levels;
    private final AccountAccess access;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ChangeFeed feed;

    AccessApplications(ApplicationRepository applications, AccessLevels levels, AccountAccess access, AuditLog audit,
            ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions, ChangeFeed feed) {
        this.applications = applications;
        this.levels = levels;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.feed = feed;
    }

    /** What an ADMIN sends to apply. */
    public record Application(AccessLevel requestedLevel, String useCase, Long expectedDailyOperations,
            String companyUrl) {}

    /**
     * Files an application. ADMIN only.
     *
     * @throws TesseraException 400 naming a bad field; 409 before the first token, for a level held
     *     already, for STANDARD without BASIC, or when one is pending
     */
    public AccessApplication apply(CustomerId account, Application request, Actor actor) {
        access.requireAdmin(account, actor.email());
        AccessLevel level = request.requestedLevel();
        if (level == null || level == AccessLevel.TEST_ACCOUNT) {
            throw TesseraException.invalid("requestedLevel", "Apply for EXPLORER, BASIC or STANDARD.");
        }
        String useCase = TextFields.multiLine("useCase", request.useCase(), MAX_USE_CASE);
        Long expected = request.expectedDailyOperations();
        if (expected == null || expected < 0) {
            throw TesseraException.invalid("expectedDailyOperations", "Give the expected daily operations, 0 or more.");
        }
        String url = ManagerAccounts.webAddress("companyUrl", request.companyUrl());
        Instant now = Timestamps.now(clock);
        long id;
        try {
            id = tx.execute(status -> {
                AccessLevel current = levels.lock(account.value()).orElseThrow(() ->
                        TesseraException.conflict("Issue a developer token first; it starts at TEST_ACCOUNT."));
                if (current.compareTo(level) >= 0) {
                    throw TesseraException.conflict("The account already holds " + current + ".");
                }
                if (level == AccessLevel.STANDARD && current != AccessLevel.BASIC) {
                    throw TesseraException.conflict("STANDARD access requires the account to hold BASIC access first.");
                }
                long created = applications.insert(account.value(), level, useCase, expected, url, actor.email(), now);
                audit.record(account.value(), AuditEventType.APPLICATION_SUBMITTED, actor,
                        Map.of("application", Long.toString(created), "requestedLevel", level.name(), "from", current.name()));
                return created;
            });
        } catch (DuplicateKeyException e) {
            throw TesseraException.conflict("This account already has a pending application; wait for its decision.");
        }
        return applications.find(id).orElseThrow();
    }

    public List<AccessApplication> ofAccount(CustomerId account, String email) {
        access.requireAdmin(account, email);
        return applications.ofAccount(account.value());
    }

    /** Every application of an account, for the operator's review queue (the caller checks the OPERATOR role). */
    public List<AccessApplication> historyForOperator(CustomerId account) {
        return applications.ofAccount(account.value());
    }

    /** Applications in a state, oldest first, for the operator's review queue. */
    public List<AccessApplication> queue(AccessApplication.Status status, int page, int size) {
        return applications.withStatus(status, page, size);
    }

    /**
     * Approves or rejects a pending application. The caller must be an OPERATOR (the security chain
     * checks it). A rejection needs a reason.
     *
     * @throws TesseraException 404 unknown, 409 already decided, 400 bad reason
     */
    public AccessApplication decide(long id, boolean approve, String reason, Actor actor) {
        String checkedReason = TextFields.optionalMultiLine("reason", reason, MAX_REASON);
        if (!approve && checkedReason == null) {
            throw TesseraException.invalid("reason", "Say why the application is rejected; the applicant is told.");
        }
        Instant now = Timestamps.now(clock);
        tx.executeWithoutResult(status -> {
            AccessApplication application = applications.lock(id)
                    .orElseThrow(() -> TesseraException.notFound("No access application " + id + "."));
            if (application.status() != AccessApplication.Status.PENDING) {
                throw TesseraException.conflict("Application " + id + " was already " + application.status() + ".");
            }
            long account = Long.parseLong(application.customerId());
            AccessLevel from = levels.lock(account).orElseThrow();
            AccessApplication.Status decision = approve ? AccessApplication.Status.APPROVED : AccessApplication.Status.REJECTED;
            applications.decide(id, decision, actor.email(), checkedReason, now);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("application", Long.toString(id));
            details.put("requestedLevel", application.requestedLevel().name());
            details.put("decision", decision.name());
            if (checkedReason != null) {
                details.put("reason", checkedReason);
            }
            audit.record(account, AuditEventType.APPLICATION_DECIDED, actor, details);
            events.publishEvent(new ApplicationDecided(account, id, application.requestedLevel(), approve,
                    checkedReason, actor));
            if (approve && application.requestedLevel().compareTo(from) > 0) {
                levels.set(account, application.requestedLevel());
                audit.record(account, AuditEventType.ACCESS_LEVEL_CHANGED, actor,
                        Map.of("from", from.name(), "to", application.requestedLevel().name(), "application", Long.toString(id)));
                events.publishEvent(new AccessLevelChanged(account, from, application.requestedLevel(), actor,
                        checkedReason));
            }
        });
        feed.awaitAppended();
        return applications.find(id).orElseThrow();
    }

    /** The account's current access level, or null before its first token. */
    public AccessLevel level(CustomerId account) {
        return levels.current(account.value()).orElse(null);
    }
}
