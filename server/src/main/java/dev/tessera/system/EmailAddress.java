package dev.tessera.system;

import java.net.IDN;
import java.util.Locale;

/**
 * A single mailbox address, {@code local@domain}, safe to put in a mail header: at most 254
 * characters, no display name, no spaces or control characters (so no header injection), a
 * dot-atom local part and a domain of at least two labels. Internationalised domains are accepted
 * and checked through their ASCII (punycode) form. The domain is kept lower-case.
 */
public record EmailAddress(String value) {

    /** Longest address SMTP can carry (RFC 5321 path limit less the angle brackets). */
    public static final int MAX_LENGTH = 254;

    private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

    public EmailAddress {
        String problem = problem(value);
        if (problem == null) {
            int at = value.indexOf('@');
            value = value.substring(0, at + 1) + value.substring(at + 1).toLowerCase(Locale.ROOT);
            // Lower-casing can change a domain's length or make it invalid (U+0130 becomes two
            // characters): what is kept must pass the same checks. Found by InputFuzzTests (issue 12).
            problem = problem(value);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Parses an address, or throws {@link IllegalArgumentException} with a message fit for a person. */
    public static EmailAddress parse(String text) {
        return new EmailAddress(text);
    }

    public String localPart() {
        return value.substring(0, value.indexOf('@'));
    }

    public String domain() {
        return value.substring(value.indexOf('@') + 1);
    }

    /** The address with its domain in ASCII (punycode), as an SMTP envelope without SMTPUTF8 needs it. */
    public String ascii() {
        return localPart() + '@' + IDN.toASCII(domain(), IDN.USE_STD3_ASCII_RULES);
    }

    /** The reason the text is not an address, or null when it is one. */
    static String problem(String text) {
        if (text == null || text.isEmpty()) {
            return "An email address is required.";
        }
        if (text.length() > MAX_LENGTH) {
            return "An email address has at most " + MAX_LENGTH + " characters.";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "An email address contains no spaces, line breaks or control characters.";
            }
            if (c == '<' || c == '>' || c == '"' || c == '(' || c == ')' || c == ',' || c == ';' || c == '\\') {
                return "Give the address alone, like team@example.com, without a name or brackets.";
            }
        }
        int at = text.indexOf('@');
        if (at < 0 || at != text.lastIndexOf('@')) {
            return "An email address has exactly one @.";
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (!isDotAtom(local) || local.length() > 64) {
            return "The part before the @ is not valid.";
        }
        return domainProblem(domain);
    }

    private static boolean isDotAtom(String local) {
        if (local.isEmpty() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || ATEXT_SPECIALS.indexOf(c) >= 0;
            if (!atext) {
                return false;
            }
        }
        return true;
    }

    private static String domainProblem(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return "The domain after the @ is not valid.";
        }
        if (ascii.isEmpty() || ascii.length() > 253 || ascii.endsWith(".")) {
            return "The domain after the @ is not valid.";
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return "The domain after the @ needs a dot, like example.com.";
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return "The domain after the @ is not valid.";
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return "The domain after the @ is not valid.";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
