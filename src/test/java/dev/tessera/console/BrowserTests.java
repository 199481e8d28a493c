package dev.tessera.console;

import dev.tessera.testing.Browser;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What most console test classes share: Debian's Chromium and one real Tessera on H2, started once
 * per class and stopped after it.
 */
abstract class BrowserTests {

    static RunningTessera tessera;
    static Scenario scenario;
    static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.launch();
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2));
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() {
        if (tessera != null) {
            tessera.close();
        }
        if (browser != null) {
            browser.close();
        }
    }
}
