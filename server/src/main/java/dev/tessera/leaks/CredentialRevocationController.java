package dev.tessera.leaks;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ManagementApi;
import dev.tessera.token.TokenRevocations;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/credentials/revoke {"credentials":["…", …]}}: anyone who finds a developer token
 * (in a paste, a log, a repository) revokes it, as with GitHub's credential-revocation API. No sign-in;
 * limited per client address ({@link AddressRateLimit}); 1 to 1,000 credentials a call, more is a 400
 * that revokes nothing. The answer is 202 with no body whatever was sent: it never says which
 * credentials were tokens, active or not.
 */
@ManagementApi("/v1/credentials")
class CredentialRevocationController {

    static final int MAX_CREDENTIALS = 1_000;
    static final String REPORTER = "public revocation request";

    private final TokenRevocations revocations;
    private final AddressRateLimit limit;
    private final JsonMapper json;

    CredentialRevocationController(TokenRevocations revocations, AddressRateLimit limit, JsonMapper json) {
        this.revocations = revocations;
        this.limit = limit;
        this.json = json;
    }

    @PostMapping("/revoke")
    ResponseEntity<?> revoke(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        long retryAfter = limit.tryAcquire(request.getRemoteAddr());
        if (retryAfter > 0) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(retryAfter))
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                            "Too many revocation requests from this address; retry in " + retryAfter + " s. Nothing was changed."));
        }
        List<TokenRevocations.Reported> credentials = read(body);
        if (credentials == null) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Send {\"credentials\": [\"…\"]} with 1 to " + MAX_CREDENTIALS + " strings. Nothing was changed."));
        }
        revocations.revoke(credentials, new TokenRevocations.Reporter(REPORTER, RequestActor.of(null, request)));
        return ResponseEntity.accepted().build();
    }

    /** The credentials of the body, or null when it is not an object with 1 to 1,000 strings under "credentials". */
    private List<TokenRevocations.Reported> read(byte[] body) {
        JsonNode list;
        try {
            list = body == null ? null : json.readTree(body).get("credentials");
        } catch (RuntimeException e) {
            return null;
        }
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_CREDENTIALS) {
            return null;
        }
        List<TokenRevocations.Reported> credentials = new ArrayList<>(list.size());
        for (JsonNode credential : list) {
            if (!credential.isString()) {
                return null;
            }
            credentials.add(new TokenRevocations.Reported(credential.asString().strip(), null));
        }
        return credentials;
    }
}
