package dev.tessera.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to one Tessera address, with the API key (if any) as {@code Authorization: Bearer}.
 * A 2xx answer comes back as JSON; anything else becomes a {@link CliException} with its exit code and
 * the server's own one-line reason ({@link Refusals}). Thread-safe.
 */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A reset waits for every node to apply it (or be fenced): seconds, not minutes. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();
    private final String baseUrl;
    private final String apiKey;

    Http(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /** The answer's JSON (an empty object for an empty body), or a {@link CliException}. */
    JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "tessera-cli/" + Version.number());
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable("connection refused");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
        if (response.statusCode() / 100 != 2) {
            throw Refusals.of(response.statusCode(), response.body());
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new CliException(ExitCode.UNEXPECTED, "the answer from " + baseUrl + " is not JSON: is Tessera at this address?");
        }
    }

    private CliException unreachable(String why) {
        return new CliException(ExitCode.UNAVAILABLE, "cannot reach Tessera at " + baseUrl + ": " + why);
    }

    /** The thread was interrupted while waiting for an answer (a test stopping {@code audit --follow}). */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }
}
