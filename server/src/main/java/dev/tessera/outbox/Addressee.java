package dev.tessera.outbox;

/** Who a mail goes to: the account (id and name, as the mail names it) and its contact address. */
public record Addressee(long accountId, String accountName, String email) {}
