package dev.tessera.account;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads users for sign-in (console form and HTTP Basic). Operators also get {@code ROLE_OPERATOR}. A
 * disabled user is loaded as disabled, so Spring Security refuses them before any password check (issue 14).
 */
@Component
class SignInUsers implements UserDetailsService {

    private final UserAccounts users;

    SignInUsers(UserAccounts users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        UserAccounts.User user = users.find(email).orElseThrow(() -> new UsernameNotFoundException("No such user"));
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (user.operator()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_OPERATOR"));
        }
        return User.withUsername(user.email()).password(user.passwordHash()).authorities(authorities)
                .disabled(user.disabled()).build();
    }
}
