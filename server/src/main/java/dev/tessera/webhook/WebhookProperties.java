package dev.tessera.webhook;

import dev.tessera.outbox.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of webhook delivery, bound from {@code tessera.webhook.*} ({@code TESSERA_WEBHOOK_…}).
 *
 * @param allowPrivateAddresses deliver to private, loopback, link-local … addresses too (false: refused,
 *     the SSRF guard); for tests and for receivers inside a trusted network only
 * @param pollInterval pause between two looks for due deliveries (2s); a delivery written on this node
 *     is also attempted as soon as its transaction commits
 * @param retryBase first retry delay; each further failure doubles it (30s)
 * @param retryMax longest retry delay (1h)
 * @param maxAttempts attempts before a delivery is given up as FAILED (16, about 10 hours)
 * @param connectTimeout time to connect to a receiver (5s)
 * @param requestTimeout time for the receiver's answer (10s); a timeout counts as a failure
 * @param lease how long a claimed delivery stays claimed; a sender that died is replaced after it (2m)
 * @param batchSize deliveries claimed at once
 */
@ConfigurationProperties("tessera.webhook")
public record WebhookProperties(boolean allowPrivateAddresses, Duration pollInterval, Duration retryBase,
        Duration retryMax, Integer maxAttempts, Duration connectTimeout, Duration requestTimeout, Duration lease,
        Integer batchSize) {

    public WebhookProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        retryBase = retryBase == null ? Duration.ofSeconds(30) : retryBase;
        retryMax = retryMax == null ? Duration.ofHours(1) : retryMax;
        maxAttempts = maxAttempts == null ? 16 : maxAttempts;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        batchSize = batchSize == null ? 20 : batchSize;
    }

    /** Delay before attempt {@code failures + 1}: retryBase · 2^(failures − 1), at most retryMax. */
    Duration retryDelay(int failures) {
        return Backoff.delay(retryBase, retryMax, failures);
    }
}
