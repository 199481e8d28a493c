package dev.tessera.account;

import dev.tessera.audit.Actor;

/**
 * Events the account feature publishes inside the transaction of the change, so that listeners
 * that write (the contact feature's confirmation and notices) commit with it, or not at all.
 */
public final class AccountEvents {

    private AccountEvents() {}

    /** A manager account was created with this API contact email. */
    public record ManagerAccountCreated(long customerId, String apiContactEmail, Actor actor) {}

    /**
     * A user lost ADMIN on an account, removed or demoted: they may know the developer token.
     *
     * @param stillMember true when demoted, false when removed
     */
    public record AdminRemoved(long customerId, String formerAdmin, boolean stillMember, Actor actor) {}

    /**
     * An email was invited to an account. {@code secret} is the accept link's one-time secret: it goes
     * into the invitation mail and nowhere else (the database keeps its digest).
     */
    public record MemberInvited(long customerId, String email, String role, long invitationId, String secret,
            Actor actor) {}
}
