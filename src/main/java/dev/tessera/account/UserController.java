package dev.tessera.account;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ManagementApi;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/** {@code /api/v1/users}: the operator creates users (the security chain allows only OPERATOR). */
@ManagementApi("/api/v1/users")
class UserController {

    private final UserAdministration users;

    UserController(UserAdministration users) {
        this.users = users;
    }

    record NewUser(String email, String password) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> create(@RequestBody NewUser body, Principal principal, HttpServletRequest request) {
        return Map.of("email", users.create(body.email(), body.password(), false, RequestActor.of(principal, request)));
    }
}
