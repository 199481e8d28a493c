package dev.tessera.system;

import java.nio.file.Path;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tessera's own settings, bound from {@code tessera.*} properties or their {@code TESSERA_*}
 * environment variables.
 *
 * @param dataDir folder of the embedded database and the generated secrets ({@code TESSERA_DATA_DIR});
 *     its default, {@code ./data}, is set in application.properties only
 * @param adminEmail email of the first user, created on an empty database ({@code TESSERA_ADMIN_EMAIL})
 * @param adminPassword password of the first user; generated into a file when absent
 * @param tokenPepper base64 secret (≥ 32 bytes) for token digests ({@code TESSERA_TOKEN_PEPPER})
 */
@ConfigurationProperties("tessera")
public record TesseraProperties(Path dataDir, String adminEmail, String adminPassword, String tokenPepper) {

    public TesseraProperties {
        Objects.requireNonNull(dataDir, "tessera.data-dir (TESSERA_DATA_DIR) is not set");
        adminEmail = blankToNull(adminEmail);
        adminPassword = blankToNull(adminPassword);
        tokenPepper = blankToNull(tokenPepper);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "TesseraProperties[dataDir=" + dataDir + ", adminEmail=" + adminEmail + "]";
    }
}
