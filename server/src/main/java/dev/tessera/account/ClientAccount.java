package dev.tessera.account;

import java.time.Instant;

/** An account a manager manages: a test account or a production account. */
public record ClientAccount(CustomerId customerId, CustomerId managerCustomerId, String name, boolean testAccount,
        Instant createdAt) {}
