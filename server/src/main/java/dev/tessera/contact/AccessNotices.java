package dev.tessera.contact;

import dev.tessera.access.AccessLevelChanged;
import dev.tessera.access.ApplicationDecided;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the API contact about access decisions. Listens synchronously, so the notice joins the
 * outbox in the transaction of the decision: both commit, or neither.
 */
@Component
class AccessNotices {

    private final Notifications notifications;

    AccessNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void levelChanged(AccessLevelChanged change) {
        notifications.accessLevelChanged(change.managerCustomerId(), change.actor(), change.from(), change.to(),
                change.reason());
    }

    @EventListener
    void applicationDecided(ApplicationDecided decision) {
        notifications.applicationDecided(decision.managerCustomerId(), decision.actor(), decision.requestedLevel(),
                decision.approved(), decision.reason());
    }
}
