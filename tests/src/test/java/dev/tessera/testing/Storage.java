package dev.tessera.testing;

/** The two databases Tessera runs on; system tests run against both. */
public enum Storage {
    H2,
    POSTGRES
}
