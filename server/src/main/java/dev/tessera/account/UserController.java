package dev.tessera.account;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ManagementApi;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * {@code /api/v1/users}: the operator creates, lists, disables and enables users (the security chain
 * allows only OPERATOR). The console's Users page for operators takes the same domain path.
 */
@ManagementApi("/api/v1/users")
class UserController {

    private final UserAdministration administration;
    private final UserAccounts users;

    UserController(UserAdministration administration, UserAccounts users) {
        this.administration = administration;
        this.users = users;
    }

    record NewUser(String email, String password) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> create(@RequestBody NewUser body, Principal principal, HttpServletRequest request) {
        return Map.of("email",
                administration.create(body.email(), body.password(), false, RequestActor.of(principal, request)));
    }

    @GetMapping
    Map<String, List<UserAccounts.UserView>> list() {
        return Map.of("users", users.list());
    }

    /** Disables a user: no sign-in, API keys refused, console sessions end. 409 for oneself or the last operator. */
    @PostMapping("/{email}:disable")
    UserAccounts.UserView disable(@PathVariable String email, Principal principal, HttpServletRequest request) {
        return set(email, true, principal, request);
    }

    @PostMapping("/{email}:enable")
    UserAccounts.UserView enable(@PathVariable String email, Principal principal, HttpServletRequest request) {
        return set(email, false, principal, request);
    }

    private UserAccounts.UserView set(String email, boolean disabled, Principal principal, HttpServletRequest request) {
        administration.setDisabled(email, disabled, RequestActor.of(principal, request));
        return users.view(email).orElseThrow();
    }
}
