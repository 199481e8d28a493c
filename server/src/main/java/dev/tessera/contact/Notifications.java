package dev.tessera.contact;

import dev.tessera.system.Timestamps;
import dev.tessera.outbox.Addressee;
import dev.tessera.outbox.MailQueue;
import dev.tessera.outbox.MailTemplates;
import dev.tessera.outbox.NotificationKind;
import dev.tessera.access.AccessLevel;
import dev.tessera.audit.Actor;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Tells the API contact email about the events that matter. Each method writes one mail to the
 * outbox in the caller's transaction, so the notice exists exactly when the event commits; the
 * {@link MailQueue}'s sender delivers it later, so a slow or absent SMTP server never fails or delays the
 * event. Methods take masked tokens only and refuse a full developer token.
 */
@Component
public class Notifications {

    private final ContactRepository contacts;
    private final MailQueue queue;
    private final MailTemplates templates;
    private final Clock clock;

    Notifications(ContactRepository contacts, MailQueue queue, MailTemplates templates, Clock clock) {
        this.contacts = contacts;
        this.queue = queue;
        this.templates = templates;
        this.clock = clock;
    }

    /** The account's first developer token was issued. */
    public void tokenIssued(long accountId, Actor actor, String maskedToken, AccessLevel level) {
        Addressee to = addressee(accountId);
        queue.enqueue(to, NotificationKind.TOKEN_ISSUED, templates.draft(to, "Developer token issued")
                .line("A developer token was issued for this manager account.")
                .fact("Token", masked(maskedToken))
                .fact("Access level", level.name())
                .fact("Issued by", who(actor))
                .fact("When", MailTemplates.when(Timestamps.now(clock)))
                .fact("From IP", actor.clientIp())
                .write());
    }

    /** The account's developer token was reset: who, when, from where, why, and the masked new token. */
    public void tokenReset(long accountId, Actor actor, String reason, String maskedToken, String previousMaskedToken) {
        Addressee to = addressee(accountId);
        queue.enqueue(to, NotificationKind.TOKEN_RESET, templates.draft(to, "Developer token reset")
                .line("The developer token of this manager account was reset. The previous token stopped working"
                        + " at once; API clients need the new token.")
                .line("If nobody on your team expected this, sign in and reset the token again, and check who"
                        + " has ADMIN access.")
                .fact("Reset by", who(actor))
                .fact("When", MailTemplates.when(Timestamps.now(clock)))
                .fact("From IP", actor.clientIp())
                .fact("Reason", reason == null ? "(none given)" : reason)
                .fact("New token", masked(maskedToken))
                .fact("Previous token", previousMaskedToken == null ? null : masked(previousMaskedToken))
                .write());
    }

    /**
     * The account's token was revoked because it was reported public: where it was found, and what to
     * do (issue the next token in the API Center; the level and quota stay).
     */
    public void tokenRevoked(long accountId, Actor actor, String maskedToken, String reason, String reportedBy) {
        Addressee to = addressee(accountId);
        queue.enqueue(to, NotificationKind.TOKEN_REVOKED, templates.draft(to, "Developer token revoked")
                .line("The developer token of this manager account was found in public and revoked. It stopped"
                        + " working at once, on every node; API clients that still send it are refused.")
                .line("An ADMIN issues a new token in the API Center (it is shown once); the access level and"
                        + " the quota stay. Remove the old token from wherever it was published.")
                .fact("Token", masked(maskedToken))
                .fact("Revoked", reason)
                .fact("Reported by", reportedBy)
                .fact("When", MailTemplates.when(Timestamps.now(clock)))
                .fact("From IP", actor.clientIp())
                .write());
    }

    /** The account's developer token was rotated: the previous one works until the overlap ends (issue 15). */
    public void tokenRotated(long accountId, Actor actor, String maskedToken, String previousMaskedToken,
            java.time.Instant overlapEndsAt) {
        Addressee to = addressee(accountId);
        queue.enqueue(to, NotificationKind.TOKEN_ROTATED, templates.draft(to, "Developer token rotated")
                .line("The developer token of this manager account was rotated. The previous token keeps working"
                        + " until " + MailTemplates.when(overlapEndsAt) + "; move every API client to the new token"
                        + " before then. The API Center shows whether the previous token is still in use.")
                .fact("Rotated by", who(actor))
                .fact("When", MailTemplates.when(Timestamps.now(clock)))
                .fact("From IP", actor.clientIp())
                .fact("New token", masked(maskedToken))
                .fact("Previous token", masked(previousMaskedToken))
                .fact("Previous token works until", MailTemplates.when(overlapEndsAt))
                .write());
    }

    /** The account's developer token expires soon: a reminder, {@code daysBefore} days ahead (issue 15). */
    public void tokenExpiring(long accountId, String maskedToken, java.time.Instant expiresAt, int daysBefore) {
        Addressee to = addressee(accountId);
        queue.enqueue(to, NotificationKind.TOKEN_EXPIRING, templates.draft(to, "Developer token expires within "
                        + daysBefore + (daysBefore == 1 ? " day" : " days"))
                .line("The developer token of this manager account expires on " + MailTemplates.when(expiresAt)
                        + ". From then on every request with it is refused as expired.")
                .line("Before then, an ADMIN should rotate the token in the API Center (the old one keeps working"
                        + " for an overlap while clients switch) or reset it.")
                .fact("Token", masked(maskedToken))
                .fact("Expires", MailTemplates.when(expiresAt))
                .write());
    }

    /** The token's access level changed (an application was approved, or an OPERATOR changed it). */
    public void accessLevelChanged(long accountId, Actor actor, AccessLevel from, AccessLevel to, String reason) {
        Addressee addressee = addressee(accountId);
        queue.enqueue(addressee, NotificationKind.ACCESS_LEVEL_CHANGED, templates.draft(addressee, "Access level changed")
                .line("The access level of this account's developer token changed from " + from + " to " + to + ".")
                .fact("Changed by", who(actor))
                .fact("When", MailTemplates.when(Timestamps.now(clock)))
                .fact("Reason", reason)
                .write());
    }

    /** An application for an access level was approved or rejected. */
    public void applicationDecided(long accountId, Actor actor, AccessLevel requested, boolean approved, String reason) {
        Addressee to = addressee(accountId);
        String verdict = approved ? "approved" : "rejected";
        queue.enqueue(to, NotificationKind.APPLICATION_DECIDED, templates.draft(to, "Application " + verdict)
                .line("The application for " + requested + " access was " + verdict + ".")
                .fact("Decided by", who(actor))
                .fact("When", MailTemplates.when(Timestamps.now(clock)))
                .fact("Reason", reason)
                .write());
    }

    /** A user lost ADMIN on the account (removed or demoted); they may know the token. */
    public void adminRemoved(long accountId, Actor actor, String formerAdmin, boolean stillMember) {
        Addressee to = addressee(accountId);
        queue.enqueue(to, NotificationKind.ADMIN_REMOVED, templates.draft(to, "An ADMIN was removed")
                .line(formerAdmin + (stillMember ? " is no longer an ADMIN" : " was removed") + " of this account.")
                .line("Anyone who was an ADMIN could see the developer token when it was issued or reset. If they"
                        + " may know it, reset the token in the API Center now.")
                .fact("Changed by", who(actor))
                .fact("When", MailTemplates.when(Timestamps.now(clock)))
                .write());
    }

    /** An email was invited to the account: the mail goes to that email, with the one-time accept link. */
    public void invited(long accountId, Actor actor, String email, String role, long invitationId, String secret) {
        Addressee account = addressee(accountId);
        Addressee to = new Addressee(accountId, account.accountName(), email);
        queue.enqueue(to, NotificationKind.MEMBER_INVITATION, templates.draft(to, "Invitation to a manager account")
                .line(who(actor) + " invited you to manager account " + MailTemplates.display(accountId) + " as " + role + ".")
                .line("Sign in to Tessera as " + email + " and accept here (the link works once, for 7 days): "
                        + templates.invitationLink(invitationId, secret))
                .line("If you have no Tessera user yet, ask the operator for one first. If you did not expect this, ignore it.")
                .write());
    }

    private Addressee addressee(long accountId) {
        return contacts.addressee(accountId, false)
                .orElseThrow(() -> new IllegalArgumentException("No manager account " + accountId));
    }

    private static String who(Actor actor) {
        return actor.email() == null ? "Tessera" : actor.email();
    }

    /**
     * Guards against a full token slipping into a mail: a masked token has four characters, the
     * ellipsis and four characters ({@code ABcd…STUv}), a prefixed one its prefix before ({@code tsr_ABcd…STUv}).
     */
    private static String masked(String maskedToken) {
        int ellipsis = maskedToken == null ? -1 : maskedToken.indexOf('…');
        boolean shaped = ellipsis >= 4 && maskedToken.length() - ellipsis == 5
                && (ellipsis == 4 || (ellipsis <= 15 && maskedToken.charAt(ellipsis - 5) == '_'));
        if (!shaped) {
            throw new IllegalArgumentException("Only a masked token (ABcd…STUv) may go into a mail");
        }
        return maskedToken;
    }
}
