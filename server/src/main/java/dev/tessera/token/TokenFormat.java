package dev.tessera.token;

import java.security.SecureRandom;

/**
 * The format of the tokens this Tessera issues ({@code TESSERA_TOKEN_FORMAT}): {@code google}, the
 * default, 22 characters shaped like a Google Ads developer token; or {@code prefixed}, the scannable
 * format of {@link PrefixedFormat} with {@code TESSERA_TOKEN_PREFIX} (default {@code tsr_}). Only new
 * tokens take it: tokens of either format verify whatever the setting, so a platform can switch and
 * let its accounts move over at their next reset.
 */
public record TokenFormat(boolean prefixed, String prefix) {

    public static final String DEFAULT_PREFIX = "tsr_";

    public static final TokenFormat GOOGLE = new TokenFormat(false, DEFAULT_PREFIX);

    public TokenFormat {
        if (!PrefixedFormat.isValidPrefix(prefix)) {
            throw new IllegalArgumentException("TESSERA_TOKEN_PREFIX must be a lower-case letter, then 1 to 9 lower-case"
                    + " letters or digits, then _ (for example tsr_)");
        }
    }

    /** The format named by the settings' text: {@code google} (or empty) or {@code prefixed}. */
    public static TokenFormat of(String format, String prefix) {
        String name = format == null ? "" : format.strip().toLowerCase(java.util.Locale.ROOT);
        String checkedPrefix = prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix.strip();
        return switch (name) {
            case "", "google" -> new TokenFormat(false, checkedPrefix);
            case "prefixed" -> new TokenFormat(true, checkedPrefix);
            default -> throw new IllegalArgumentException("TESSERA_TOKEN_FORMAT is google (the default) or prefixed, not "
                    + format.strip());
        };
    }

    DeveloperToken generate(SecureRandom random) {
        return prefixed ? DeveloperToken.generatePrefixed(random, prefix) : DeveloperToken.generate(random);
    }

    /** The regular expression to register with secret scanners for this format's tokens (prefixed only). */
    public String scannerPattern() {
        return PrefixedFormat.scannerPattern(prefix);
    }
}
