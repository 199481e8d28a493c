package dev.tessera.cli;

import picocli.CommandLine;

/** A manager account's customer id as typed, {@code 123-456-7890} or {@code 1234567890}; checked before it goes in a URL. */
record CustomerId(String digits) {

    CustomerId {
        if (digits == null || !digits.matches("\\d{10}")) {
            throw new IllegalArgumentException("a customer id is 10 digits, as 123-456-7890 or 1234567890");
        }
    }

    static CustomerId parse(String text) {
        String trimmed = text.strip();
        if (!trimmed.matches("\\d{10}|\\d{3}-\\d{3}-\\d{4}")) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a customer id (123-456-7890 or 1234567890)");
        }
        return new CustomerId(trimmed.replace("-", ""));
    }

    String display() {
        return digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6);
    }

    String path() {
        return "/api/v1/manager-accounts/" + digits;
    }

    /** picocli's converter for {@code <customerId>} parameters. */
    static final class Converter implements CommandLine.ITypeConverter<CustomerId> {
        @Override
        public CustomerId convert(String value) {
            return parse(value);
        }
    }
}
