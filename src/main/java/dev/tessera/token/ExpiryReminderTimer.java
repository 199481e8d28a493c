package dev.tessera.token;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks for due expiry reminders ({@link TokenExpiries#sendReminders}) on its own thread every
 * {@code tessera.token-expiry-check-interval} (default one hour), first one minute after start.
 * Every node runs it; each reminder still goes out once.
 */
@Component
class ExpiryReminderTimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiryReminderTimer.class);

    private final TokenExpiries expiries;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    ExpiryReminderTimer(TokenExpiries expiries,
            @Value("${tessera.token-expiry-check-interval:PT1H}") Duration interval) {
        this.expiries = expiries;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tessera-expiry-reminders");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1_000, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::run, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            expiries.sendReminders();
        } catch (RuntimeException e) {
            log.warn("Could not send expiry reminders; retried at the next check: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
