package dev.tessera.console;

import dev.tessera.system.TesseraException;
import java.util.Map;

/** How a form shows a refusal next to its fields: with the field's label instead of its API name. */
public final class FormErrors {

    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("requestedLevel", "Requested level"),
            Map.entry("useCase", "Use case"), Map.entry("expectedDailyOperations", "Expected daily operations"),
            Map.entry("companyUrl", "Company website"), Map.entry("name", "Account name"),
            Map.entry("companyName", "Company name"), Map.entry("apiContactEmail", "API contact email"),
            Map.entry("email", "Email"), Map.entry("reason", "Reason"), Map.entry("customerId", "Customer id"),
            Map.entry("keyName", "Key name"), Map.entry("accounts", "Accounts"), Map.entry("scope", "Scope"),
            Map.entry("password", "Password"), Map.entry("currentPassword", "Current password"),
            Map.entry("newPassword", "New password"), Map.entry("confirmPassword", "New password again"));

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
