package dev.tessera.leaks;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code TESSERA_SECRET_SCANNING_GITHUB_KEYS_URL} set, fetches GitHub's keys again every
 * {@code TESSERA_SECRET_SCANNING_GITHUB_KEYS_REFRESH} into the key file ({@link KeysDownload}); a
 * failed fetch keeps the file as it was and is logged. Without it, does nothing.
 */
@Component
class GitHubKeysRefresh implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GitHubKeysRefresh.class);

    private final SecretScanningProperties properties;
    private final KeysDownload download;
    private ScheduledExecutorService executor;

    GitHubKeysRefresh(SecretScanningProperties properties, JsonMapper json) {
        this.properties = properties;
        this.download = properties.githubKeysUrl() == null ? null
                : new KeysDownload(properties.githubKeysUrl(), properties.githubKeys(), json);
    }

    @Override
    public synchronized void start() {
        if (download == null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tessera-github-keys");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, properties.githubKeysRefresh().toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                download.fetch();
            } catch (IOException | RuntimeException e) {
                log.warn("Could not fetch GitHub's secret-scanning keys; keeping those held ({})", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
