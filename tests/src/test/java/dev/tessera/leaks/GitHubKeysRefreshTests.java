package dev.tessera.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tessera.testing.Api;
import dev.tessera.testing.GitHubSigner;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * GitHub's keys fetched from a URL (issue 15): the key file is made at start from the URL when missing,
 * and a key GitHub rotates in is trusted after the next refresh, without a restart, while the key it
 * dropped is not. GitHub's key endpoint is played by a local HTTP server.
 */
class GitHubKeysRefreshTests {

    @Test
    void keysFetchedFromTheUrlAtStartAndAfterARotationVerifyReports() throws IOException {
        GitHubSigner first = new GitHubSigner("key-1");
        GitHubSigner second = new GitHubSigner("key-2");
        Path dir = Files.createTempDirectory("github-keys-url");
        AtomicReference<String> document = new AtomicReference<>(Files.readString(
                GitHubSigner.writeKeys(dir.resolve("served.json"), first)));
        HttpServer github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        github.createContext("/meta/public_keys/secret_scanning", exchange -> {
            byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        github.start();
        Path keys = dir.resolve("keys.json");
        String url = "http://127.0.0.1:" + github.getAddress().getPort() + "/meta/public_keys/secret_scanning";
        try (RunningTessera tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2),
                "tessera.secret-scanning.github-keys=" + keys, "tessera.secret-scanning.github-keys-url=" + url,
                "tessera.secret-scanning.github-keys-refresh=200ms")) {
            String report = GitHubSigner.report("AAAAAAAAAAAAAAAAAAAAAA", "https://github.com/acme/app");
            assertThat(Files.exists(keys)).as("fetched at start").isTrue();
            assertThat(first.post(tessera.api(), report).status()).isEqualTo(200);
            assertThat(second.post(tessera.api(), report).status()).isEqualTo(401);

            document.set(Files.readString(GitHubSigner.writeKeys(dir.resolve("served.json"), second)));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            Api.Reply rotated = second.post(tessera.api(), report);
            while (rotated.status() != 200 && Instant.now().isBefore(deadline)) {
                sleep();
                rotated = second.post(tessera.api(), report);
            }
            assertThat(rotated.status()).as("the rotated-in key, within 30 s: %s", rotated).isEqualTo(200);
            assertThat(first.post(tessera.api(), report).status()).as("the dropped key").isEqualTo(401);
        } finally {
            github.stop(0);
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
