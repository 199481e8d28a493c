package dev.tessera.system.web;

import java.util.List;
import java.util.Optional;

/**
 * Resolves the credential of an {@code Authorization: Bearer …} header on the management API. A
 * later feature implements it (the API keys); the security chain here only asks it, so this package
 * depends on no feature. Implementations look the credential up on every call (no per-node cache),
 * so a revoked credential is refused at once on every node.
 */
public interface BearerCredentials {

    /** The caller the credential stands for, or empty when it is unknown, malformed or revoked. */
    Optional<Caller> resolve(String credential);

    /**
     * Who a bearer credential acts for and what it may do.
     *
     * @param name the principal's name (the user's email), as HTTP Basic would give it
     * @param roles role names without the {@code ROLE_} prefix, e.g. {@code USER}, {@code OPERATOR}
     * @param scope decides whether a request (method and path below the context) is within the credential's scope
     */
    record Caller(String name, List<String> roles, Scope scope) {}

    /** A credential's limits, checked before the request reaches any controller. */
    @FunctionalInterface
    interface Scope {
        boolean permits(String method, String path);
    }
}
