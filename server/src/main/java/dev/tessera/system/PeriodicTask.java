package dev.tessera.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job run on its own daemon thread with a fixed delay between runs, for the background work of
 * {@code SmartLifecycle} beans (flushes, sweeps, reminders). A run that throws is logged and the job
 * runs again at its next turn. Thread-safe.
 */
public final class PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String threadName;
    private final Runnable job;
    private ScheduledExecutorService executor;

    /** @param threadName the thread's name, which also names the job in log lines */
    public PeriodicTask(String threadName, Runnable job) {
        this.threadName = threadName;
        this.job = job;
    }

    /** Runs the job first after {@code initialDelay}, then {@code every} after each run ends. */
    public synchronized void start(Duration initialDelay, Duration every) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runQuietly, Math.max(1, initialDelay.toMillis()),
                Math.max(1, every.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Stops the job, waiting up to {@code wait} for a run in progress to end. */
    public synchronized void stop(Duration wait) {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void runQuietly() {
        try {
            job.run();
        } catch (RuntimeException e) {
            log.warn("{} failed; it runs again at its next turn: {}", threadName, e.toString());
        }
    }
}
