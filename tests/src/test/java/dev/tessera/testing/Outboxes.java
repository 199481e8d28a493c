package dev.tessera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Reads an account's outbox over the API and waits, with a deadline, until nothing is left to send. */
public final class Outboxes {

    private Outboxes() {}

    public static JsonNode notifications(Scenario.Account account) {
        Api.Reply reply = account.admin().api().get(account.path() + "/notifications?size=200");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json().get("notifications");
    }

    /** Waits up to 60 s until every mail of the account is SENT; answers the list. */
    public static JsonNode awaitAllSent(Scenario.Account account) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode list;
        do {
            list = notifications(account);
            boolean done = true;
            for (JsonNode mail : list) {
                done &= "SENT".equals(mail.get("state").asString());
            }
            if (done) {
                return list;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("Not all mail was sent: " + list);
    }
}
