package dev.tessera.account;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ManagementApi;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/** {@code /api/v1/manager-accounts}: accounts, their users and roles, and their client accounts. */
@ManagementApi("/api/v1/manager-accounts")
class ManagerAccountController {

    private final ManagerAccounts accounts;

    ManagerAccountController(ManagerAccounts accounts) {
        this.accounts = accounts;
    }

    record AccountView(String customerId, String displayCustomerId, String name, String companyName,
            String companyUrl, String apiContactEmail, Instant createdAt, Role role) {

        static AccountView of(ManagerAccount account, Role role) {
            return new AccountView(account.customerId().digits(), account.customerId().display(), account.name(),
                    account.companyName(), account.companyUrl(), account.apiContactEmail(), account.createdAt(), role);
        }
    }

    record RoleRequest(Role role) {}

    record ClientRequest(String name, Boolean testAccount) {}

    record ClientView(String customerId, String displayCustomerId, String managerCustomerId, String name,
            boolean testAccount, Instant createdAt) {

        static ClientView of(ClientAccount client) {
            return new ClientView(client.customerId().digits(), client.customerId().display(),
                    client.managerCustomerId().digits(), client.name(), client.testAccount(), client.createdAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccountView create(@RequestBody ManagerAccounts.NewManagerAccount body, Principal principal,
            HttpServletRequest request) {
        return AccountView.of(accounts.create(body, RequestActor.of(principal, request)), Role.ADMIN);
    }

    @GetMapping
    List<AccountView> mine(Principal principal) {
        return accounts.membershipsOf(principal.getName()).stream()
                .map(membership -> AccountView.of(membership.account(), membership.role()))
                .toList();
    }

    @GetMapping("/{customerId}")
    AccountView get(@PathVariable String customerId, Principal principal) {
        var id = CustomerId.parseField("customerId", customerId);
        ManagerAccount account = accounts.get(id, principal.getName());
        Role role = accounts.membershipsOf(principal.getName()).stream()
                .filter(membership -> membership.account().customerId().equals(id))
                .map(Membership::role)
                .findFirst()
                .orElseThrow();
        return AccountView.of(account, role);
    }

    @GetMapping("/{customerId}/users")
    List<Member> members(@PathVariable String customerId, Principal principal) {
        return accounts.members(CustomerId.parseField("customerId", customerId), principal.getName());
    }

    @PutMapping("/{customerId}/users/{email}")
    ResponseEntity<?> setRole(@PathVariable String customerId, @PathVariable String email, @RequestBody RoleRequest body,
            Principal principal, HttpServletRequest request) {
        return accounts.setRole(CustomerId.parseField("customerId", customerId), email, body.role(),
                        RequestActor.of(principal, request))
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.accepted().body(new Invited(email.strip().toLowerCase(java.util.Locale.ROOT),
                        body.role(), "An invitation was sent. The user becomes a member on accepting it.")));
    }

    /** The answer to adding an email that is not a member: the same whether or not a user has it. */
    record Invited(String email, Role role, String detail) {}

    @DeleteMapping("/{customerId}/users/{email}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String customerId, @PathVariable String email, Principal principal,
            HttpServletRequest request) {
        accounts.removeUser(CustomerId.parseField("customerId", customerId), email, RequestActor.of(principal, request));
    }

    @PostMapping("/{customerId}/client-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    ClientView addClient(@PathVariable String customerId, @RequestBody ClientRequest body, Principal principal,
            HttpServletRequest request) {
        return ClientView.of(accounts.addClient(CustomerId.parseField("customerId", customerId), body.name(),
                body.testAccount(), RequestActor.of(principal, request)));
    }

    @GetMapping("/{customerId}/client-accounts")
    List<ClientView> clients(@PathVariable String customerId, Principal principal) {
        return accounts.clients(CustomerId.parseField("customerId", customerId), principal.getName()).stream()
                .map(ClientView::of)
                .toList();
    }
}
