package dev.tessera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.account.CustomerId;
import dev.tessera.system.EmailAddress;
import dev.tessera.system.TesseraException;
import dev.tessera.testing.ScannableTokens;
import dev.tessera.token.DeveloperToken;
import dev.tessera.verify.DataPlaneProtocol;
import dev.tessera.verify.Verifier;
import java.util.regex.Pattern;

/**
 * Jazzer fuzz tests of the parsers that read what clients send (issue 12): the token shape check,
 * the customer id parser, the original-URI parsers (customer and service) and the contact email
 * validator. Each states a property that must hold for every input, not just "does not throw".
 *
 * <p>{@code mvn -B verify} replays their saved inputs in the main test run, then fuzzes each for
 * the {@code maxDuration} below in a run of its own (surefire executions {@code fuzz-*}; Jazzer
 * fuzzes one test per JVM). A longer run, the same checks for 10 minutes each, is
 * {@link InputFuzzLongRun}. A crash Jazzer finds is written as {@code crash-*}; copy it under
 * {@code tests/src/test/resources/dev/tessera/InputFuzzTestsInputs/<method>/} so the replay keeps it.
 */
class InputFuzzTests {

    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{21}[AQgw]");
    /** The prefixed format's shape (issue 15); its last 6 characters must also be the checksum ({@link #checksumFits}). */
    static final Pattern PREFIXED = Pattern.compile("[a-z][a-z0-9]{1,9}_[0-9A-Za-z]{36}");
    static final Pattern CUSTOMER_ID = Pattern.compile("[0-9]{10}|[0-9]{3}-[0-9]{3}-[0-9]{4}");

    @FuzzTest(maxDuration = "5s")
    void tokenShapeCheckAgreesWithItsDefinition(FuzzedDataProvider data) {
        tokenShape(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "5s")
    void customerIdParserAcceptsExactlyTheTenDigitForms(FuzzedDataProvider data) {
        customerId(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "5s")
    void originalUriParsersNeverThrow(FuzzedDataProvider data) {
        originalUri(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "5s")
    void contactEmailValidatorThrowsOnlyItsOwnRefusal(FuzzedDataProvider data) {
        contactEmail(data.consumeRemainingAsString());
    }

    static void tokenShape(String text) {
        boolean expected = TOKEN.matcher(text).matches() || (PREFIXED.matcher(text).matches() && checksumFits(text));
        assertThat(DeveloperToken.isWellFormed(text)).as("%s", text).isEqualTo(expected);
    }

    /** Random text almost never has the prefixed shape: check the definition on tokens that do, and on their typos. */
    @org.junit.jupiter.api.Test
    void tokenShapeCheckAgreesWithItsDefinitionOnPrefixedTokens() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(15);
        for (int i = 0; i < 500; i++) {
            String valid = ScannableTokens.generate(random, "tsr_");
            assertThat(DeveloperToken.isWellFormed(valid)).as(valid).isTrue();
            tokenShape(valid);
            int at = random.nextInt(valid.length());
            tokenShape(valid.substring(0, at) + ScannableTokens.BASE62.charAt(random.nextInt(62)) + valid.substring(at + 1));
        }
    }

    static boolean checksumFits(String text) {
        int body = text.length() - 6;
        return text.substring(body).equals(ScannableTokens.checksum(text.substring(0, body)));
    }

    static void customerId(String text) {
        long parsed = CustomerId.parseOrZero(text);
        if (!CUSTOMER_ID.matcher(text).matches()) {
            assertThat(parsed).as("%s", text).isZero();
        } else {
            long digits = Long.parseLong(text.replace("-", ""));
            assertThat(parsed).as("%s", text).isEqualTo(digits >= 1_000_000_000L ? digits : 0);
        }
        if (parsed == 0) {
            assertThatThrownBy(() -> CustomerId.parseField("customerId", text)).isInstanceOf(TesseraException.class);
        } else {
            assertThat(CustomerId.parseField("customerId", text).value()).isEqualTo(parsed);
        }
    }

    static void originalUri(String uri) {
        long customer = DataPlaneProtocol.customerFromUri(uri);
        assertThat(customer == Verifier.NO_CUSTOMER || customer == DataPlaneProtocol.MALFORMED_CUSTOMER
                || (customer >= 1_000_000_000L && customer <= 9_999_999_999L)).as("%s → %d", uri, customer).isTrue();
        String service = DataPlaneProtocol.serviceFromUri(uri);
        if (service != null) {
            assertThat(service).as("%s", uri).contains(".").doesNotContain("/").doesNotContain("?").doesNotContain("#");
        }
    }

    static void contactEmail(String text) {
        EmailAddress address;
        try {
            address = EmailAddress.parse(text);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("a message for a person").isNotBlank();
            return;
        }
        assertThat(address.value().length()).isLessThanOrEqualTo(EmailAddress.MAX_LENGTH);
        assertThat(EmailAddress.parse(address.value())).as("parsing its own value again").isEqualTo(address);
        assertThat(address.localPart() + "@" + address.domain()).isEqualTo(address.value());
    }
}
