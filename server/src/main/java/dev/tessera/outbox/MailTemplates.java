package dev.tessera.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the mails to the API contact: plain text and simple HTML, with the product's name, the
 * account's name and id, and a link back to the API Center under {@code TESSERA_PUBLIC_URL}.
 * Every value is HTML-escaped; callers pass masked tokens only.
 */
@Component
public class MailTemplates {

    /** Stands where the confirmation link goes until the sender mints its secret. */
    public static final String LINK_PLACEHOLDER = "[confirmation link: created when this mail is sent]";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final String publicUrl;

    MailTemplates(@Value("${tessera.public-url:http://localhost:8080}") String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String apiCenter(long accountId) {
        return publicUrl + "/accounts/" + accountId + "/api-center";
    }

    /** The console page where an invited user accepts: the invitation id and its one-time secret. */
    public String invitationLink(long invitationId, String secret) {
        return publicUrl + "/invitations/" + invitationId + "?secret=" + secret;
    }

    String confirmationLink(String secret) {
        return publicUrl + "/contact-email/confirm?token=" + secret;
    }

    public static String when(Instant instant) {
        return WHEN.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** A mail body in the making: lines of text, each also a paragraph of the HTML body. */
    public final class Draft {
        private final Addressee to;
        private final String subject;
        private final List<String> lines = new ArrayList<>();
        private final List<String[]> facts = new ArrayList<>();
        private boolean confirmationLink;

        Draft(Addressee to, String subject) {
            this.to = to;
            this.subject = subject;
        }

        public Draft line(String text) {
            lines.add(text);
            return this;
        }

        /** A labelled fact (when, who, …); skipped when the value is null. */
        public Draft fact(String label, String value) {
            if (value != null) {
                facts.add(new String[] {label, value});
            }
            return this;
        }

        public Draft confirmationLink() {
            confirmationLink = true;
            return this;
        }

        public MailContent write() {
            String account = to.accountName() + " (" + display(to.accountId()) + ")";
            StringBuilder text = new StringBuilder("Tessera, manager account " + account + "\n\n");
            StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
                    + "<p><strong>Tessera</strong>, manager account " + esc(account) + "</p>");
            for (String line : lines) {
                text.append(line).append("\n\n");
                html.append("<p>").append(esc(line)).append("</p>");
            }
            if (!facts.isEmpty()) {
                html.append("<table>");
                for (String[] fact : facts) {
                    text.append(fact[0]).append(": ").append(fact[1]).append('\n');
                    html.append("<tr><th align=\"left\">").append(esc(fact[0])).append("</th><td>")
                            .append(esc(fact[1]).replace("\n", "<br>")).append("</td></tr>");
                }
                text.append('\n');
                html.append("</table>");
            }
            if (confirmationLink) {
                text.append("Confirm this address: ").append(LINK_PLACEHOLDER).append("\n\n");
                html.append("<p><a href=\"").append(LINK_PLACEHOLDER).append("\">Confirm this address</a></p>");
            }
            String center = apiCenter(to.accountId());
            text.append("API Center: ").append(center).append("\n\n")
                    .append("You get this mail because this address is the API contact email of the account.\n");
            html.append("<p><a href=\"").append(esc(center)).append("\">Open the API Center</a></p>")
                    .append("<p style=\"color:#666\">You get this mail because this address is the API contact email"
                            + " of the account.</p></body></html>");
            return new MailContent("[Tessera] " + subject + " — " + display(to.accountId()), text.toString(),
                    html.toString());
        }
    }

    public Draft draft(Addressee to, String subject) {
        return new Draft(to, subject);
    }

    public static String display(long accountId) {
        String d = Long.toString(accountId);
        return d.substring(0, 3) + '-' + d.substring(3, 6) + '-' + d.substring(6);
    }

    public static String days(Duration duration) {
        long hours = duration.toHours();
        return hours % 24 == 0 ? hours / 24 + " days" : hours + " hours";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
