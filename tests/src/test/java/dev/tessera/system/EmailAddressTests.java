package dev.tessera.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTests {

    @ParameterizedTest
    @ValueSource(strings = {"api-team@acme.example", "o'brien+ads@Example.COM", "ops@münchen.example", "a@b.co",
            "first.last@sub.domain.example"})
    void acceptsSingleMailboxes(String text) {
        EmailAddress address = EmailAddress.parse(text);
        assertThat(address.domain()).isLowerCase();
        assertThat(address.localPart()).isEqualTo(text.substring(0, text.indexOf('@')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b", "x@@y.com", "a@b.com\r\nBcc: evil@x.com", "\"Name\" <a@b.com>", "a b@c.com",
            ".a@b.com", "a..b@c.com", "a@-b.com", "a@b.123", "@b.com", "a@", "a@b.com\n"})
    void refusesWhatCouldNotBeOneSafeMailbox(String text) {
        assertThatThrownBy(() -> EmailAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 300})
    void refusesAddressesLongerThan254(int length) {
        String text = "a".repeat(60) + "@" + "b".repeat(length - 60 - 1 - 8) + ".example";
        assertThat(text).hasSize(length);
        assertThatThrownBy(() -> EmailAddress.parse(text)).hasMessageContaining("254");
    }
}
