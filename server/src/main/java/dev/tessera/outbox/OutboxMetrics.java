package dev.tessera.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code tessera_outbox_backlog{state=…}}: mails not yet delivered (PENDING, SENDING, and HELD when no
 * SMTP server is configured). Counted by one indexed query per state at scrape time, never per request.
 */
@Component
class OutboxMetrics implements MeterBinder {

    private static final List<DeliveryState> WAITING = List.of(DeliveryState.PENDING, DeliveryState.SENDING,
            DeliveryState.HELD);

    private final JdbcClient jdbc;

    OutboxMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (DeliveryState state : WAITING) {
            Gauge.builder("tessera.outbox.backlog", () -> count(state))
                    .description("Notification mails waiting in the outbox, by state")
                    .tag("state", state.name())
                    .register(registry);
        }
    }

    private long count(DeliveryState state) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE state = :state").param("state", state.name())
                .query(Long.class).single();
    }
}
