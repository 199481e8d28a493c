package dev.tessera.audit;

/** What an audit event records. */
public enum AuditEventType {
    ACCOUNT_CREATED,
    CLIENT_ACCOUNT_CREATED,
    TOKEN_ISSUED,
    TOKEN_VIEWED,
    TOKEN_RESET,
    ACCESS_LEVEL_CHANGED,
    CONTACT_EMAIL_CHANGED,
    CONTACT_EMAIL_CONFIRMED,
    USER_ADDED,
    USER_ROLE_CHANGED,
    USER_REMOVED,
    SIGN_IN_FAILED
}
