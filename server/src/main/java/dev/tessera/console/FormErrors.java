package dev.tessera.console;

import dev.tessera.system.TesseraException;
import java.util.Map;

/** How a form shows a refusal next to its fields: with the field's label instead of its API name. */
public final class FormErrors {

    private static final Map<String, String> LABELS = Map.of("requestedLevel", "Requested level",
            "useCase", "Use case", "expectedDailyOperations", "Expected daily operations", "companyUrl", "Company website",
            "name", "Account name", "companyName", "Company name", "apiContactEmail", "API contact email",
            "email", "Email", "reason", "Reason", "customerId", "Customer id");

    private FormErrors() {}

    /** The message with the field's label instead of its API name. */
    public static String readable(TesseraException e) {
        String message = e.getMessage();
        String label = LABELS.get(e.field());
        if (label == null) {
            return message;
        }
        String quoted = "'" + e.field() + "'";
        if (message.startsWith(quoted + ": ")) {
            return message.substring(quoted.length() + 2);
        }
        if ("customerId".equals(e.field())) {
            return "This address does not hold a valid customer id (ten digits, like 123-456-7890).";
        }
        return message.replace(quoted, label);
    }
}
