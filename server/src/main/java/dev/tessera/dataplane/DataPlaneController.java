package dev.tessera.dataplane;

import dev.tessera.verify.DataPlane;
import dev.tessera.verify.DataPlaneProtocol;
import dev.tessera.verify.Grant;
import dev.tessera.verify.Refusal;
import dev.tessera.verify.Verdict;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The data plane on the main port: {@code GET /v1/forward-auth} (the contract of nginx
 * {@code auth_request}, Traefik ForwardAuth and Envoy ext_authz) and
 * {@code POST /v1/developer-token:verify}. Same decision ({@link DataPlane}) and bodies
 * ({@link DataPlaneProtocol}) as the dedicated Netty listener ({@link DataPlaneServer}).
 *
 * <p>Kept so that one port is enough to try Tessera, and so that a gateway pointed here is answered
 * right, but the servlet stack serves it about ten times slower than the listener (issue 18): while
 * the listener runs, every answer carries a {@code Link} to the same path on the listener's port,
 * and the first request logs a warning saying so.
 */
@RestController
class DataPlaneController {

    private static final Logger log = LoggerFactory.getLogger(DataPlaneController.class);

    private final DataPlane dataPlane;
    private final DataPlaneServer listener;
    private final AtomicBoolean warned = new AtomicBoolean();

    DataPlaneController(DataPlane dataPlane, DataPlaneServer listener) {
        this.dataPlane = dataPlane;
        this.listener = listener;
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
            return pointer(ResponseEntity.ok(), RequestHead.FORWARD_AUTH_PATH)
                    .header(DataPlaneProtocol.MANAGER_CUSTOMER_ID, grant.managerCustomerIdDigits())
                    .header(DataPlaneProtocol.ACCESS_LEVEL, grant.accessLevel().name())
                    .build();
        }
        return error((Refusal) verdict, RequestHead.FORWARD_AUTH_PATH);
    }

    @PostMapping("/v1/developer-token:verify")
    ResponseEntity<byte[]> verify(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = DataPlaneProtocol.LOGIN_CUSTOMER_ID, required = false) String loginCustomerId) {
        Verdict verdict = dataPlane.verify(body, loginCustomerId);
        if (verdict instanceof Grant grant) {
            return pointer(ResponseEntity.ok(), RequestHead.VERIFY_PATH)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(DataPlaneProtocol.MANAGER_CUSTOMER_ID, grant.managerCustomerIdDigits())
                    .header(DataPlaneProtocol.ACCESS_LEVEL, grant.accessLevel().name())
                    .body(DataPlaneProtocol.grantedBody(grant));
        }
        return error((Refusal) verdict, RequestHead.VERIFY_PATH);
    }

    /** Adds the {@code Link} to the listener (when it runs), and warns once that this port is the slow one. */
    private ResponseEntity.BodyBuilder pointer(ResponseEntity.BodyBuilder response, String path) {
        int port = listener.port();
        if (port <= 0) {
            return response;
        }
        String host = ServletUriComponentsBuilder.fromCurrentRequest().build().getHost();
        if (warned.compareAndSet(false, true)) {
            log.warn("A data-plane request ({}) came to the main port, which serves it about ten times slower than the"
                    + " data-plane listener on port {}: point the gateway at port {} (answers here carry a Link to it)",
                    path, port, port);
        }
        return response.header(HttpHeaders.LINK,
                "<http://" + host + ":" + port + path + ">; rel=\"alternate\"; title=\"data-plane listener\"");
    }

    private ResponseEntity<byte[]> error(Refusal refused, String path) {
        String requestId = RequestIds.next();
        ResponseEntity.BodyBuilder response = pointer(ResponseEntity.status(HttpStatus.valueOf(refused.httpStatus())), path)
                .contentType(MediaType.APPLICATION_JSON)
                .header(DataPlaneProtocol.REQUEST_ID, requestId);
        if (refused.retryAfterSeconds() > 0) {
            response.header(DataPlaneProtocol.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
        }
        return response.body(refused.errorBody(requestId));
    }
}
