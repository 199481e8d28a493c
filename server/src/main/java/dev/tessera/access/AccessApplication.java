package dev.tessera.access;

import java.time.Instant;

/** An application for a higher access level, and the operator's decision on it. */
public record AccessApplication(
        long id,
        String customerId,
        AccessLevel requestedLevel,
        String useCase,
        long expectedDailyOperations,
        String companyUrl,
        Status status,
        Instant submittedAt,
        String submittedBy,
        Instant decidedAt,
        String decidedBy,
        String decisionReason) {

    /** Where an application stands. */
    public enum Status {
        PENDING,
        APPROVED,
        REJECTED
    }
}
