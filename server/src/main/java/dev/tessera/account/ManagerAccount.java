package dev.tessera.account;

import java.time.Instant;

/** A manager account: the organisation that owns API access and its developer token. */
public record ManagerAccount(
        CustomerId customerId, String name, String companyName, String companyUrl, String apiContactEmail,
        Instant createdAt) {}
