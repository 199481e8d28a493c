package dev.tessera.contact;

import dev.tessera.system.EmailAddress;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses whether an address belongs to a person rather than a team: a free-mail domain, or a
 * local part shaped like a name ({@code ada.lovelace}, {@code j_smith}). Only a warning; never a
 * reason to refuse an address.
 */
final class PersonalAddress {

    private static final Set<String> FREE_MAIL = Set.of(
            "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "outlook.com", "hotmail.com", "live.com",
            "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "gmx.com", "gmx.net", "gmx.de", "web.de",
            "proton.me", "protonmail.com", "pm.me", "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com",
            "126.com", "zoho.com", "fastmail.com", "tutanota.com", "hey.com", "mail.com", "yahoo.co.uk",
            "hotmail.co.uk", "outlook.de", "hotmail.fr", "orange.fr", "free.fr", "libero.it", "t-online.de");

    private static final Set<String> TEAM_WORDS = Set.of(
            "api", "apis", "team", "dev", "devs", "developer", "developers", "ops", "devops", "sre", "oncall",
            "support", "admin", "admins", "tech", "eng", "engineering", "info", "contact", "platform", "ads",
            "alerts", "alert", "noreply", "no-reply", "it", "security", "billing", "sales", "marketing",
            "integrations", "integration", "group", "office", "hello", "help", "service", "services", "mail",
            "notifications", "tokens", "access", "accounts", "data", "infra", "network", "web", "apps", "mobile");

    private static final Pattern NAME_LIKE = Pattern.compile("[a-z]{1,20}[._-][a-z]{2,30}");

    private PersonalAddress() {}

    /** Why the address looks personal, or null when it looks like a team's. */
    static String warning(EmailAddress address) {
        String domain = address.domain();
        if (FREE_MAIL.contains(domain) || domain.startsWith("yahoo.") || domain.startsWith("hotmail.")) {
            return "This is a free-mail address, which usually belongs to one person. A team address on your"
                    + " company's domain stays monitored when people leave.";
        }
        String local = address.localPart().toLowerCase(Locale.ROOT);
        if (NAME_LIKE.matcher(local).matches()) {
            boolean team = false;
            for (String word : local.split("[._-]")) {
                team |= TEAM_WORDS.contains(word);
            }
            if (!team) {
                return "This address looks like a person's name. A team address (like api-team@) stays monitored"
                        + " when people leave.";
            }
        }
        return null;
    }
}
