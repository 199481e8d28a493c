package dev.tessera.account;

import dev.tessera.cluster.ChangeApplier;
import dev.tessera.cluster.ChangeKind;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's {@link ClientAccountDirectory} (the data plane's view of which customer ids are
 * test accounts) equal to the database: every client account at start, then each one the feed
 * announces ({@link ChangeKind#CLIENT_ACCOUNT}).
 */
@Component
class ClientAccountChanges implements ChangeApplier {

    private final AccountRepository accounts;
    private final ClientAccountDirectory directory;

    ClientAccountChanges(AccountRepository accounts, ClientAccountDirectory directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    @Override
    public ChangeKind kind() {
        return ChangeKind.CLIENT_ACCOUNT;
    }

    @Override
    public long loadAll(long head) {
        accounts.forEachClient(client -> directory.register(client.customerId().value(), client.testAccount()));
        return head;
    }

    @Override
    public void apply(long customerId) {
        accounts.findClient(customerId).ifPresent(client -> directory.register(customerId, client.testAccount()));
    }
}
