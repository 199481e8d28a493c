package dev.tessera.contact;

import dev.tessera.system.EmailAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What counts as a contact address, and which ones look personal (issue 5). */
class ContactEmailAddressTests {

    @Test
    void internationalDomainIsKeptAndSentInPunycode() {
        EmailAddress address = EmailAddress.parse("api@Bücher.Example");
        assertThat(address.value()).isEqualTo("api@bücher.example");
        assertThat(address.ascii()).isEqualTo("api@xn--bcher-kva.example");
    }

    @Test
    void headerInjectionAndDisplayNamesAreRefused() {
        assertThatThrownBy(() -> EmailAddress.parse("a@b.com\r\nBcc: evil@x.com")).hasMessageContaining("line breaks");
        assertThatThrownBy(() -> EmailAddress.parse("\"Name\" <a@b.com>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(250) + "@b.com")).hasMessageContaining("254");
    }

    @Test
    void personalLookingAddressesAreWarnedAboutAndTeamAddressesAreNot() {
        assertThat(PersonalAddress.warning(EmailAddress.parse("ada.lovelace@acme.example"))).contains("person's name");
        assertThat(PersonalAddress.warning(EmailAddress.parse("j_smith@acme.example"))).contains("person's name");
        assertThat(PersonalAddress.warning(EmailAddress.parse("api-team@gmail.com"))).contains("free-mail");
        assertThat(PersonalAddress.warning(EmailAddress.parse("api-team@acme.example"))).isNull();
        assertThat(PersonalAddress.warning(EmailAddress.parse("dev.ops@acme.example"))).isNull();
        assertThat(PersonalAddress.warning(EmailAddress.parse("ads@acme.example"))).isNull();
    }
}
