package dev.tessera.console.apicenter;

import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.console.AdminGate;
import dev.tessera.console.Dates;
import dev.tessera.webhook.Delivery;
import dev.tessera.webhook.Webhook;
import dev.tessera.webhook.Webhooks;
import java.security.Principal;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Webhooks (ADMIN only, linked from the API Center): the account's webhooks and, for each, its latest
 * deliveries with their state, attempts, the receiver's last status and when. Created and deleted
 * through the management API, where the signing secret is shown once.
 */
@Controller
class WebhooksPage {

    static final int LOG_SIZE = 20;

    private final ManagerAccounts accounts;
    private final Webhooks webhooks;
    private final AdminGate gate;

    WebhooksPage(ManagerAccounts accounts, Webhooks webhooks, AdminGate gate) {
        this.accounts = accounts;
        this.webhooks = webhooks;
        this.gate = gate;
    }

    /** One webhook as shown, with its latest deliveries. */
    record Card(Webhook webhook, String events, String created, List<Row> deliveries, long total) {}

    /** One delivery as shown: its state in words and the facts of its last attempt. */
    record Row(String eventType, String eventId, String state, String stateClass, int attempts, String lastStatus,
            String lastAttempt, String detail) {

        static Row of(Delivery delivery) {
            String status = delivery.lastStatus() == null ? "—" : Integer.toString(delivery.lastStatus());
            return switch (delivery.state()) {
                case DELIVERED -> new Row(delivery.eventType(), delivery.eventId(), "Delivered", "ok", delivery.attempts(),
                        status, Dates.second(delivery.lastAttemptAt()), "Accepted on " + Dates.second(delivery.deliveredAt()) + ".");
                case FAILED -> new Row(delivery.eventType(), delivery.eventId(), "Failed", "bad", delivery.attempts(), status,
                        Dates.second(delivery.lastAttemptAt()), "Gave up: " + delivery.lastError());
                case SENDING -> new Row(delivery.eventType(), delivery.eventId(), "Sending", "quiet", delivery.attempts(),
                        status, Dates.second(delivery.lastAttemptAt()), "Being posted now.");
                case PENDING -> new Row(delivery.eventType(), delivery.eventId(), delivery.attempts() > 0 ? "Retrying" : "Queued",
                        delivery.attempts() > 0 ? "warn" : "quiet", delivery.attempts(), status,
                        Dates.second(delivery.lastAttemptAt()), (delivery.lastError() == null ? "" : delivery.lastError() + " ")
                                + "Next attempt at " + Dates.second(delivery.nextAttemptAt()) + ".");
            };
        }
    }

    @GetMapping("/accounts/{customerId}/webhooks")
    String show(@PathVariable String customerId, Principal principal, Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), "The webhooks page");
        var account = accounts.get(id, principal.getName());
        model.addAttribute("account", account);
        model.addAttribute("title", "Webhooks · " + account.name());
        model.addAttribute("catalogue", String.join(", ", Webhooks.catalogue()));
        model.addAttribute("cards", webhooks.list(id, principal.getName(), false).stream().map(webhook -> {
            Webhooks.DeliveryPage log = webhooks.deliveries(id, webhook.id(), principal.getName(), false, 0, LOG_SIZE);
            return new Card(webhook, webhook.allEvents() ? "All events" : String.join(", ", webhook.events()),
                    Dates.second(webhook.createdAt()), log.deliveries().stream().map(Row::of).toList(), log.total());
        }).toList());
        return "webhooks";
    }
}
