package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allocation-free HMAC of the hot path (issue #7) gives exactly what javax.crypto.Mac gives. */
class TokenHasherTests {

    @ParameterizedTest
    @ValueSource(ints = {32, 63, 64, 65, 100})
    void digestIsHmacSha256OfTheTokenUnderThePepper(int pepperBytes) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[pepperBytes];
        random.nextBytes(key);
        TokenPepper pepper = TokenPepper.fromBase64(Base64.getEncoder().encodeToString(key));
        TokenHasher hasher = new TokenHasher(pepper);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (int i = 0; i < 200; i++) {
            DeveloperToken token = DeveloperToken.generate(random);
            byte[] expected = mac.doFinal(token.value().getBytes(StandardCharsets.US_ASCII));
            assertThat(hasher.digest(token).toBytes()).isEqualTo(expected);
            assertThat(hasher.digest(token)).isEqualTo(TokenDigest.of(expected));
        }
    }
}
