package dev.tessera.audit;

/** What an audit event records. */
public enum AuditEventType {
    ACCOUNT_CREATED,
    CLIENT_ACCOUNT_CREATED,
    TOKEN_ISSUED,
    TOKEN_VIEWED,
    TOKEN_RESET,
    /** A reset refused at the console: wrong or missing password, or locked out. Nothing changed. */
    TOKEN_RESET_REFUSED,
    /** The active token was reported public (secret scanning, the public revocation endpoint) and revoked. */
    TOKEN_REVOKED,
    /** A new token, the previous one valid until the overlap ends (issue 15). */
    TOKEN_ROTATED,
    /** A rotation's overlap ended: by time, by an ADMIN, or by a reset or later rotation. */
    TOKEN_OVERLAP_ENDED,
    /** An ADMIN set or cleared the token's expiry. */
    TOKEN_EXPIRY_SET,
    ACCESS_LEVEL_CHANGED,
    APPLICATION_SUBMITTED,
    APPLICATION_DECIDED,
    CONTACT_EMAIL_CHANGED,
    CONTACT_EMAIL_CONFIRMED,
    USER_ADDED,
    USER_INVITED,
    USER_ROLE_CHANGED,
    USER_REMOVED,
    SIGN_IN_FAILED,
    SIGN_IN_LOCKED,
    API_KEY_CREATED,
    API_KEY_REVOKED,
    WEBHOOK_CREATED,
    WEBHOOK_DELETED,
    /** Platform events (issue 14): recorded with no account, and on each account of the user concerned. */
    USER_CREATED,
    USER_DISABLED,
    USER_ENABLED,
    PASSWORD_CHANGED
}
