package dev.tessera.account;

import dev.tessera.system.TesseraException;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * A Google-Ads-style customer id: ten digits, shown as {@code 123-456-7890}, accepted with or
 * without the dashes, stored as a number. A {@code CustomerId} that exists is always valid.
 */
public record CustomerId(long value) {

    private static final long MIN = 1_000_000_000L;
    private static final long MAX = 9_999_999_999L;
    private static final RandomGenerator RANDOM = new SecureRandom();

    public CustomerId {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("A customer id has ten digits and does not start with 0");
        }
    }

    /**
     * Parses {@code 1234567890} or {@code 123-456-7890}.
     *
     * @throws IllegalArgumentException when the text is not such an id; the message never echoes
     *     the input, so it is safe to return to a client
     */
    public static CustomerId parse(String text) {
        long parsed = parseOrZero(text);
        if (parsed == 0) {
            throw new IllegalArgumentException(
                    "A customer id has ten digits, written 1234567890 or 123-456-7890");
        }
        return new CustomerId(parsed);
    }

    /**
     * Parses a customer id that a client sent in a path or field.
     *
     * @throws TesseraException 400 naming the field
     */
    public static CustomerId parseField(String field, String text) {
        long parsed = parseOrZero(text);
        if (parsed == 0) {
            throw TesseraException.invalid(field,
                    "'" + field + "' is not a customer id: ten digits, written 1234567890 or 123-456-7890.");
        }
        return new CustomerId(parsed);
    }

    /**
     * Parses the same forms as {@link #parse} without allocating or throwing; answers 0 when the
     * text is not a customer id. Used on the data plane's hot path.
     */
    public static long parseOrZero(CharSequence text) {
        return text == null ? 0 : parseOrZero(text, 0, text.length());
    }

    /** {@link #parseOrZero(CharSequence)} of {@code text[start, end)}, without a view or a copy of it. */
    public static long parseOrZero(CharSequence text, int start, int end) {
        int length = end - start;
        boolean dashed = length == 12;
        if (length != 10 && !dashed) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(start + i);
            if (dashed && (i == 3 || i == 7)) {
                if (c != '-') {
                    return 0;
                }
                continue;
            }
            if (c < '0' || c > '9') {
                return 0;
            }
            value = value * 10 + (c - '0');
        }
        return value >= MIN ? value : 0;
    }

    public static CustomerId random() {
        return new CustomerId(RANDOM.nextLong(MIN, MAX + 1));
    }

    /** The ten digits, as the API sends them. */
    public String digits() {
        return Long.toString(value);
    }

    /** The dashed form people read: {@code 123-456-7890}. */
    public String display() {
        String d = digits();
        return d.substring(0, 3) + '-' + d.substring(3, 6) + '-' + d.substring(6);
    }

    @Override
    public String toString() {
        return display();
    }
}
