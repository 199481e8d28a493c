package dev.tessera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.OnEachStorage;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every management endpoint and console page × every kind of caller (issue 12), generated from the
 * application's own request mappings: a mapping without a rule in {@link #RULES} fails the build, so
 * a new endpoint cannot ship without someone deciding who may call it. A cell passes when the caller
 * is let through (any answer but 401, 403, a 404 hiding the account, or a redirect to sign-in) exactly
 * when the rule allows it. Bodies are minimal ({@code {}}, or a CSRF form naming a member): a cell tests
 * the gate, not the action behind it. The data plane ({@code /v1/**}) takes a developer token, not a role, and
 * has its own tests; its two leak-report endpoints ({@link #LEAK_REPORTS}) take none, so they are in the matrix.
 */
class RoleMatrixTests extends OnEachStorage {

    /** Who calls. ADMIN_ELSEWHERE is an ADMIN of another manager account; OPERATOR is no member. */
    enum Caller { ANONYMOUS, READ_ONLY, STANDARD, ADMIN_ELSEWHERE, OPERATOR, ADMIN }

    static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    static final Set<Caller> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS));
    static final Set<Caller> MEMBERS = EnumSet.of(Caller.READ_ONLY, Caller.STANDARD, Caller.ADMIN);
    static final Set<Caller> WRITERS = EnumSet.of(Caller.STANDARD, Caller.ADMIN);
    static final Set<Caller> ADMINS = EnumSet.of(Caller.ADMIN);
    static final Set<Caller> OPERATORS = EnumSet.of(Caller.OPERATOR);
    static final Set<Caller> ADMINS_AND_OPERATOR = EnumSet.of(Caller.ADMIN, Caller.OPERATOR);

    /** The two /v1 endpoints that take no developer token, so that the matrix covers them. */
    static final Set<String> LEAK_REPORTS = Set.of("/v1/secret-scanning/github", "/v1/credentials/revoke");

    /** "METHOD pattern" → who may pass the gate. */
    static final Map<String, Set<Caller>> RULES = new LinkedHashMap<>();

    static {
        String api = "/api/v1/manager-accounts/{customerId}";
        RULES.put("POST /api/v1/users", OPERATORS);
        RULES.put("GET /api/v1/users", OPERATORS);
        RULES.put("POST /api/v1/users/{email}:disable", OPERATORS);
        RULES.put("POST /api/v1/users/{email}:enable", OPERATORS);
        RULES.put("POST /api/v1/manager-accounts", SIGNED_IN);
        RULES.put("GET /api/v1/manager-accounts", SIGNED_IN);
        RULES.put("GET " + api, MEMBERS);
        RULES.put("GET " + api + "/users", MEMBERS);
        RULES.put("PUT " + api + "/users/{email}", ADMINS);
        RULES.put("DELETE " + api + "/users/{email}", ADMINS);
        RULES.put("POST " + api + "/client-accounts", WRITERS);
        RULES.put("GET " + api + "/client-accounts", MEMBERS);
        RULES.put("POST " + api + "/access-applications", ADMINS);
        RULES.put("GET " + api + "/access-applications", ADMINS);
        RULES.put("GET /api/v1/access-applications", OPERATORS);
        RULES.put("POST /api/v1/access-applications/{id}:approve", OPERATORS);
        RULES.put("POST /api/v1/access-applications/{id}:reject", OPERATORS);
        RULES.put("POST " + api + "/developer-token", ADMINS);
        RULES.put("GET " + api + "/developer-token", ADMINS);
        RULES.put("POST " + api + "/developer-token:reset", ADMINS);
        RULES.put("POST " + api + "/developer-token:rotate", ADMINS);
        RULES.put("GET " + api + "/developer-token/overlap", ADMINS);
        RULES.put("POST " + api + "/developer-token:endOverlap", ADMINS);
        RULES.put("PUT " + api + "/developer-token/expiry", ADMINS);
        RULES.put("GET " + api + "/api-contact-email", ADMINS);
        RULES.put("PUT " + api + "/api-contact-email", ADMINS);
        RULES.put("POST " + api + "/api-contact-email:resend-confirmation", ADMINS);
        RULES.put("GET " + api + "/notifications", ADMINS);
        RULES.put("GET " + api + "/audit-events", ADMINS);
        RULES.put("GET " + api + "/usage", ADMINS);
        RULES.put("GET /api/v1/notifications", OPERATORS);
        RULES.put("POST " + api + "/webhooks", ADMINS);
        RULES.put("GET " + api + "/webhooks", ADMINS_AND_OPERATOR);
        RULES.put("DELETE " + api + "/webhooks/{webhookId}", ADMINS);
        RULES.put("GET " + api + "/webhooks/{webhookId}/deliveries", ADMINS_AND_OPERATOR);
        RULES.put("POST /api/v1/api-keys", SIGNED_IN);
        RULES.put("GET /api/v1/api-keys", SIGNED_IN);
        RULES.put("DELETE /api/v1/api-keys/{id}", SIGNED_IN);
        // API keys of scope verifier only, which none of these callers holds (VerifierFeedTests, issue 13)
        RULES.put("GET /api/v1/verifier/feed", EnumSet.noneOf(Caller.class));
        RULES.put("DELETE /api/v1/verifier/feed", EnumSet.noneOf(Caller.class));
        // Leak reports (issue 15): no role opens GitHub's endpoint, only GitHub's signature (LeakReportTests);
        // anyone may revoke a token they found, signed in or not.
        RULES.put("POST /v1/secret-scanning/github", EnumSet.noneOf(Caller.class));
        RULES.put("POST /v1/credentials/revoke", EVERYONE);
        RULES.put("GET /v3/api-docs", EVERYONE);
        RULES.put("GET /v3/api-docs.yaml", EVERYONE);
        RULES.put("POST /api/v1/invitations/{id}:accept", SIGNED_IN);
        RULES.put("GET /invitations/{id}", SIGNED_IN);
        RULES.put("POST /invitations/{id}/accept", SIGNED_IN);
        String console = "/accounts/{customerId}";
        RULES.put("GET /login", EVERYONE);
        RULES.put("GET /contact-email/confirm", EVERYONE);
        RULES.put("GET /", SIGNED_IN);
        RULES.put("GET /accounts/new", SIGNED_IN);
        RULES.put("POST /accounts", SIGNED_IN);
        RULES.put("GET " + console, MEMBERS);
        RULES.put("GET " + console + "/admin", MEMBERS);
        RULES.put("GET " + console + "/users", ADMINS);
        RULES.put("POST " + console + "/users", ADMINS);
        RULES.put("POST " + console + "/users/role", ADMINS);
        RULES.put("POST " + console + "/users/remove", ADMINS);
        RULES.put("GET " + console + "/audit", ADMINS);
        RULES.put("GET " + console + "/audit.csv", ADMINS);
        RULES.put("GET /jump", SIGNED_IN);
        RULES.put("GET " + console + "/notifications", ADMINS);
        RULES.put("GET " + console + "/webhooks", ADMINS);
        RULES.put("GET " + console + "/api-center", ADMINS);
        RULES.put("POST " + console + "/api-center/token", ADMINS);
        RULES.put("POST " + console + "/api-center/access-applications", ADMINS);
        RULES.put("POST " + console + "/api-center/contact-email", ADMINS);
        RULES.put("POST " + console + "/api-center/contact-email/resend", ADMINS);
        RULES.put("GET " + console + "/api-center/reset", ADMINS);
        RULES.put("POST " + console + "/api-center/reset", ADMINS);
        RULES.put("GET " + console + "/api-center/new-token", ADMINS);
        RULES.put("POST " + console + "/api-center/end-overlap", ADMINS);
        RULES.put("GET " + console + "/api-center/rotate", ADMINS);
        RULES.put("POST " + console + "/api-center/rotate", ADMINS);
        RULES.put("GET /operator/notifications", OPERATORS);
        RULES.put("GET /operator/applications", OPERATORS);
        RULES.put("GET /operator/users", OPERATORS);
        RULES.put("POST /operator/users", OPERATORS);
        RULES.put("POST /operator/users/disable", OPERATORS);
        RULES.put("POST /operator/users/enable", OPERATORS);
        RULES.put("GET /accounts", SIGNED_IN);
        RULES.put("GET /settings/password", SIGNED_IN);
        RULES.put("POST /settings/password", SIGNED_IN);
        RULES.put("GET /settings/api-keys", SIGNED_IN);
        RULES.put("POST /settings/api-keys", SIGNED_IN);
        RULES.put("GET /settings/api-keys/new", SIGNED_IN);
        RULES.put("POST /settings/api-keys/{id}/revoke", SIGNED_IN);
        RULES.put("POST /operator/applications/{id}/approve", OPERATORS);
        RULES.put("POST /operator/applications/{id}/reject", OPERATORS);
    }

    record Endpoint(String method, String pattern) {
        String key() {
            return method + " " + pattern;
        }

        /** Removals last, so that the member they remove is there for every other cell. */
        int order() {
            return key().contains("remove") || method.equals("DELETE") ? 1 : 0;
        }
    }

    @Test
    void everyEndpointLetsThroughExactlyTheCallersItsRuleNames() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints.stream().map(Endpoint::key).filter(key -> !RULES.containsKey(key)).toList())
                .as("endpoints without a rule in RoleMatrixTests.RULES: decide who may call them").isEmpty();
        assertThat(RULES.keySet()).as("rules for endpoints that no longer exist")
                .containsExactlyInAnyOrderElementsOf(endpoints.stream().map(Endpoint::key).toList());

        Scenario.Account account = scenario.account("matrix");
        Scenario.Account elsewhere = scenario.account("elsewhere");
        Scenario.User readOnly = scenario.user("reader");
        Scenario.User standard = scenario.user("writer");
        Scenario.User target = scenario.user("target");
        scenario.addMember(account, readOnly, "READ_ONLY");
        scenario.addMember(account, standard, "STANDARD");
        Scenario.User formTarget = scenario.user("form-target");
        scenario.addMember(account, target, "STANDARD");
        scenario.addMember(account, formTarget, "STANDARD");
        scenario.issueToken(account);
        // A webhook to act on (issue 15); a public address, for an event nothing emits here.
        String webhookId = account.admin().api().post(account.path() + "/webhooks", Map.of(
                "url", "https://203.0.113.10/matrix", "events", List.of("token.expiring"))).json().get("id").asString();
        String form = "&email=" + URLEncoder.encode(formTarget.email(), StandardCharsets.UTF_8) + "&role=STANDARD";
        Map<Caller, Client> clients = new EnumMap<>(Caller.class);
        clients.put(Caller.ANONYMOUS, new Client(null, null));
        clients.put(Caller.READ_ONLY, new Client(readOnly.email(), readOnly.password()));
        clients.put(Caller.STANDARD, new Client(standard.email(), standard.password()));
        clients.put(Caller.ADMIN_ELSEWHERE, new Client(elsewhere.admin().email(), elsewhere.admin().password()));
        clients.put(Caller.OPERATOR, new Client(RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD));
        clients.put(Caller.ADMIN, new Client(account.admin().email(), account.admin().password()));

        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Endpoint endpoint : endpoints) {
            String path = endpoint.pattern()
                    .replace("{customerId}", account.customerId())
                    .replace("{email}", target.email())
                    .replace("{id}", "999999")
                    .replace("{webhookId}", webhookId);
            for (Caller caller : Caller.values()) {
                int status = clients.get(caller).send(endpoint.method(), path, form);
                boolean passed = passed(status, endpoint.pattern());
                boolean allowed = RULES.get(endpoint.key()).contains(caller);
                if (passed != allowed) {
                    wrong.add(endpoint.key() + " as " + caller + ": " + status + (allowed ? " (should pass)" : " (should be refused)"));
                }
                cells++;
            }
        }
        assertThat(wrong).as("cells that disagree with the rules, of %d", cells).isEmpty();
        assertThat(cells).isEqualTo(endpoints.size() * Caller.values().length);
    }

    /** 401, 403, a redirect to sign-in, or a 404 for an account (hiding it from non-members) is a refusal. */
    static boolean passed(int status, String pattern) {
        return status != 401 && status != 403 && status != Client.TO_SIGN_IN
                && !(status == 404 && pattern.contains("{customerId}"));
    }

    static List<Endpoint> endpoints() {
        Set<Endpoint> found = new TreeSet<>(Comparator.comparingInt(Endpoint::order).thenComparing(Endpoint::key));
        for (RequestMappingInfo info : tessera.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if ((pattern.startsWith("/v1/") && !LEAK_REPORTS.contains(pattern)) || pattern.equals("/error")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    found.add(new Endpoint(method.name(), pattern));
                }
            }
        }
        return List.copyOf(found);
    }

    /** One caller: HTTP Basic on the API, a signed-in session with its CSRF token in the console. */
    static final class Client {

        static final int TO_SIGN_IN = 1302;
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

        private final String email;
        private final String password;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        private String csrf;

        Client(String email, String password) {
            this.email = email;
            this.password = password;
        }

        int send(String method, String path, String form) {
            boolean apiPath = path.startsWith("/api/");
            if (!apiPath) {
                csrf = csrf != null ? csrf : signIn();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tessera.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30));
            String body = "";
            if (apiPath) {
                if (email != null) {
                    request.header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
                }
                request.header("Content-Type", "application/json");
                body = method.equals("GET") || method.equals("DELETE") ? "" : "{}";
            } else {
                request.header("Content-Type", "application/x-www-form-urlencoded");
                body = method.equals("GET") ? "" : "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + form;
            }
            request.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = exchange(request.build());
            String location = response.headers().firstValue("Location").orElse("");
            return response.statusCode() == 302 && location.contains("/login") ? TO_SIGN_IN : response.statusCode();
        }

        /** Signs in through the console form (anonymous: just fetches the form) and answers a CSRF token. */
        private String signIn() {
            String form = exchange(HttpRequest.newBuilder(URI.create(tessera.baseUrl() + "/login")).build()).body();
            String token = csrf(form);
            if (email == null) {
                return token;
            }
            String body = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
            HttpResponse<String> signedIn = exchange(HttpRequest.newBuilder(URI.create(tessera.baseUrl() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(signedIn.headers().firstValue("Location").orElse("")).as("%s signed in", email).doesNotContain("/login");
            return csrf(exchange(HttpRequest.newBuilder(URI.create(tessera.baseUrl() + "/accounts/new")).build()).body());
        }

        private static String csrf(String page) {
            Matcher matcher = CSRF.matcher(page);
            assertThat(matcher.find()).as("a CSRF field in %s", page).isTrue();
            return matcher.group(1);
        }

        private HttpResponse<String> exchange(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
