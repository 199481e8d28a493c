package dev.tessera.account;

/** A manager account as one of its users sees it: the account and that user's role. */
public record Membership(ManagerAccount account, Role role) {}
