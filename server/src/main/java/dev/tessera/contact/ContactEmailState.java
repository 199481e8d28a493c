package dev.tessera.contact;

import java.time.Instant;

/**
 * The API contact email of a manager account as the console and the API show it.
 *
 * @param status where the address stands
 * @param confirmedAt when the address was last confirmed, or null
 * @param reconfirmBy when the confirmation runs out (status becomes RECONFIRMATION_DUE), or null
 * @param bouncedAt when mail to it was last refused by the server, or null
 * @param personalWarning why the address looks personal rather than a team's, or null
 */
public record ContactEmailState(String customerId, String email, Status status, Instant setAt, Instant confirmedAt,
        Instant reconfirmBy, Instant bouncedAt, boolean looksPersonal, String personalWarning) {

    /** Where a contact email stands. */
    public enum Status {
        /** Confirmed by its link, and not yet due for re-confirmation. */
        CONFIRMED,
        /** Not confirmed yet: a confirmation link was mailed (or waits in the outbox). */
        UNCONFIRMED,
        /** Confirmed once, but longer ago than the re-confirmation period. */
        RECONFIRMATION_DUE,
        /** The mail server refused mail to it: it looks bounced. */
        BOUNCING
    }
}
