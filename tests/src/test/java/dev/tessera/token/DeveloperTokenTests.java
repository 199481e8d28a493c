package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeveloperTokenTests {

    @Test
    void generatedTokensAre22Base64UrlCharactersAndDistinct() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            DeveloperToken token = DeveloperToken.generate(random);
            assertThat(token.value()).hasSize(22).matches("[A-Za-z0-9_-]{21}[AQgw]");
            assertThat(seen.add(token.value())).isTrue();
        }
    }

    @Test
    void toStringAndMaskShowOnlyFirstAndLastFour() {
        DeveloperToken token = new DeveloperToken("ABcdEFghIJklMNopQRSTUw");
        assertThat(token.masked()).isEqualTo("ABcd…STUw");
        assertThat(token.toString()).isEqualTo("ABcd…STUw").doesNotContain(token.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "ABcdEFghIJklMNopQRSTUwX", "ABcdEFghIJklMNopQRST+w", "ABcdEFghIJklMNopQRST=w",
            "ABcdEFghIJklMNopQRSTUB", "ABcdEFghIJklMNopQRST\u00e9w"})
    void refusesWhatIsNotATokenShape(String text) {
        assertThat(DeveloperToken.isWellFormed(text)).isFalse();
        assertThatThrownBy(() -> new DeveloperToken(text)).hasMessageNotContaining(text.isEmpty() ? "\u0000" : text);
    }

    @Test
    void acceptsExactlyTheBase64UrlAlphabetInEveryPlace() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String token = "ABcdEFghIJklMNopQRSTUw";
        for (int position : new int[] {0, 7, 20}) {
            // Every char, the ones whose low 7 bits spell a letter ('\u0141' is 'A' + 0x100) included.
            for (char c = 0; c < Character.MAX_VALUE; c++) {
                String text = token.substring(0, position) + c + token.substring(position + 1);
                assertThat(DeveloperToken.isWellFormed(text)).as("U+%04X at %d", (int) c, position)
                        .isEqualTo(alphabet.indexOf(c) >= 0);
            }
        }
    }

    @Test
    void digestDependsOnThePepperAndComparesByValue() {
        TokenPepper one = TokenPepper.fromBase64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        TokenPepper two = TokenPepper.fromBase64("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        String token = "ABcdEFghIJklMNopQRSTUw";
        TokenDigest digest = new TokenHasher(one).digest(token);
        assertThat(new TokenHasher(one).digest(token)).isEqualTo(digest).hasSameHashCodeAs(digest);
        assertThat(new TokenHasher(two).digest(token)).isNotEqualTo(digest);
        assertThat(TokenDigest.of(digest.toBytes())).isEqualTo(digest);
        assertThat(digest.toString()).doesNotContain(Long.toHexString(digest.w0()));
    }

    @Test
    void pepperMustBeBase64OfAtLeast32Bytes() {
        assertThatThrownBy(() -> TokenPepper.fromBase64("not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> TokenPepper.fromBase64("c2hvcnQ=")).hasMessageContaining("at least 32 bytes");
        assertThat(TokenPepper.fromBase64("-_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isNotNull();
    }
}
