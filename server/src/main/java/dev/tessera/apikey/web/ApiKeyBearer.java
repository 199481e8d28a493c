package dev.tessera.apikey.web;

import dev.tessera.account.CustomerId;
import dev.tessera.apikey.ApiKeyScope;
import dev.tessera.apikey.ApiKeys;
import dev.tessera.system.web.BearerCredentials;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * API keys as the management API's bearer credentials. A key acts as its creator: the principal is
 * the creator's email, so every per-account rule (member, ADMIN) applies as for the creator now, and
 * the scope narrows it (see {@link ApiKeyScope}). Each call looks the key up in the database, so a
 * revoked key, or a key of a disabled user, is refused at once on every node.
 */
@Component
class ApiKeyBearer implements BearerCredentials {

    private static final Pattern TOKEN_PATH = Pattern.compile("/api/v1/manager-accounts/([0-9-]{10,12})/developer-token(:reset)?");
    private static final String VERIFIER_FEED = "/api/v1/verifier/feed";
    private static final List<String> OPERATOR_PATHS = List.of("/api/v1/users", "/api/v1/access-applications");

    private final ApiKeys keys;

    ApiKeyBearer(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Optional<Caller> resolve(String credential) {
        return keys.authenticate(credential).map(holder -> {
            boolean operator = holder.operator()
                    && (holder.scope() == ApiKeyScope.CREATOR || holder.scope() == ApiKeyScope.OPERATOR);
            // A verifier key is no user's stand-in: it may read the verifier feed, nothing else.
            List<String> roles = holder.scope() == ApiKeyScope.VERIFIER ? List.of("VERIFIER")
                    : operator ? List.of("USER", "OPERATOR") : List.of("USER");
            return new Caller(holder.email(), roles, (method, path) -> permits(holder, method, path));
        });
    }

    static boolean permits(ApiKeys.Holder holder, String method, String path) {
        return switch (holder.scope()) {
            case CREATOR -> true;
            case READ_ONLY -> "GET".equals(method) || "HEAD".equals(method);
            case OPERATOR -> OPERATOR_PATHS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
            case TOKEN_ADMIN -> {
                Matcher matcher = TOKEN_PATH.matcher(path);
                yield matcher.matches() && holder.accounts().contains(CustomerId.parseOrZero(matcher.group(1)));
            }
            case VERIFIER -> ("GET".equals(method) || "DELETE".equals(method)) && VERIFIER_FEED.equals(path);
        };
    }
}
