package dev.tessera.outbox;

/** What a mail tells: to the API contact email, or (MEMBER_INVITATION) to an invited user. */
public enum NotificationKind {
    CONTACT_CONFIRMATION(true),
    RECONFIRMATION_REMINDER(true),
    CONTACT_CHANGED(false),
    TOKEN_ISSUED(false),
    TOKEN_RESET(false),
    TOKEN_REVOKED(false),
    TOKEN_ROTATED(false),
    TOKEN_EXPIRING(false),
    ACCESS_LEVEL_CHANGED(false),
    APPLICATION_DECIDED(false),
    ADMIN_REMOVED(false),
    MEMBER_INVITATION(false);

    private final boolean confirmationLink;

    NotificationKind(boolean confirmationLink) {
        this.confirmationLink = confirmationLink;
    }

    /**
     * Whether the mail carries a confirmation link. Its secret is minted only when the mail is sent,
     * so the outbox (readable by ADMINs) never holds a usable link.
     */
    boolean carriesConfirmationLink() {
        return confirmationLink;
    }
}
