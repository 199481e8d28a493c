package dev.tessera.leaks;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ManagementApi;
import dev.tessera.token.TokenRevocations;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/secret-scanning/github}: GitHub's secret-scanning partner endpoint. No session or
 * API key: the report is authenticated by its signature ({@link GitHubKeys}), checked over the raw
 * body before anything is read from it; a missing or bad signature or an unknown key gets 401 and
 * changes nothing. The body is GitHub's JSON array of {@code {token, type, url, source}} (at most
 * 64 KiB, the limit of every request); each active token is revoked before the answer is sent, and the
 * answer is GitHub's feedback: per token its SHA-256 ({@code token_hash}, never the token), its type
 * and {@code true_positive} (active, revoked before or reset within 30 days) or {@code false_positive}.
 */
@ManagementApi("/v1/secret-scanning")
class SecretScanningController {

    static final String KEY_ID = "Github-Public-Key-Identifier";
    static final String SIGNATURE = "Github-Public-Key-Signature";
    static final String REPORTER = "GitHub secret scanning";
    /** What is kept of a report's {@code url}: a web address of at most 2,000 visible characters. */
    private static final Pattern WEB_ADDRESS = Pattern.compile("https?://[\\x21-\\x7e]{1,1990}");

    private final GitHubKeys keys;
    private final TokenRevocations revocations;
    private final JsonMapper json;

    SecretScanningController(GitHubKeys keys, TokenRevocations revocations, JsonMapper json) {
        this.keys = keys;
        this.revocations = revocations;
        this.json = json;
    }

    @PostMapping("/github")
    ResponseEntity<?> github(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = KEY_ID, required = false) String keyId,
            @RequestHeader(name = SIGNATURE, required = false) String signature, HttpServletRequest request) {
        if (!keys.verify(keyId, signature, body)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    "The report is not signed by a trusted GitHub secret-scanning key (" + KEY_ID + ", " + SIGNATURE
                            + "). Nothing was changed."));
        }
        List<TokenRevocations.Reported> reported = new ArrayList<>();
        List<String> types = new ArrayList<>();
        if (!read(body, reported, types)) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The report is a JSON array of {\"token\", \"type\", \"url\", \"source\"} objects. Nothing was changed."));
        }
        TokenRevocations.Outcome outcome = revocations.revoke(reported,
                new TokenRevocations.Reporter(REPORTER, RequestActor.of(null, request)));
        List<Map<String, String>> feedback = new ArrayList<>(reported.size());
        for (int i = 0; i < reported.size(); i++) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("token_hash", sha256(reported.get(i).token()));
            item.put("token_type", types.get(i));
            item.put("label", outcome.findings().get(i).truePositive() ? "true_positive" : "false_positive");
            feedback.add(item);
        }
        return ResponseEntity.ok(feedback);
    }

    /** Reads GitHub's array into {@code reported} and {@code types}; false when it is not one. */
    private boolean read(byte[] body, List<TokenRevocations.Reported> reported, List<String> types) {
        JsonNode array;
        try {
            array = json.readTree(body);
        } catch (RuntimeException e) {
            return false;
        }
        if (array == null || !array.isArray()) {
            return false;
        }
        for (JsonNode match : array) {
            JsonNode token = match.get("token");
            if (token == null || !token.isString()) {
                return false;
            }
            String url = match.path("url").isString() ? match.path("url").asString().strip() : "";
            reported.add(new TokenRevocations.Reported(token.asString(), WEB_ADDRESS.matcher(url).matches() ? url : null));
            types.add(match.path("type").isString() ? match.path("type").asString() : "");
        }
        return true;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
