package dev.tessera.access;

/** Data-plane refusals that are counted against a manager account in its usage. */
public enum Rejection {
    NOT_APPROVED,
    PROHIBITED,
    QUOTA
}
