package dev.tessera.account;

import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The client accounts as a follower outside this process (an embedded verifier) needs them: every
 * one, or one by id, read from the database as {@code ClientAccountChanges} reads them for this node.
 */
@Component
public class ClientAccountStates {

    private final AccountRepository accounts;

    ClientAccountStates(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public void forEach(Consumer<ClientAccount> action) {
        accounts.forEachClient(action);
    }

    public Optional<ClientAccount> find(long customerId) {
        return accounts.findClient(customerId);
    }
}
