package dev.tessera.system.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The masking rules of {@link LogRedaction} (issue 12). */
class LogRedactionTests {

    static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUw";

    @Test
    void standaloneTokenShapedRunIsMaskedWherever() {
        assertThat(LogRedaction.redact("header line [developer-token:" + TOKEN + "\u0000] does not conform"))
                .isEqualTo("header line [developer-token:AbCd…StUw\u0000] does not conform");
        assertThat(LogRedaction.redact(TOKEN)).isEqualTo("AbCd…StUw");
        assertThat(LogRedaction.redact("x/" + TOKEN + "?q")).isEqualTo("x/AbCd…StUw?q");
    }

    @Test
    void anyRunAfterTheHeaderOrFieldNameIsMaskedWhateverItsLength() {
        assertThat(LogRedaction.redact("Developer-Token: " + TOKEN + "xyz and more"))
                .isEqualTo("Developer-Token: AbCd…wxyz and more");
        assertThat(LogRedaction.redact("{\"developerToken\":\"" + TOKEN.substring(0, 20) + "\"}"))
                .doesNotContain(TOKEN.substring(0, 20));
        assertThat(LogRedaction.redact("developer_token=abcdefgh")).isEqualTo("developer_token=…");
    }

    /** The scannable format (issue 15): prefix, underscore, 36 letters and digits; the prefix stays readable. */
    @Test
    void aPrefixedTokenIsMaskedWhereverKeepingItsPrefix() {
        String prefixed = "tsr_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
        assertThat(LogRedaction.redact("refused " + prefixed + ".")).isEqualTo("refused tsr_AbCd…6789.");
        assertThat(LogRedaction.redact("acme9_" + prefixed.substring(4))).isEqualTo("acme9_AbCd…6789");
        assertThat(LogRedaction.redact("snake_case_" + "x".repeat(30))).as("not 36 after the underscore")
                .isEqualTo("snake_case_" + "x".repeat(30));
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String line = "at dev.tessera.dataplane.DataPlaneConfiguration.start(DataPlaneConfiguration.java:42)";
        assertThat(LogRedaction.redact(line)).isSameAs(line);
        assertThat(LogRedaction.redact("developer-token header missing")).isEqualTo("developer-token header missing");
        assertThat(LogRedaction.redact("AbCdEfGhIjKlMnOpQrStUwX")).as("23 characters").isEqualTo("AbCdEfGhIjKlMnOpQrStUwX");
        assertThat(LogRedaction.redact("POST /v1/developer-token:verify")).isEqualTo("POST /v1/developer-token:verify");
        assertThat(LogRedaction.redact(null)).isNull();
    }
}
