package dev.tessera.account;

import dev.tessera.system.web.ManagementApi;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/** {@code /api/v1/users}: the operator creates users (the security chain allows only OPERATOR). */
@ManagementApi("/api/v1/users")
class UserController {

    private final UserAccounts users;

    UserController(UserAccounts users) {
        this.users = users;
    }

    record NewUser(String email, String password) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> create(@RequestBody NewUser body) {
        return Map.of("email", users.create(body.email(), body.password(), false));
    }
}
