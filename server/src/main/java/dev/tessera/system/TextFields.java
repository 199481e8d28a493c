package dev.tessera.system;

/**
 * Checks the free-text fields of requests: names on one line, reasons and use cases on several.
 * Each answers the stripped text or throws {@link TesseraException} 400 naming the field; the message
 * never echoes the input.
 */
public final class TextFields {

    private TextFields() {}

    /** Required, at most {@code max} characters, no control characters or line breaks. */
    public static String singleLine(String field, String value, int max) {
        String text = required(field, value, max);
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw TesseraException.invalid(field, "'" + field + "' may not contain control characters or line breaks.");
        }
        return text;
    }

    /** Required, at most {@code max} characters; line breaks and tabs allowed, other control characters not. */
    public static String multiLine(String field, String value, int max) {
        String text = required(field, value, max);
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw TesseraException.invalid(field, "'" + field + "' may not contain control characters.");
        }
        return text;
    }

    /** As {@link #multiLine}, but null or blank is allowed and answers null. */
    public static String optionalMultiLine(String field, String value, int max) {
        return value == null || value.isBlank() ? null : multiLine(field, value, max);
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw TesseraException.invalid(field, "'" + field + "' is required.");
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw TesseraException.invalid(field, "'" + field + "' has at most " + max + " characters.");
        }
        return stripped;
    }
}
