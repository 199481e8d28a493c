package dev.tessera.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What most console test classes share: Debian's Chromium and one real Tessera on H2, started once
 * per class and stopped after it.
 */
public abstract class BrowserTests {

    protected static RunningTessera tessera;
    protected static Scenario scenario;
    protected static Browser browser;

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
