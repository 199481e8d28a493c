package dev.tessera.token;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.access.AccessLevel;
import dev.tessera.cluster.Propagation;
import dev.tessera.account.CustomerId;
import dev.tessera.system.web.ManagementApi;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/** {@code /api/v1/manager-accounts/{customerId}/developer-token}: issue, view (masked), reset. */
@ManagementApi("/api/v1/manager-accounts/{customerId}")
class TokenController {

    private final DeveloperTokens tokens;

    TokenController(DeveloperTokens tokens) {
        this.tokens = tokens;
    }

    /** The one response body that carries a full token. */
    record IssuedBody(String developerToken, String maskedToken, String previousMaskedToken, AccessLevel accessLevel,
            Instant createdAt, Instant issuedAt, Instant lastResetAt, int resetCount, Propagation propagation) {

        static IssuedBody of(DeveloperTokens.IssuedToken issued) {
            DeveloperTokens.TokenView view = issued.view();
            return new IssuedBody(issued.token().value(), view.maskedToken(), issued.previousMaskedToken(),
                    view.accessLevel(), view.createdAt(), view.issuedAt(), view.lastResetAt(), view.resetCount(),
                    issued.propagation());
        }

        /** Frameworks log response bodies at DEBUG: show the masked token only. */
        @Override
        public String toString() {
            return "IssuedBody[maskedToken=" + maskedToken + ", accessLevel=" + accessLevel + "]";
        }
    }

    record ResetRequest(String reason) {}

    @PostMapping("/developer-token")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedBody issue(@PathVariable String customerId, Principal principal, HttpServletRequest request) {
        return IssuedBody.of(tokens.issue(CustomerId.parseField("customerId", customerId), RequestActor.of(principal, request)));
    }

    @GetMapping("/developer-token")
    DeveloperTokens.TokenView view(@PathVariable String customerId, Principal principal, HttpServletRequest request) {
        return tokens.view(CustomerId.parseField("customerId", customerId), RequestActor.of(principal, request));
    }

    @PostMapping("/developer-token:reset")
    IssuedBody reset(@PathVariable String customerId, @RequestBody(required = false) ResetRequest body,
            Principal principal, HttpServletRequest request) {
        return IssuedBody.of(tokens.reset(CustomerId.parseField("customerId", customerId), RequestActor.of(principal, request),
                body == null ? null : body.reason()));
    }
}
