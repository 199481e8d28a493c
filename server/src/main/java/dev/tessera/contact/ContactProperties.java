package dev.tessera.contact;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the API contact email lifecycle, bound from {@code tessera.contact.*}.
 *
 * @param reconfirmAfter how long a confirmation holds before the contact must confirm again (180d)
 * @param confirmationValidity how long a confirmation link works after it was mailed (72h)
 * @param reminderCheckInterval how often the re-confirmation job looks for due accounts (1h)
 */
@ConfigurationProperties("tessera.contact")
public record ContactProperties(Duration reconfirmAfter, Duration confirmationValidity, Duration reminderCheckInterval) {

    public ContactProperties {
        reconfirmAfter = reconfirmAfter == null ? Duration.ofDays(180) : reconfirmAfter;
        confirmationValidity = confirmationValidity == null ? Duration.ofHours(72) : confirmationValidity;
        reminderCheckInterval = reminderCheckInterval == null ? Duration.ofHours(1) : reminderCheckInterval;
    }
}
