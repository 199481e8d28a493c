package dev.tessera.outbox;

import dev.tessera.system.TesseraException;
import dev.tessera.system.web.ManagementApi;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code GET /api/v1/notifications}: every account's notifications and their delivery, OPERATOR only. */
@ManagementApi("/api/v1/notifications")
class OperatorNotificationController {

    private final NotificationLog log;

    OperatorNotificationController(NotificationLog log) {
        this.log = log;
    }

    @GetMapping
    NotificationList all(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            Authentication user) {
        boolean operator = user.getAuthorities().stream().anyMatch(a -> "ROLE_OPERATOR".equals(a.getAuthority()));
        if (!operator) {
            throw TesseraException.forbidden("Only the OPERATOR sees every account's notifications.");
        }
        return log.all(page, size);
    }
}
