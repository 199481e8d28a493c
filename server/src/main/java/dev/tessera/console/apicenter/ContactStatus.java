package dev.tessera.console.apicenter;

import dev.tessera.console.Dates;
import dev.tessera.contact.ContactEmailState;

/** The API contact email's state in words: a tag, one sentence, and whether a new link may be sent. */
record ContactStatus(String email, String tag, String tagClass, String sentence, boolean canResend,
        String personalWarning) {

    static ContactStatus of(ContactEmailState state) {
        String confirmedOn = Dates.day(state.confirmedAt());
        return switch (state.status()) {
            case CONFIRMED -> new ContactStatus(state.email(), "Confirmed", "ok",
                    "Confirmed on " + confirmedOn + ". Tessera asks to confirm it again by "
                            + Dates.day(state.reconfirmBy()) + ".", false, state.personalWarning());
            case UNCONFIRMED -> new ContactStatus(state.email(), "Unconfirmed", "warn",
                    "A confirmation link was sent" + (state.setAt() == null ? "" : " on " + Dates.day(state.setAt()))
                            + ". The address counts as confirmed once someone opens the link.", true,
                    state.personalWarning());
            case RECONFIRMATION_DUE -> new ContactStatus(state.email(), "Re-confirmation due", "warn",
                    "Last confirmed on " + confirmedOn + "; it was due again by " + Dates.day(state.reconfirmBy())
                            + ". Send a new link and open it from the mail.", true, state.personalWarning());
            case BOUNCING -> new ContactStatus(state.email(), "Bounced-looking", "bad",
                    "The mail server refused mail to this address on " + Dates.day(state.bouncedAt())
                            + ". Check the address or change it to one your team reads.", true,
                    state.personalWarning());
        };
    }
}
