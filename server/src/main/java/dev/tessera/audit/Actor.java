package dev.tessera.audit;

/**
 * Who did something, and from where: the signed-in user's email and the client IP address. A plain
 * value: the web layer builds it from a request (see {@code audit.web.RequestActor}).
 *
 * @param email the user's email, or {@code null} for the system itself
 * @param clientIp the address the request came from, or {@code null}
 */
public record Actor(String email, String clientIp) {

    /** Tessera itself, e.g. at first start. */
    public static final Actor SYSTEM = new Actor(null, null);
}
