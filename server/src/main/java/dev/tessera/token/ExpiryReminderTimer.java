package dev.tessera.token;

import dev.tessera.system.PeriodicTask;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks for due expiry reminders ({@link TokenExpiries#sendReminders}) on its own thread every
 * {@code tessera.token-expiry-check-interval} (default one hour), first one minute after start (or
 * after one interval, when shorter). Every node runs it; each reminder still goes out once.
 */
@Component
class ExpiryReminderTimer implements SmartLifecycle {

    private final PeriodicTask task;
    private final Duration interval;

    ExpiryReminderTimer(TokenExpiries expiries,
            @Value("${tessera.token-expiry-check-interval:PT1H}") Duration interval) {
        this.task = new PeriodicTask("tessera-expiry-reminders", expiries::sendReminders);
        this.interval = interval;
    }

    @Override
    public void start() {
        Duration first = Duration.ofMinutes(1);
        task.start(interval.compareTo(first) < 0 ? interval : first, interval);
    }

    @Override
    public void stop() {
        task.stop(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}
