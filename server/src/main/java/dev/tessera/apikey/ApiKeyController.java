package dev.tessera.apikey;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ManagementApi;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/** {@code /api/v1/api-keys}: the signed-in user's API keys: create (shown once), list (masked), revoke. */
@ManagementApi("/api/v1/api-keys")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    record NewKey(String name, String scope, List<String> accounts) {}

    /** A key as listed: masked. */
    record KeyView(long id, String name, String maskedKey, String scope, List<String> accounts, Instant createdAt,
            Instant lastUsedAt, Instant revokedAt) {

        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.name(), key.maskedKey(), key.scope().wire(), key.accounts(),
                    key.createdAt(), key.lastUsedAt(), key.revokedAt());
        }
    }

    /** The one response body that carries a full key. */
    record IssuedKeyBody(String apiKey, long id, String name, String maskedKey, String scope, List<String> accounts,
            Instant createdAt) {

        /** Frameworks log response bodies at DEBUG: show the masked key only. */
        @Override
        public String toString() {
            return "IssuedKeyBody[maskedKey=" + maskedKey + ", scope=" + scope + "]";
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IssuedKeyBody create(@RequestBody NewKey body, Principal principal, HttpServletRequest request) {
        ApiKeys.IssuedKey issued = keys.create(principal.getName(), body.name(), body.scope(), body.accounts(),
                RequestActor.of(principal, request));
        ApiKey view = issued.view();
        return new IssuedKeyBody(issued.key(), view.id(), view.name(), view.maskedKey(), view.scope().wire(),
                view.accounts(), view.createdAt());
    }

    @GetMapping
    Map<String, List<KeyView>> list(Principal principal) {
        return Map.of("apiKeys", keys.list(principal.getName()).stream().map(KeyView::of).toList());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable long id, Principal principal, HttpServletRequest request) {
        keys.revoke(principal.getName(), id, RequestActor.of(principal, request));
    }
}
