package dev.tessera.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of an outbox sender (mail here, webhooks in their feature): one daemon thread runs the
 * job every interval, and at once on {@link #wake}; a job that throws is logged and runs again next
 * time. {@link #stop} does not interrupt (H2 closes its file when a thread is interrupted in I/O):
 * the job sees {@link #stopping()} and ends its current send, bounded by that send's timeouts; a
 * claim it leaves unmarked is taken over when its lease runs out. Thread-safe.
 */
public final class Poller {

    private static final Logger log = LoggerFactory.getLogger(Poller.class);

    private final String name;
    private final Duration interval;
    private final Runnable job;
    private ScheduledExecutorService executor;
    private volatile boolean stopping;

    public Poller(String name, Duration interval, Runnable job) {
        this.name = name;
        this.interval = interval;
        this.job = job;
    }

    public synchronized void start(Duration firstDelay) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runSafely, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the job now (after the run in progress, if any), unless stopped. */
    public synchronized void wake() {
        if (executor != null && !stopping) {
            executor.execute(this::runSafely);
        }
    }

    public synchronized void stop() {
        if (executor != null) {
            stopping = true;
            executor.shutdown();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
            stopping = false;
        }
    }

    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** True while {@link #stop} waits: the job should return after its current send. */
    public boolean stopping() {
        return stopping;
    }

    private void runSafely() {
        try {
            job.run();
        } catch (RuntimeException e) {
            log.warn("{}: the poll failed; will try again", name, e);
        }
    }
}
