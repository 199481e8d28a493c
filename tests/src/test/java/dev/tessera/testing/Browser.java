package dev.tessera.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Debian's Chromium driven by Playwright for Java, headless. Playwright's own browser download is
 * never used: the tests need {@code /usr/bin/chromium} ({@code apt-get install -y chromium}) and
 * fail, not skip, without it. One per test class; close it in {@code @AfterAll}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    /** The options DEVELOPERS.md documents: no sandbox (root in CI), and no network of Chromium's own. */
    public static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    /** @throws IllegalStateException saying how to install Chromium when it is missing */
    public static Browser launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("The console's browser tests need Debian's Chromium at " + CHROMIUM
                    + ", which is missing. Install it with: sudo apt-get install -y chromium (see DEVELOPERS.md).");
        }
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(ARGS)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh browser profile (no cookies) whose relative URLs go to this Tessera; desktop size. */
    public Session session(RunningTessera tessera) {
        return session(tessera, 1280, 860);
    }

    public Session session(RunningTessera tessera, int width, int height) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(tessera.baseUrl()).setViewportSize(width, height).setLocale("en-GB"));
        context.setDefaultTimeout(15_000);
        return new Session(context, tessera.baseUrl());
    }

    /** One browser profile with one page; records every request that leaves Tessera. */
    public static final class Session implements AutoCloseable {
        private final BrowserContext context;
        private final Page page;
        private final List<String> foreignRequests = new CopyOnWriteArrayList<>();

        Session(BrowserContext context, String baseUrl) {
            this.context = context;
            this.page = context.newPage();
            page.onRequest(request -> {
                String url = request.url();
                if (!url.startsWith(baseUrl) && !url.startsWith("data:")) {
                    foreignRequests.add(url);
                }
            });
        }

        public Page page() {
            return page;
        }

        public BrowserContext context() {
            return context;
        }

        /** Requests the pages made to anywhere but Tessera (fonts, CDNs …): should be none. */
        public List<String> foreignRequests() {
            return List.copyOf(foreignRequests);
        }

        /** Saves a full-page screenshot as target/screenshots/NAME.png. */
        public Path screenshot(String name) {
            Path file = SCREENSHOTS.resolve(name + ".png");
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
            return file;
        }

        @Override
        public void close() {
            context.close();
        }
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
