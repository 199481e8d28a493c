package dev.tessera.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a non-2xx answer into one line and an exit code. Reads both error bodies Tessera writes: the
 * management API's RFC 9457 problem ({@code detail}, {@code field}) and the data plane's Google-shaped
 * body ({@code error.status}, the error code, {@code error.message}). Neither ever holds a token or key.
 */
final class Refusals {

    private Refusals() {}

    static CliException of(int status, String body) {
        return new CliException(exitCode(status), status, status + " " + reason(body, status));
    }

    static int exitCode(int status) {
        if (status == 401) {
            return ExitCode.AUTH;
        }
        if (status >= 500) {
            return ExitCode.UNAVAILABLE;
        }
        if (status >= 400) {
            return ExitCode.REFUSED;
        }
        return ExitCode.UNEXPECTED;
    }

    /** The body's own reason, or the status's name when the body is not one of Tessera's. */
    static String reason(String body, int status) {
        JsonNode json = parse(body);
        if (json != null && json.get("error") != null && json.get("error").isObject()) {
            JsonNode error = json.get("error");
            StringBuilder line = new StringBuilder(text(error, "status", "error"));
            JsonNode code = error.at("/details/0/errors/0/errorCode");
            if (code.isObject() && code.size() > 0) {
                line.append(" ").append(code.properties().iterator().next().getValue().asString());
            }
            return line.append(": ").append(text(error, "message", "")).toString();
        }
        if (json != null && json.has("detail")) {
            String detail = text(json, "detail", "");
            String field = text(json, "field", null);
            String title = text(json, "title", statusName(status));
            return title + ": " + detail + (field == null ? "" : " (field: " + field + ")");
        }
        return statusName(status);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode json = Http.JSON.readTree(body);
            return json.isObject() ? json : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? otherwise : value.asString().replaceAll("\\s+", " ").strip();
    }

    private static String statusName(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP error";
        };
    }
}
