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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * {@code /api/v1/manager-accounts/{customerId}/developer-token}: issue, view (masked), reset; rotate
 * with overlap, the running overlap, end it, and the token's expiry (issue 15).
 */
@ManagementApi("/api/v1/manager-accounts/{customerId}")
class TokenController {

    private final DeveloperTokens tokens;
    private final TokenRotations rotations;
    private final TokenExpiries expiries;

    TokenController(DeveloperTokens tokens, TokenRotations rotations, TokenExpiries expiries) {
        this.tokens = tokens;
        this.rotations = rotations;
        this.expiries = expiries;
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

    /** A rotation's response: as a reset's, with the instant at which the previous token stops working. */
    record RotatedBody(String developerToken, String maskedToken, String previousMaskedToken, AccessLevel accessLevel,
            Instant createdAt, Instant previousTokenValidUntil, Propagation propagation) {

        static RotatedBody of(TokenRotations.Rotated rotated) {
            DeveloperTokens.IssuedToken issued = rotated.issued();
            return new RotatedBody(issued.token().value(), issued.view().maskedToken(), issued.previousMaskedToken(),
                    issued.view().accessLevel(), issued.view().createdAt(), rotated.overlapEndsAt(), issued.propagation());
        }

        /** Frameworks log response bodies at DEBUG: show the masked token only. */
        @Override
        public String toString() {
            return "RotatedBody[maskedToken=" + maskedToken + ", previousTokenValidUntil=" + previousTokenValidUntil + "]";
        }
    }

    record RotateRequest(String overlap) {}

    record OverlapEnded(Propagation propagation) {}

    record ExpiryRequest(String expiresAt) {}

    record ExpiryBody(Instant expiresAt) {}

    @PostMapping("/developer-token:rotate")
    RotatedBody rotate(@PathVariable String customerId, @RequestBody(required = false) RotateRequest body,
            Principal principal, HttpServletRequest request) {
        return RotatedBody.of(rotations.rotate(CustomerId.parseField("customerId", customerId),
                RequestActor.of(principal, request), body == null ? null : body.overlap()));
    }

    /** The running overlap; {@code running} false (and the rest null) when none runs. */
    record OverlapBody(boolean running, String previousMaskedToken, Instant endsAt, Long requests, Instant lastSeenAt) {}

    @GetMapping("/developer-token/overlap")
    OverlapBody overlap(@PathVariable String customerId, Principal principal) {
        return rotations.overlap(CustomerId.parseField("customerId", customerId), principal.getName())
                .map(o -> new OverlapBody(true, o.maskedToken(), o.endsAt(), o.requests(), o.lastSeenAt()))
                .orElse(new OverlapBody(false, null, null, null, null));
    }

    @PostMapping("/developer-token:endOverlap")
    OverlapEnded endOverlap(@PathVariable String customerId, Principal principal, HttpServletRequest request) {
        return new OverlapEnded(rotations.endOverlap(CustomerId.parseField("customerId", customerId),
                RequestActor.of(principal, request)));
    }

    @PutMapping("/developer-token/expiry")
    ExpiryBody setExpiry(@PathVariable String customerId, @RequestBody ExpiryRequest body, Principal principal,
            HttpServletRequest request) {
        return new ExpiryBody(expiries.setExpiry(CustomerId.parseField("customerId", customerId),
                RequestActor.of(principal, request), body.expiresAt()));
    }
}
