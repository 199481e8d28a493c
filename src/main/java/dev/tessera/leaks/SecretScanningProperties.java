package dev.tessera.leaks;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the leak reports, bound from {@code tessera.secret-scanning.*}.
 *
 * @param githubKeys the file of GitHub's secret-scanning public keys, in the {@code public_keys}
 *     JSON format of {@code https://api.github.com/meta/public_keys/secret_scanning}
 *     ({@code TESSERA_SECRET_SCANNING_GITHUB_KEYS}); unset, every report is refused with 401. The
 *     file is read again when it changes, so keys rotate without a restart.
 * @param revocationsPerMinute how many calls of the public revocation endpoint one client address may
 *     make per minute on one node ({@code TESSERA_SECRET_SCANNING_REVOCATIONS_PER_MINUTE}, default 10)
 */
@ConfigurationProperties("tessera.secret-scanning")
public record SecretScanningProperties(Path githubKeys, Integer revocationsPerMinute) {

    public SecretScanningProperties {
        revocationsPerMinute = revocationsPerMinute == null ? 10 : revocationsPerMinute;
        if (revocationsPerMinute < 1) {
            throw new IllegalArgumentException("TESSERA_SECRET_SCANNING_REVOCATIONS_PER_MINUTE must be at least 1");
        }
    }
}
