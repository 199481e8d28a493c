package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.testing.ScannableTokens;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The scannable token format (issue 15): prefix + 30 random base62 + CRC32 in 6 base62, typos refused by shape. */
class PrefixedFormatTests {

    static final String BASE62 = ScannableTokens.BASE62;
    final SecureRandom random = new SecureRandom();

    @Test
    void generatedTokensMatchTheScannerPatternCarryJavasCrc32AndAreDistinct() {
        Pattern scanner = Pattern.compile(TokenFormat.of("prefixed", "tsr_").scannerPattern());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String token = TokenFormat.of("prefixed", null).generate(random).value();
            assertThat(token).hasSize(40).startsWith("tsr_");
            assertThat(scanner.matcher("key: " + token + "\n").find()).as(token).isTrue();
            assertThat(token.substring(34)).isEqualTo(ScannableTokens.checksum(token.substring(0, 34)));
            assertThat(DeveloperToken.isWellFormed(token)).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
        assertThat(TokenFormat.of("prefixed", "tsr_").scannerPattern()).isEqualTo("\\btsr_[0-9A-Za-z]{36}\\b");
    }

    @Test
    void everySingleCharacterTypoAndEverySwapOfNeighboursIsRefusedByTheShapeAlone() {
        for (int round = 0; round < 20; round++) {
            String token = PrefixedFormat.generate(random, "acme9_");
            for (int i = 0; i < token.length(); i++) {
                for (char c : (BASE62 + "_-").toCharArray()) {
                    if (c != token.charAt(i)) {
                        String typo = token.substring(0, i) + c + token.substring(i + 1);
                        assertThat(DeveloperToken.isWellFormed(typo)).as(typo).isFalse();
                    }
                }
                if (i + 1 < token.length() && token.charAt(i) != token.charAt(i + 1)) {
                    String swapped = token.substring(0, i) + token.charAt(i + 1) + token.charAt(i) + token.substring(i + 2);
                    assertThat(DeveloperToken.isWellFormed(swapped)).as(swapped).isFalse();
                }
            }
            assertThat(DeveloperToken.isWellFormed(token.substring(1))).isFalse();
            assertThat(DeveloperToken.isWellFormed(token + "0")).isFalse();
        }
    }

    @Test
    void anyPrefixOfTheAllowedShapeVerifiesSoThatAPrefixChangeKeepsOldTokensAndTheChecksumCoversThePrefix() {
        for (String prefix : new String[] {"ab_", "tsr_", "a123456789_"}) {
            String token = PrefixedFormat.generate(random, prefix);
            assertThat(DeveloperToken.isWellFormed(token)).as(token).isTrue();
            assertThat(new DeveloperToken(token).masked()).isEqualTo(prefix + token.substring(prefix.length(), prefix.length() + 4)
                    + "…" + token.substring(token.length() - 4)).doesNotContain(token.substring(prefix.length() + 4, token.length() - 4));
            String body = token.substring(prefix.length());
            for (String other : new String[] {"Ab_", "a_", "9ab_", "a1234567890_", "ab-", "ab__"}) {
                assertThat(DeveloperToken.isWellFormed(other + body)).as(other + body).isFalse();
            }
        }
    }

    @Test
    void theFormatSettingIsGoogleOrPrefixedWithAPrefixOfTheAllowedShape() {
        assertThat(TokenFormat.of(null, null)).isEqualTo(new TokenFormat(false, "tsr_"));
        assertThat(TokenFormat.of(" Prefixed ", "acme_").prefixed()).isTrue();
        assertThat(TokenFormat.of("google", null).generate(random).value()).hasSize(22);
        assertThatThrownBy(() -> TokenFormat.of("base32", null)).hasMessageContaining("TESSERA_TOKEN_FORMAT");
        for (String prefix : new String[] {"TSR_", "tsr", "t_", "tsr-", "abcdefghijk_", "ts r_"}) {
            assertThatThrownBy(() -> TokenFormat.of("prefixed", prefix)).as(prefix).hasMessageContaining("TESSERA_TOKEN_PREFIX");
        }
    }

    @Test
    void bothFormatsHashToDigestsOfTheirWholeText() {
        TokenHasher hasher = new TokenHasher(TokenPepper.fromBase64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        String prefixed = PrefixedFormat.generate(random, "tsr_");
        String google = DeveloperToken.generate(random).value();
        assertThat(hasher.digest(prefixed)).isNotEqualTo(hasher.digest(prefixed.substring(0, 22)));
        assertThat(hasher.digest(google)).isEqualTo(hasher.digest(new StringBuilder(google)));
        assertThat(hasher.digest(prefixed)).isEqualTo(hasher.digest(new DeveloperToken(prefixed)));
    }

}
