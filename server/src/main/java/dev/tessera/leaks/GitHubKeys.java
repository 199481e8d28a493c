package dev.tessera.leaks;

import dev.tessera.system.StartupRefusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub's secret-scanning public keys, by {@code key_identifier}, from the file named by
 * {@code TESSERA_SECRET_SCANNING_GITHUB_KEYS}, and the check of a report's signature: ECDSA on
 * P-256 with SHA-256 over the raw body, the signature base64 of its DER form. A key file that cannot
 * be read or holds no P-256 key stops start-up; a later change that breaks it keeps the keys read
 * before (and logs why). Thread-safe.
 */
@Component
class GitHubKeys {

    private static final Logger log = LoggerFactory.getLogger(GitHubKeys.class);

    private record Loaded(FileTime modified, Map<String, PublicKey> keys) {}

    private final Path file;
    private final JsonMapper json;
    private volatile Loaded loaded;

    GitHubKeys(SecretScanningProperties properties, JsonMapper json) {
        this.file = properties.githubKeys();
        this.json = json;
        if (file != null) {
            try {
                if (properties.githubKeysUrl() != null && !Files.exists(file)) {
                    new KeysDownload(properties.githubKeysUrl(), file, json).fetch();
                }
                loaded = load();
            } catch (IOException | IllegalArgumentException e) {
                throw new StartupRefusal("The GitHub secret-scanning keys in " + file + " cannot be used: " + e.getMessage(),
                        "Point TESSERA_SECRET_SCANNING_GITHUB_KEYS at a copy of"
                                + " https://api.github.com/meta/public_keys/secret_scanning (or set"
                                + " TESSERA_SECRET_SCANNING_GITHUB_KEYS_URL to fetch it), or unset it.");
            }
            log.info("Trusting {} GitHub secret-scanning keys from {}", loaded.keys().size(), file);
        }
    }

    /** Whether {@code signature} (base64 DER) is a signature of {@code body} by the key {@code keyId}. */
    boolean verify(String keyId, String signature, byte[] body) {
        if (keyId == null || signature == null || body == null) {
            return false;
        }
        PublicKey key = keys().get(keyId.strip());
        if (key == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // not base64, not DER: not a signature
        }
    }

    private Map<String, PublicKey> keys() {
        Loaded current = loaded;
        if (current == null) {
            return Map.of();
        }
        try {
            if (!Files.getLastModifiedTime(file).equals(current.modified())) {
                synchronized (this) {
                    if (loaded == current) {
                        loaded = current = load();
                        log.info("Read {} GitHub secret-scanning keys again from {}", current.keys().size(), file);
                    }
                    current = loaded;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Keeping the GitHub secret-scanning keys read before: {} cannot be used ({})", file, e.getMessage());
        }
        return current.keys();
    }

    private Loaded load() throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        return new Loaded(modified, parse(json, Files.readString(file)));
    }

    /**
     * The P-256 keys of a {@code public_keys} document: {@code {"public_keys":[{"key_identifier":…,
     * "key":"-----BEGIN PUBLIC KEY-----…","is_current":…}]}}. Every listed key is trusted, current or
     * not: GitHub signs with a key for a while after it stops being current.
     *
     * @throws IllegalArgumentException when the document has no usable key
     */
    static Map<String, PublicKey> parse(JsonMapper json, String document) {
        JsonNode list;
        try {
            list = json.readTree(document).path("public_keys");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("it is not JSON");
        }
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonNode entry : list) {
            String id = entry.path("key_identifier").asString("");
            String pem = entry.path("key").asString("");
            if (!id.isBlank() && !pem.isBlank()) {
                keys.put(id.strip(), p256(pem));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("it lists no key under public_keys");
        }
        return Map.copyOf(keys);
    }

    private static PublicKey p256(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("a key is not on P-256");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() != null && e.getMessage().contains("P-256")
                    ? e.getMessage() : "a key is not a PEM public key");
        }
    }
}
