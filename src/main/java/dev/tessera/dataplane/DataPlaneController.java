package dev.tessera.dataplane;

import dev.tessera.verify.DataPlane;
import dev.tessera.verify.DataPlaneProtocol;
import dev.tessera.verify.Grant;
import dev.tessera.verify.Refusal;
import dev.tessera.verify.Verdict;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data plane on the main port: {@code GET /v1/forward-auth} (the contract of nginx
 * {@code auth_request}, Traefik ForwardAuth and Envoy ext_authz) and
 * {@code POST /v1/developer-token:verify}. Same decision ({@link DataPlane}) and bodies
 * ({@link DataPlaneProtocol}) as the dedicated Netty listener ({@link DataPlaneServer}).
 */
@RestController
class DataPlaneController {

    private final DataPlane dataPlane;

    DataPlaneController(DataPlane dataPlane) {
        this.dataPlane = dataPlane;
    }

    @GetMapping("/v1/forward-auth")
    ResponseEntity<byte[]> forwardAuth(
            @RequestHeader(name = DataPlaneProtocol.DEVELOPER_TOKEN, required = false) String token,
            @RequestHeader(name = DataPlaneProtocol.LOGIN_CUSTOMER_ID, required = false) String loginCustomerId,
            @RequestHeader(name = DataPlaneProtocol.ORIGINAL_URI, required = false) String originalUri,
            @RequestHeader(name = DataPlaneProtocol.FORWARDED_URI, required = false) String forwardedUri,
            @RequestHeader(name = DataPlaneProtocol.SERVICE, required = false) String service,
            @RequestHeader(name = DataPlaneProtocol.OPERATIONS, required = false) String operations) {
        Verdict verdict = dataPlane.forwardAuth(token, loginCustomerId, originalUri != null ? originalUri : forwardedUri,
                service, operations);
        if (verdict instanceof Grant grant) {
            return ResponseEntity.ok()
                    .header(DataPlaneProtocol.MANAGER_CUSTOMER_ID, grant.managerCustomerIdDigits())
                    .header(DataPlaneProtocol.ACCESS_LEVEL, grant.accessLevel().name())
                    .build();
        }
        return error((Refusal) verdict);
    }

    @PostMapping("/v1/developer-token:verify")
    ResponseEntity<byte[]> verify(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = DataPlaneProtocol.LOGIN_CUSTOMER_ID, required = false) String loginCustomerId) {
        Verdict verdict = dataPlane.verify(body, loginCustomerId);
        if (verdict instanceof Grant grant) {
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(DataPlaneProtocol.MANAGER_CUSTOMER_ID, grant.managerCustomerIdDigits())
                    .header(DataPlaneProtocol.ACCESS_LEVEL, grant.accessLevel().name())
                    .body(DataPlaneProtocol.grantedBody(grant));
        }
        return error((Refusal) verdict);
    }

    private static ResponseEntity<byte[]> error(Refusal refused) {
        String requestId = RequestIds.next();
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.valueOf(refused.httpStatus()))
                .contentType(MediaType.APPLICATION_JSON)
                .header(DataPlaneProtocol.REQUEST_ID, requestId);
        if (refused.retryAfterSeconds() > 0) {
            response.header(DataPlaneProtocol.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
        }
        return response.body(refused.errorBody(requestId));
    }
}
