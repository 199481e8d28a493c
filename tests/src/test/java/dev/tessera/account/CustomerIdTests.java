package dev.tessera.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.system.TesseraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerIdTests {

    @Test
    void acceptsDigitsAndDashedFormAlike() {
        assertThat(CustomerId.parse("1234567890")).isEqualTo(CustomerId.parse("123-456-7890"));
        assertThat(CustomerId.parse("123-456-7890").digits()).isEqualTo("1234567890");
        assertThat(CustomerId.parse("1234567890").display()).isEqualTo("123-456-7890");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "987654321", "98765432101", "0123456789", "12a4567890", "123-4567-890", "123 456 7890",
            "１２３４５６７８９０", "-123456789"})
    void refusesAnythingElseWithoutEchoingIt(String text) {
        assertThat(CustomerId.parseOrZero(text)).isZero();
        assertThatThrownBy(() -> CustomerId.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(text.isEmpty() ? "\u0000" : text));
        assertThatThrownBy(() -> CustomerId.parseField("customerId", text)).isInstanceOf(TesseraException.class)
                .satisfies(e -> assertThat(((TesseraException) e).field()).isEqualTo("customerId"));
    }

    @Test
    void randomIdsHaveTenDigits() {
        for (int i = 0; i < 1000; i++) {
            assertThat(CustomerId.random().digits()).hasSize(10).doesNotStartWith("0");
        }
    }
}
