package dev.tessera.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management API also accepts the console's session (issue #3): a browser that signed in can
 * call it, and a call that changes something must then carry the session's CSRF token.
 */
class ConsoleSessionApiTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    static RunningTessera tessera;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2));
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() {
        tessera.close();
    }

    @Test
    void aSignedInSessionCallsTheApiAndNeedsCsrfToChangeThings() throws Exception {
        Scenario.Account account = scenario.account("browser");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        String loginPage = get(browser, "/login").body();
        HttpResponse<String> signedIn = post(browser, "/login", "application/x-www-form-urlencoded",
                "email=" + encode(account.admin().email()) + "&password=" + encode(account.admin().password())
                        + "&_csrf=" + encode(csrf(loginPage)), null);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        HttpResponse<String> mine = get(browser, "/api/v1/manager-accounts");
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains(account.customerId());

        String client = "{\"name\":\"From the browser\",\"testAccount\":true}";
        String path = "/api/v1/manager-accounts/" + account.customerId() + "/client-accounts";
        assertThat(post(browser, path, "application/json", client, null).statusCode()).isEqualTo(403);
        String token = csrf(get(browser, "/").body());
        assertThat(post(browser, path, "application/json", client, token).statusCode()).isEqualTo(201);
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("the page has a CSRF field").isTrue();
        return matcher.group(1);
    }

    private static HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(tessera.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient client, String path, String type, String body, String csrf)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tessera.baseUrl() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
