package dev.tessera.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.account.CustomerId;
import dev.tessera.token.DeveloperToken;
import dev.tessera.token.TokenHasher;
import dev.tessera.token.TokenPepper;
import dev.tessera.verify.DataPlaneProtocol;
import dev.tessera.verify.RefusalReason;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The embedded verifier cannot use the server's classes (it is a library with no dependency), so it
 * carries its own copy of the few rules the decision needs (issue 13). These tests hold each copy to the
 * server's: refusal texts and bodies, the token's shape, the digest, customer ids and services in paths.
 */
class VerifierParityTests {

    private static final SplittableRandom RANDOM = new SplittableRandom(13);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/ ";

    @Test
    void everyRefusalHasTheDataPlanesStatusCodeMessageAndBody() {
        for (Refusal refusal : Refusal.values()) {
            RefusalReason server = RefusalReason.valueOf(refusal.name());
            assertThat(refusal.httpStatus()).as("%s", refusal).isEqualTo(server.httpStatus());
            assertThat(refusal.status()).isEqualTo(server.status());
            assertThat(refusal.errorCode()).isEqualTo(server.errorCode());
            assertThat(refusal.message()).isEqualTo(server.message());
            assertThat(refusal.errorBodyBytes("req-1")).isEqualTo(DataPlaneProtocol.errorBody(server, "req-1"));
        }
    }

    @Test
    void theTokenShapeAndDigestAreTheServers() {
        byte[] pepper = new byte[32];
        RANDOM.nextBytes(pepper);
        TokenHasher hasher = new TokenHasher(TokenPepper.fromBase64(Base64.getEncoder().encodeToString(pepper)));
        TokenDigester digester = new TokenDigester(pepper);
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(i % 4 == 0 ? RANDOM.nextInt(30) : 22);
            assertThat(TokenDigester.isWellFormed(text)).as("shape of %s", text).isEqualTo(DeveloperToken.isWellFormed(text));
            if (DeveloperToken.isWellFormed(text)) {
                assertThat(digester.digest(text)).isEqualTo(hasher.digestBytes(text));
            }
        }
        // generated tokens end in A, Q, g or w: draw those too, so the digest comparison runs often
        for (int i = 0; i < 2_000; i++) {
            String token = randomText(21) + "AQgw".charAt(RANDOM.nextInt(4));
            if (DeveloperToken.isWellFormed(token)) {
                assertThat(Arrays.equals(digester.digest(token), hasher.digestBytes(token))).as(token).isTrue();
            }
        }
    }

    /** Issue 15: prefixed tokens, with their checksum right and with typos, have the server's shape and digest. */
    @Test
    void prefixedTokensHaveTheServersShapeAndDigest() {
        byte[] pepper = new byte[32];
        RANDOM.nextBytes(pepper);
        TokenHasher hasher = new TokenHasher(TokenPepper.fromBase64(Base64.getEncoder().encodeToString(pepper)));
        TokenDigester digester = new TokenDigester(pepper);
        String base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        int wellFormed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder token = new StringBuilder(i % 3 == 0 ? "tsr_" : i % 3 == 1 ? "acme9_" : "x_");
            for (int k = 0; k < 30; k++) {
                token.append(base62.charAt(RANDOM.nextInt(62)));
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(token.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            long value = crc.getValue();
            char[] checksum = new char[6];
            for (int k = 5; k >= 0; k--) {
                checksum[k] = base62.charAt((int) (value % 62));
                value /= 62;
            }
            token.append(checksum);
            if (i % 4 == 1) { // a typo
                int at = RANDOM.nextInt(token.length());
                token.setCharAt(at, ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            String text = token.toString();
            assertThat(TokenDigester.isWellFormed(text)).as("shape of %s", text).isEqualTo(DeveloperToken.isWellFormed(text));
            if (DeveloperToken.isWellFormed(text)) {
                wellFormed++;
                assertThat(digester.digest(text)).isEqualTo(hasher.digestBytes(text));
            }
        }
        assertThat(wellFormed).as("well-formed prefixed tokens drawn").isGreaterThan(10_000);
    }

    @Test
    void customerIdsAndServicesInPathsAreReadAsTheDataPlaneReadsThem() {
        String[] paths = {"/v23/customers/1234567890/googleAds:search", "/v23/customers/123-456-7890:mutate",
            "/v23/customers/12345/googleAds:search", "/v23/customers/", "/v23/other", "/x", "", "/v/customers/1234567890",
            "/v23/customers/0123456789/x", "/v23/customers/1234567890/KeywordPlanIdeaService:generateKeywordIdeas?x=1",
            "/v23/customers/12a4567890", "/v1/customers/9999999999#frag"};
        for (String path : paths) {
            long server = DataPlaneProtocol.customerFromUri(path);
            long embedded = RequestParts.customerFromPath(path);
            assertThat(embedded).as(path).isEqualTo(server == DataPlaneProtocol.MALFORMED_CUSTOMER ? RequestParts.MALFORMED : server);
            assertThat(RequestParts.serviceFromPath(path)).as(path).isEqualTo(DataPlaneProtocol.serviceFromUri(path));
        }
        for (String id : new String[] {"1234567890", "123-456-7890", "12345", "123-4567-890", "0000000001", "", "abcdefghij"}) {
            assertThat(RequestParts.customerId(id, 0, id.length())).as(id).isEqualTo(CustomerId.parseOrZero(id));
        }
    }

    private static String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(i % 7 == 3 && RANDOM.nextInt(10) == 0 ? ALPHABET.charAt(64 + RANDOM.nextInt(4))
                    : ALPHABET.charAt(RANDOM.nextInt(64)));
        }
        return text.toString();
    }
}
