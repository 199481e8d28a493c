package dev.tessera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the usual test world over the real API: users, a manager account with its ADMIN, client
 * accounts, a token. Each call asserts that Tessera accepted it.
 */
public final class Scenario {

    private static final AtomicInteger USERS = new AtomicInteger();

    private final TesseraClients tessera;

    public Scenario(TesseraClients tessera) {
        this.tessera = tessera;
    }

    /** A signed-in user created by the operator, with a unique email. */
    public record User(String email, String password, Api api) {}

    /** A manager account and its creating ADMIN. */
    public record Account(String customerId, User admin) {

        public String path() {
            return "/api/v1/manager-accounts/" + customerId;
        }
    }

    public User user(String name) {
        String email = name + "-" + USERS.incrementAndGet() + "@example.com";
        String password = "password-of-" + name + "-123";
        Api.Reply reply = tessera.operator().post("/api/v1/users", Map.of("email", email, "password", password));
        assertThat(reply.status()).as("create user %s: %s", email, reply).isEqualTo(201);
        return new User(email, password, tessera.api().as(email, password));
    }

    public Account account(String adminName) {
        User admin = user(adminName);
        Api.Reply reply = admin.api().post("/api/v1/manager-accounts", Map.of(
                "name", "Acme MCC", "companyName", "Acme Ltd", "companyUrl", "https://acme.example",
                "apiContactEmail", "api-team@acme.example"));
        assertThat(reply.status()).as("create account: %s", reply).isEqualTo(201);
        return new Account(reply.text("customerId"), admin);
    }

    public String clientAccount(Account account, boolean test) {
        Api.Reply reply = account.admin().api().post(account.path() + "/client-accounts",
                Map.of("name", test ? "Test client" : "Production client", "testAccount", test));
        assertThat(reply.status()).as("create client: %s", reply).isEqualTo(201);
        return reply.text("customerId");
    }

    /** Issues the account's first token and answers it. */
    public String issueToken(Account account) {
        Api.Reply reply = account.admin().api().post(account.path() + "/developer-token", null);
        assertThat(reply.status()).as("issue token: %s", reply).isEqualTo(201);
        return reply.text("developerToken");
    }

    public Api.Reply reset(Account account, String reason) {
        return account.admin().api().post(account.path() + "/developer-token:reset",
                reason == null ? null : Map.of("reason", reason));
    }

    /**
     * Makes the user a member with this role: a role change for a member, else an invitation that the
     * user accepts (issue 12: membership by invitation).
     */
    public void addMember(Account account, User user, String role) {
        Api.Reply reply = account.admin().api().put(account.path() + "/users/" + user.email(), Map.of("role", role));
        if (reply.status() == 200) {
            return;
        }
        assertThat(reply.status()).as("invite member: %s", reply).isEqualTo(202);
        Api.Reply accepted = acceptInvitation(account.admin().api(), account.path(), user.api(), user.email());
        assertThat(accepted.status()).as("accept invitation: %s", accepted).isEqualTo(200);
    }

    private static final Pattern INVITATION_LINK = Pattern.compile("/invitations/(\\d+)\\?secret=([A-Za-z0-9_-]+)");

    /** The newest invitation to {@code email}, read from the account's outbox by its ADMIN, and its link. */
    public static Invitation invitation(Api admin, String accountPath, String email) {
        Api.Reply outbox = admin.get(accountPath + "/notifications?size=200");
        assertThat(outbox.status()).as("outbox: %s", outbox).isEqualTo(200);
        for (JsonNode mail : outbox.json().get("notifications")) {
            if (mail.get("kind").asString().equals("MEMBER_INVITATION") && mail.get("recipient").asString().equals(email)) {
                Matcher link = INVITATION_LINK.matcher(mail.get("textBody").asString());
                assertThat(link.find()).as("an accept link in %s", mail).isTrue();
                return new Invitation(Long.parseLong(link.group(1)), link.group(2));
            }
        }
        throw new AssertionError("No invitation to " + email + " in " + outbox);
    }

    /** An invitation's id and one-time secret, as its mail carries them. */
    public record Invitation(long id, String secret) {}

    /** Accepts the newest invitation to {@code email} as {@code invitee}. */
    public static Api.Reply acceptInvitation(Api admin, String accountPath, Api invitee, String email) {
        Invitation invitation = invitation(admin, accountPath, email);
        return invitee.post("/api/v1/invitations/" + invitation.id() + ":accept", Map.of("secret", invitation.secret()));
    }

    /** forward-auth with a token, optionally naming a customer in the original URI. */
    public Api.Reply forwardAuth(String token, String customerId) {
        return forwardAuth(tessera.api(), token, customerId);
    }

    /** forward-auth on the given listener (the main port's {@link RunningTessera#api} or {@link RunningTessera#dataPlane}). */
    public Api.Reply forwardAuth(Api api, String token, String customerId) {
        if (token != null) {
            api = api.header("developer-token", token);
        }
        if (customerId != null) {
            api = api.header("X-Original-URI", "/v23/customers/" + customerId + "/googleAds:search");
        }
        return api.get("/v1/forward-auth");
    }

    public Api.Reply verify(String token, String customerId) {
        return verify(tessera.api(), token, customerId);
    }

    /** {@code :verify} on the given listener. */
    public Api.Reply verify(Api api, String token, String customerId) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("developerToken", token);
        if (customerId != null) {
            body.put("customerId", customerId);
        }
        return api.post("/v1/developer-token:verify", body);
    }

    /** verify with a service and a count of operations. */
    public Api.Reply verify(String token, String customerId, String service, long operations) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("developerToken", token);
        body.put("operations", operations);
        if (customerId != null) {
            body.put("customerId", customerId);
        }
        if (service != null) {
            body.put("service", service);
        }
        return tessera.api().post("/v1/developer-token:verify", body);
    }

    /** Files an application for {@code level} and has the operator approve it: the real review workflow. */
    public void promote(Account account, String level) {
        Api.Reply applied = account.admin().api().post(account.path() + "/access-applications", Map.of(
                "requestedLevel", level, "useCase", "Reporting for our clients' campaigns",
                "expectedDailyOperations", 1000, "companyUrl", "https://acme.example"));
        assertThat(applied.status()).as("apply: %s", applied).isEqualTo(201);
        Api.Reply approved = tessera.operator().post(
                "/api/v1/access-applications/" + applied.json().get("id").asLong() + ":approve",
                Map.of("reason", "Looks fine"));
        assertThat(approved.status()).as("approve: %s", approved).isEqualTo(200);
    }
}
