package dev.tessera.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Properties that make the outbox sender and the reminder job fast enough for tests. */
public final class Fast {

    private Fast() {}

    public static String[] with(String... more) {
        List<String> all = new ArrayList<>(List.of("tessera.mail.poll-interval=50ms", "tessera.mail.retry-base=20ms",
                "tessera.mail.retry-max=200ms", "tessera.mail.lease=3s", "tessera.contact.reminder-check-interval=100ms"));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }
}
