package dev.tessera.verify;

import dev.tessera.access.AccessLevelChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Applies a committed access-level change to this node's index, so the next request sees the level. */
@Component
class AccessLevelListener {

    private final TokenIndex tokens;

    AccessLevelListener(TokenIndex tokens) {
        this.tokens = tokens;
    }

    @TransactionalEventListener
    void on(AccessLevelChanged change) {
        tokens.changeLevel(change.managerCustomerId(), change.to());
    }
}
