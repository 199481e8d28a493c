package dev.tessera.contact;

import dev.tessera.outbox.MailTemplates;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /contact-email/confirm?token=…}: the link of a confirmation mail, opened by someone who
 * may not be signed in. Answers a small HTML page: confirmed, already used, expired (and how to get
 * a new link), or unknown. The token is never echoed or logged.
 */
@Controller
class ConfirmationPage {

    private final ContactConfirmations confirmations;
    private final MailTemplates templates;

    ConfirmationPage(ContactConfirmations confirmations, MailTemplates templates) {
        this.confirmations = confirmations;
        this.templates = templates;
    }

    @GetMapping("/contact-email/confirm")
    ResponseEntity<String> confirm(@RequestParam(name = "token", required = false) String token,
            HttpServletRequest request) {
        ContactConfirmations.Result result = confirmations.confirm(token, request.getRemoteAddr());
        String resend = result.accountId() == null ? ""
                : " An ADMIN of the account can send a new link from the API Center: <a href=\""
                        + HtmlUtils.htmlEscape(templates.apiCenter(result.accountId())) + "\">"
                        + HtmlUtils.htmlEscape(templates.apiCenter(result.accountId())) + "</a>.";
        Page page = switch (result.outcome()) {
            case CONFIRMED -> new Page(HttpStatus.OK, "Address confirmed",
                    "Thank you: the API contact email of manager account "
                            + MailTemplates.display(result.accountId()) + " is confirmed.");
            case ALREADY_USED -> new Page(HttpStatus.GONE, "Link already used",
                    "This confirmation link was already used; each link works once. Nothing was changed." + resend);
            case EXPIRED -> new Page(HttpStatus.GONE, "Link expired",
                    "This confirmation link has expired. Nothing was changed." + resend);
            case SUPERSEDED -> new Page(HttpStatus.GONE, "Address no longer the contact",
                    "This link was for an address that is no longer the account's API contact email." + resend);
            case UNKNOWN -> new Page(HttpStatus.NOT_FOUND, "Unknown link",
                    "This confirmation link is not valid. Check that the whole link was copied from the mail.");
        };
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + page.title()
                + " · Tessera</title></head><body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\">"
                + "<h1>" + page.title() + "</h1><p>" + page.body() + "</p></body></html>";
        return ResponseEntity.status(page.status())
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }

    private record Page(HttpStatus status, String title, String body) {}
}
