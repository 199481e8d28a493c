package dev.tessera.account;

/** A user's membership of a manager account. */
public record Member(String email, Role role) {}
