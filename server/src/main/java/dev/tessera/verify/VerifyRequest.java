package dev.tessera.verify;

import dev.tessera.account.CustomerId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /v1/developer-token:verify}:
 * {@code {"developerToken", "customerId", "service", "operations"}}, all but the token optional.
 *
 * @param customerId the customer id, {@link Verifier#NO_CUSTOMER} when absent
 * @param operations how many operations the call counts for, 1 when absent
 */
public record VerifyRequest(String developerToken, long customerId, String service, long operations) {

    /**
     * Reads a body; answers null when it is not a JSON object of that shape, has a key twice, or has
     * {@code operations} outside 1 to 2<sup>63</sup>-1 (the caller answers 400, issue 12),
     * or when its customer id is malformed, a {@code customerId} of {@link DataPlaneProtocol#MALFORMED_CUSTOMER}.
     */
    public static VerifyRequest parse(JsonMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode token = root.get("developerToken");
        JsonNode customer = root.get("customerId");
        JsonNode service = root.get("service");
        JsonNode operations = root.get("operations");
        if (!isNullOr(token, JsonNode::isString) || !isNullOr(service, JsonNode::isString)
                || !isNullOr(customer, node -> node.isString() || node.isIntegralNumber())
                || !isNullOr(operations, node -> node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 1)) {
            return null;
        }
        long customerId = Verifier.NO_CUSTOMER;
        if (customer != null && !customer.isNull()) {
            customerId = CustomerId.parseOrZero(customer.asString());
            if (customerId == 0) {
                customerId = DataPlaneProtocol.MALFORMED_CUSTOMER;
            }
        }
        return new VerifyRequest(
                token == null || token.isNull() ? null : token.asString(),
                customerId,
                service == null || service.isNull() ? null : service.asString(),
                operations == null || operations.isNull() ? 1 : operations.asLong());
    }

    private static boolean isNullOr(JsonNode node, java.util.function.Predicate<JsonNode> valid) {
        return node == null || node.isNull() || valid.test(node);
    }
}
