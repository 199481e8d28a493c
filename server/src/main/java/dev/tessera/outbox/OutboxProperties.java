package dev.tessera.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the mail outbox sender, bound from {@code tessera.mail.*}. The SMTP server itself is
 * configured with Spring Boot's standard {@code spring.mail.*} properties ({@code SPRING_MAIL_HOST}…).
 *
 * @param from the From address of every mail
 * @param pollInterval pause between two looks for due mail (5s)
 * @param retryBase first retry delay; each further failure doubles it (30s)
 * @param retryMax longest retry delay (1h)
 * @param lease how long a claimed mail stays claimed; a sender that died is replaced after it (2m)
 * @param maxAttempts attempts before a mail is given up as FAILED (40, about a day and a half)
 * @param batchSize mails claimed at once
 */
@ConfigurationProperties("tessera.mail")
public record OutboxProperties(String from, Duration pollInterval, Duration retryBase, Duration retryMax,
        Duration lease, Integer maxAttempts, Integer batchSize) {

    public OutboxProperties {
        from = from == null || from.isBlank() ? "Tessera <tessera@localhost>" : from;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        retryBase = retryBase == null ? Duration.ofSeconds(30) : retryBase;
        retryMax = retryMax == null ? Duration.ofHours(1) : retryMax;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        maxAttempts = maxAttempts == null ? 40 : maxAttempts;
        batchSize = batchSize == null ? 20 : batchSize;
    }

    /** Delay before attempt {@code failures + 1}: retryBase · 2^(failures − 1), at most retryMax. */
    Duration retryDelay(int failures) {
        return Backoff.delay(retryBase, retryMax, failures);
    }
}
