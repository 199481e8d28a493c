package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.tessera.account.UserAdministration;
import dev.tessera.audit.Actor;
import dev.tessera.testing.Browser;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The generated first admin (issue 14): at the first console sign-in every page leads to the
 * change-password page until the generated password is replaced; the management API keeps answering
 * with it meanwhile; after the change the password file is deleted and only the new password works.
 */
class ConsoleFirstAdminTests {

    private static final String OWN = "the operator's own passphrase";

    @Test
    void theGeneratedAdminMustReplaceTheGeneratedPasswordAndItsFileIsThenDeleted() throws IOException {
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        try (Browser browser = Browser.launch();
                RunningTessera tessera = RunningTessera.start(database, "tessera.admin-email=", "tessera.admin-password=");
                Browser.Session session = browser.session(tessera)) {
            Path file = database.dataDir().resolve("initial-admin-password");
            String generated = Files.readString(file).strip();
            assertThat(tessera.api().as("admin@localhost", generated).get("/api/v1/manager-accounts").status())
                    .as("the API keeps working before the change").isEqualTo(200);
            UserAdministration users = tessera.bean(UserAdministration.class);
            Actor admin = new Actor("admin@localhost", null);
            users.create("vic@example.com", "first-password-of-vic", true, admin);
            users.changePassword("vic@example.com", "first-password-of-vic", "vic's own passphrase",
                    "vic's own passphrase", admin);
            assertThat(file).as("another user's first change leaves the admin's file").exists();

            Page page = session.page();
            signIn(page, "admin@localhost", generated);
            assertThat(page.url()).endsWith("/settings/password");
            assertThat(page.getByTestId("forced-change").textContent()).contains("Choose your own password");
            for (String elsewhere : new String[] {"/", "/operator/users", "/settings/api-keys", "/accounts/new"}) {
                page.navigate(elsewhere);
                assertThat(page.url()).as("%s leads to the change", elsewhere).endsWith("/settings/password");
            }
            session.screenshot("first-admin-password");

            page.getByLabel("Current password").fill(generated);
            page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(OWN);
            page.getByLabel("New password again").fill(OWN);
            button(page, "Change password").click();
            page.waitForURL(tessera.baseUrl() + "/");
            page.navigate("/operator/users");
            assertThat(page.url()).as("the console opens now").endsWith("/operator/users");
            assertThat(page.getByTestId("user-event").first().textContent()).contains("Password changed");

            assertThat(file).as("the generated password's file is deleted").doesNotExist();
            assertThat(tessera.api().as("admin@localhost", generated).get("/api/v1/manager-accounts").status())
                    .isEqualTo(401);
            assertThat(tessera.api().as("admin@localhost", OWN).get("/api/v1/manager-accounts").status())
                    .isEqualTo(200);
        }
    }
}
