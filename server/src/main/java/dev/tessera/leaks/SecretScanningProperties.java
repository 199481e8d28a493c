package dev.tessera.leaks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the leak reports, bound from {@code tessera.secret-scanning.*}.
 *
 * @param githubKeys the file of GitHub's secret-scanning public keys, in the {@code public_keys}
 *     JSON format of {@code https://api.github.com/meta/public_keys/secret_scanning}
 *     ({@code TESSERA_SECRET_SCANNING_GITHUB_KEYS}); unset, every report is refused with 401. The
 *     file is read again when it changes, so keys rotate without a restart.
 * @param githubKeysUrl where to fetch that document again ({@code TESSERA_SECRET_SCANNING_GITHUB_KEYS_URL},
 *     e.g. {@code https://api.github.com/meta/public_keys/secret_scanning}); unset, the file is only read.
 *     Set, it needs {@code githubKeys}: the fetched document replaces the file (atomically), fetched
 *     once at start when the file is missing
 * @param githubKeysRefresh how often to fetch it ({@code TESSERA_SECRET_SCANNING_GITHUB_KEYS_REFRESH}, 1h)
 * @param revocationsPerMinute how many calls of the public revocation endpoint one client address may
 *     make per minute on one node ({@code TESSERA_SECRET_SCANNING_REVOCATIONS_PER_MINUTE}, default 10)
 */
@ConfigurationProperties("tessera.secret-scanning")
public record SecretScanningProperties(Path githubKeys, URI githubKeysUrl, Duration githubKeysRefresh,
        Integer revocationsPerMinute) {

    public SecretScanningProperties {
        githubKeysRefresh = githubKeysRefresh == null ? Duration.ofHours(1) : githubKeysRefresh;
        if (githubKeysUrl != null && githubKeys == null) {
            throw new IllegalArgumentException("TESSERA_SECRET_SCANNING_GITHUB_KEYS_URL needs TESSERA_SECRET_SCANNING_GITHUB_KEYS,"
                    + " the file the fetched keys are kept in");
        }
        revocationsPerMinute = revocationsPerMinute == null ? 10 : revocationsPerMinute;
        if (revocationsPerMinute < 1) {
            throw new IllegalArgumentException("TESSERA_SECRET_SCANNING_REVOCATIONS_PER_MINUTE must be at least 1");
        }
    }
}
