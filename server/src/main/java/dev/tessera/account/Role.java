package dev.tessera.account;

/** A user's role on a manager account. Only an {@link #ADMIN} sees the API Center. */
public enum Role {
    ADMIN,
    STANDARD,
    READ_ONLY
}
