package dev.tessera.verifier;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Verifies developer tokens in this process, as fresh as a Tessera node (issue 13):
 *
 * <pre>{@code
 * TesseraVerifier verifier = TesseraVerifier.builder("https://tessera.example.com", verifierApiKey)
 *         .name("orders-api")
 *         .start();
 * Decision decision = verifier.verify(token, "/v23/customers/1234567890/googleAds:search", null);
 * }</pre>
 *
 * A thread follows Tessera's verifier feed under a lease; while the lease is fresh, {@link #verify}
 * decides from memory as the data plane does (token, test-account approval, EXPLORER's restricted
 * services), with no I/O; when it cannot confirm it is current it refuses every request with
 * {@link Refusal#UNAVAILABLE} (503). The daily operation quota is not counted here: it is counted by
 * Tessera's own data plane only (docs/verifier.md says why). Thread-safe.
 */
public final class TesseraVerifier implements AutoCloseable {

    private final FeedFollower follower;
    private final String requestIdPrefix;
    private long requestIds;

    private TesseraVerifier(FeedFollower follower, String requestIdPrefix) {
        this.follower = follower;
        this.requestIdPrefix = requestIdPrefix;
    }

    /**
     * @param serverUrl Tessera's main URL (the management API's), e.g. {@code https://tessera.example.com}
     * @param verifierApiKey an API key of scope {@code verifier} ({@code tsk_…}), created by an operator
     */
    public static Builder builder(String serverUrl, String verifierApiKey) {
        return new Builder(serverUrl, verifierApiKey);
    }

    /** Options of a verifier; {@link #start} makes and starts it. */
    public static final class Builder {
        private final String serverUrl;
        private final String apiKey;
        private String name;
        private Duration extraDriftMargin = Duration.ZERO;
        private HttpClient http;

        private Builder(String serverUrl, String apiKey) {
            this.serverUrl = Objects.requireNonNull(serverUrl, "serverUrl");
            this.apiKey = Objects.requireNonNull(apiKey, "verifierApiKey");
        }

        /** How reset receipts name this process ({@code verifier:<name>}); visible ASCII, no spaces. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Stop serving this much earlier than the server's lease and drift margin require (for a host
         * whose clock rate you trust less); the lease itself is the server's, so writers never wait longer.
         */
        public Builder extraDriftMargin(Duration margin) {
            if (margin.isNegative()) {
                throw new IllegalArgumentException("The extra drift margin is zero or more");
            }
            this.extraDriftMargin = margin;
            return this;
        }

        /** The HTTP client for the feed (TLS settings, proxy); a default one when unset. */
        public Builder httpClient(HttpClient http) {
            this.http = http;
            return this;
        }

        /** Starts following the feed; {@link #awaitCurrent} waits for the first snapshot. */
        public TesseraVerifier start() {
            byte[] bits = new byte[12];
            new SecureRandom().nextBytes(bits);
            String instance = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
            HttpClient client = http != null ? http
                    : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
            FeedFollower follower = new FeedFollower(client, serverUrl, apiKey, instance,
                    name != null ? name : instance.substring(0, 8), extraDriftMargin);
            TesseraVerifier verifier = new TesseraVerifier(follower, "tv-" + instance.substring(0, 8) + "-");
            follower.start();
            return verifier;
        }
    }

    /** Whether this verifier may answer now: its lease is fresh. One volatile read and the clock. */
    public boolean current() {
        return follower.current();
    }

    /** Waits until the verifier is current (after start: the first snapshot), at most {@code timeout}. */
    public boolean awaitCurrent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!current()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    /**
     * Decides a request as the data plane's forward-auth does.
     *
     * @param token the {@code developer-token} header, possibly null
     * @param path the request's path, {@code /v{N}/customers/{id}/…{Service}:{method}} (or any other path,
     *     which names no customer and no service)
     * @param loginCustomerId the {@code login-customer-id} header, possibly null
     */
    public Decision verify(CharSequence token, CharSequence path, CharSequence loginCustomerId) {
        if (token == null || token.length() == 0) {
            return Refusal.PARAMETER_MISSING.decision();
        }
        long customer = RequestParts.customerFromPath(path);
        if (customer == RequestParts.MALFORMED
                || loginCustomerId != null && RequestParts.customerId(loginCustomerId, 0, loginCustomerId.length()) == 0) {
            return Refusal.CUSTOMER_ID_INVALID.decision();
        }
        return decide(token, customer, null, path);
    }

    /**
     * Decides a request naming its customer and service directly (gRPC, or a body's fields).
     *
     * @param customerId the customer the request operates on, or 0 for none
     * @param service {@code Service} or {@code Service.Method}, or null
     */
    public Decision verify(CharSequence token, long customerId, String service) {
        if (token == null || token.length() == 0) {
            return Refusal.PARAMETER_MISSING.decision();
        }
        return decide(token, customerId, service, null);
    }

    private Decision decide(CharSequence token, long customer, String service, CharSequence path) {
        FeedState state = follower.state();
        if (!follower.current() || state == null) {
            return Refusal.UNAVAILABLE.decision();
        }
        if (!TokenDigester.isWellFormed(token)) {
            return Refusal.TOKEN_INVALID.decision();
        }
        Decision grant = state.grants.find(state.digester.digest(token));
        if (grant == null) {
            return Refusal.TOKEN_INVALID.decision();
        }
        if (grant.expiresAtMillis != Long.MAX_VALUE && System.currentTimeMillis() >= grant.expiresAtMillis) {
            // a rotation's previous token after its overlap is simply invalid, as on the data plane
            return (grant.previous ? Refusal.TOKEN_INVALID : Refusal.TOKEN_EXPIRED).decision();
        }
        String level = grant.accessLevel();
        if ("TEST_ACCOUNT".equals(level) && customer != RequestParts.NO_CUSTOMER && !state.isTestAccount(customer)) {
            return Refusal.NOT_APPROVED.decision();
        }
        if ("EXPLORER".equals(level)
                && RequestParts.restricted(state.restricted, service != null ? service : RequestParts.serviceFromPath(path))) {
            return Refusal.PROHIBITED.decision();
        }
        return grant;
    }

    /** An id for a refusal's body, unique in this process. */
    String nextRequestId() {
        long id;
        synchronized (this) {
            id = ++requestIds;
        }
        return requestIdPrefix + id;
    }

    /** Stops following the feed; from then on every request is refused with 503. */
    @Override
    public void close() {
        follower.stop();
    }
}
