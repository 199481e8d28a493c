package dev.tessera.account;

import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.system.TesseraException;
import dev.tessera.system.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Membership by invitation (issue 12). An ADMIN adding an email that is not yet a member creates an
 * invitation, whether or not a user has that email, so the answer tells nothing about who exists; a
 * mail with a one-time accept link goes out through the outbox ({@link AccountEvents.MemberInvited}).
 * The user signed in with that email accepts it within {@link #VALID}; only then is the membership
 * created. The link's secret is stored as its SHA-256 digest. Any other id, secret, user, an expired
 * or used invitation: the same 404.
 */
@Component
public class Invitations {

    static final Duration VALID = Duration.ofDays(7);

    private final InvitationRepository invitations;
    private final AccountRepository accounts;
    private final UserAccounts users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final SecureRandom random = new SecureRandom();

    Invitations(InvitationRepository invitations, AccountRepository accounts, UserAccounts users, AuditLog audit,
            ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** An open invitation as its invitee sees it before accepting. */
    public record Pending(long id, String customerId, Role role) {}

    /** What accepting gave: the account and the new member. */
    public record Accepted(String customerId, Member member) {}

    /** Creates an invitation inside the caller's transaction (the caller checked the ADMIN). */
    void create(CustomerId account, String email, Role role, Actor actor) {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        Instant now = Timestamps.now(clock);
        long id = invitations.insert(account, email, role, digest(secret), actor.email(), now, now.plus(VALID));
        audit.record(account.value(), AuditEventType.USER_INVITED, actor, Map.of("user", email, "role", role.name()));
        events.publishEvent(new AccountEvents.MemberInvited(account.value(), email, role.name(), id, secret, actor));
    }

    /** The open invitation with this id and secret for {@code email}. @throws TesseraException 404 otherwise */
    public Pending pending(long id, String secret, String email) {
        InvitationRepository.Invitation invitation = open(id, secret, email);
        return new Pending(id, new CustomerId(invitation.accountId()).digits(), invitation.role());
    }

    /** Accepts for the signed-in {@code actor}. @throws TesseraException 404 when not theirs to accept */
    public Accepted accept(long id, String secret, Actor actor) {
        return tx.execute(status -> {
            InvitationRepository.Invitation invitation = open(id, secret, actor.email());
            CustomerId account = new CustomerId(invitation.accountId());
            accounts.lockManager(account);
            if (!invitations.markAccepted(id, Timestamps.now(clock))) {
                throw notFound();
            }
            UserAccounts.User user = users.find(actor.email()).orElseThrow(Invitations::notFound);
            Optional<Role> current = accounts.roleOf(account, user.email());
            if (current.isEmpty()) {
                accounts.upsertMembership(account, user.id(), invitation.role(), false);
                audit.record(account.value(), AuditEventType.USER_ADDED, actor,
                        Map.of("user", user.email(), "role", invitation.role().name(), "via", "invitation " + id));
            }
            return new Accepted(account.digits(), new Member(user.email(), current.orElse(invitation.role())));
        });
    }

    private InvitationRepository.Invitation open(long id, String secret, String email) {
        return invitations.find(id)
                .filter(invitation -> invitation.acceptedAt() == null)
                .filter(invitation -> Timestamps.now(clock).isBefore(invitation.expiresAt()))
                .filter(invitation -> email != null && invitation.email().equals(email.strip().toLowerCase(java.util.Locale.ROOT)))
                .filter(invitation -> secret != null && MessageDigest.isEqual(invitation.secretDigest(), digest(secret)))
                .orElseThrow(Invitations::notFound);
    }

    private static TesseraException notFound() {
        return TesseraException.notFound("No open invitation with this id and secret for you.");
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
