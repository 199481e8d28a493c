package dev.tessera.quota;

/** Data-plane refusals that are counted against a manager account in its usage. */
public enum CountedRefusal {
    NOT_APPROVED,
    PROHIBITED,
    QUOTA
}
