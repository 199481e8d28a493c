package dev.tessera.webhook;

import dev.tessera.account.CustomerId;
import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ManagementApi;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * {@code /api/v1/manager-accounts/{customerId}/webhooks}: create (the signing secret shown once), list,
 * delete, and each webhook's delivery log. ADMINs of the account; the OPERATOR reads.
 */
@ManagementApi("/api/v1/manager-accounts/{customerId}/webhooks")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    record NewWebhook(String url, List<String> events) {}

    /** The account's webhooks (no secrets) and every event name one may subscribe to. */
    record WebhookList(List<Webhook> webhooks, List<String> events) {}

    /** The one response body that carries a webhook's secret. */
    record CreatedBody(long id, String url, List<String> events, String secret, String maskedSecret,
            Instant createdAt) {

        /** Frameworks log response bodies at DEBUG: show the masked secret only. */
        @Override
        public String toString() {
            return "CreatedBody[id=" + id + ", maskedSecret=" + maskedSecret + "]";
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedBody create(@PathVariable String customerId, @RequestBody NewWebhook body, Authentication user,
            HttpServletRequest request) {
        Webhooks.Created created = webhooks.create(CustomerId.parseField("customerId", customerId), body.url(),
                body.events(), RequestActor.of(user, request));
        Webhook webhook = created.webhook();
        return new CreatedBody(webhook.id(), webhook.url(), webhook.events(), created.secret(), webhook.maskedSecret(),
                webhook.createdAt());
    }

    @GetMapping
    WebhookList list(@PathVariable String customerId, Authentication user) {
        return new WebhookList(webhooks.list(CustomerId.parseField("customerId", customerId), user.getName(),
                operator(user)), Webhooks.catalogue());
    }

    @DeleteMapping("/{webhookId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String customerId, @PathVariable long webhookId, Authentication user,
            HttpServletRequest request) {
        webhooks.delete(CustomerId.parseField("customerId", customerId), webhookId, RequestActor.of(user, request));
    }

    @GetMapping("/{webhookId}/deliveries")
    Webhooks.DeliveryPage deliveries(@PathVariable String customerId, @PathVariable long webhookId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            Authentication user) {
        return webhooks.deliveries(CustomerId.parseField("customerId", customerId), webhookId, user.getName(),
                operator(user), page, size);
    }

    private static boolean operator(Authentication user) {
        return user.getAuthorities().stream().anyMatch(a -> "ROLE_OPERATOR".equals(a.getAuthority()));
    }
}
