package dev.tessera.verify;

import static dev.tessera.verify.DataPlaneProtocol.MALFORMED_CUSTOMER;

import dev.tessera.account.CustomerId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data plane on the main port: {@code GET /v1/forward-auth} (the contract of nginx
 * {@code auth_request}, Traefik ForwardAuth and Envoy ext_authz) and
 * {@code POST /v1/developer-token:verify}. Same decision and bodies as the dedicated listener.
 */
@RestController
class DataPlaneController {

    private final Verifier verifier;
    private final JsonMapper json;

    DataPlaneController(Verifier verifier, JsonMapper json) {
        this.verifier = verifier;
        this.json = json;
    }

    @GetMapping("/v1/forward-auth")
    ResponseEntity<byte[]> forwardAuth(
            @RequestHeader(name = DataPlaneProtocol.DEVELOPER_TOKEN, required = false) String token,
            @RequestHeader(name = DataPlaneProtocol.LOGIN_CUSTOMER_ID, required = false) String loginCustomerId,
            @RequestHeader(name = DataPlaneProtocol.ORIGINAL_URI, required = false) String originalUri,
            @RequestHeader(name = DataPlaneProtocol.FORWARDED_URI, required = false) String forwardedUri) {
        long customer = DataPlaneProtocol.customerFromUri(originalUri != null ? originalUri : forwardedUri);
        Verdict verdict = decide(token, customer, loginCustomerId);
        if (verdict instanceof Grant grant) {
            return ResponseEntity.ok()
                    .header(DataPlaneProtocol.MANAGER_CUSTOMER_ID, grant.managerCustomerIdDigits())
                    .header(DataPlaneProtocol.ACCESS_LEVEL, grant.accessLevel().name())
                    .build();
        }
        return error((Denial) verdict);
    }

    @PostMapping("/v1/developer-token:verify")
    ResponseEntity<byte[]> verify(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = DataPlaneProtocol.LOGIN_CUSTOMER_ID, required = false) String loginCustomerId) {
        VerifyRequest request = body == null ? null : VerifyRequest.parse(json, body);
        if (request == null) {
            return error(Denial.FIELD_INVALID);
        }
        Verdict verdict = decide(request.developerToken(), request.customerId(), loginCustomerId);
        if (verdict instanceof Grant grant) {
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(DataPlaneProtocol.MANAGER_CUSTOMER_ID, grant.managerCustomerIdDigits())
                    .header(DataPlaneProtocol.ACCESS_LEVEL, grant.accessLevel().name())
                    .body(DataPlaneProtocol.grantedBody(grant));
        }
        return error((Denial) verdict);
    }

    private Verdict decide(String token, long customer, String loginCustomerId) {
        if (token == null || token.isEmpty()) {
            return Denial.PARAMETER_MISSING;
        }
        if (customer == MALFORMED_CUSTOMER
                || (loginCustomerId != null && CustomerId.parseOrZero(loginCustomerId) == 0)) {
            return Denial.CUSTOMER_ID_INVALID;
        }
        return verifier.verify(token, customer);
    }

    private static ResponseEntity<byte[]> error(Denial denial) {
        String requestId = RequestIds.next();
        return ResponseEntity.status(HttpStatus.valueOf(denial.httpStatus()))
                .contentType(MediaType.APPLICATION_JSON)
                .header(DataPlaneProtocol.REQUEST_ID, requestId)
                .body(DataPlaneProtocol.errorBody(denial, requestId));
    }
}
