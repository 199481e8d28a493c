package dev.tessera.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Plays GitHub's part in the tests: an EC P-256 key pair made for the test, its public key written
 * as a {@code public_keys} document, and reports signed as GitHub signs them (SHA256withECDSA over the
 * raw body, base64 of the DER signature).
 */
public final class GitHubSigner {

    private final String keyId;
    private final KeyPair pair;

    public GitHubSigner(String keyId) {
        this.keyId = keyId;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as PEM, as GitHub's document holds it. */
    public String pem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** Writes {@code {"public_keys":[…]}} with these signers' keys to {@code file}. */
    public static Path writeKeys(Path file, GitHubSigner... signers) {
        StringBuilder json = new StringBuilder("{\"public_keys\":[");
        for (int i = 0; i < signers.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"key_identifier\":\"").append(signers[i].keyId)
                    .append("\",\"key\":\"").append(signers[i].pem().replace("\n", "\\n"))
                    .append("\",\"is_current\":").append(i == 0).append('}');
        }
        try {
            return Files.writeString(file, json.append("]}").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base64 of the DER signature of {@code body}. */
    public String sign(String body) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(pair.getPrivate());
            signature.update(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code body} and posts it as GitHub posts a report to {@code /v1/secret-scanning/github}. */
    public Api.Reply post(Api api, String body) {
        return api.header("Github-Public-Key-Identifier", keyId).header("Github-Public-Key-Signature", sign(body))
                .send("POST", "/v1/secret-scanning/github", body, "application/json");
    }

    /** GitHub's report of one match. */
    public static String report(String token, String url) {
        return "[{\"token\":\"" + token + "\",\"type\":\"tessera_developer_token\",\"url\":\"" + url
                + "\",\"source\":\"content\"}]";
    }
}
