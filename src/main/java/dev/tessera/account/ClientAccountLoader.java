package dev.tessera.account;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Fills the data plane's view of client accounts from the database before the server opens. */
@Component
class ClientAccountLoader implements SmartInitializingSingleton {

    private final AccountRepository accounts;
    private final ClientAccountDirectory directory;

    ClientAccountLoader(AccountRepository accounts, ClientAccountDirectory directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        accounts.forEachClient(client -> directory.register(client.customerId().value(), client.testAccount()));
    }
}
