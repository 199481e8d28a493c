package dev.tessera.leaks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches GitHub's {@code public_keys} document from the configured URL and, when it holds usable
 * keys, puts it in place of the key file in one atomic move (so {@link GitHubKeys}, which re-reads the
 * file when it changes, never sees half a file). At most 256 KiB, 10 s.
 */
final class KeysDownload {

    private static final int MAX_BYTES = 256 * 1024;

    private final URI url;
    private final Path file;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    KeysDownload(URI url, Path file, JsonMapper json) {
        this.url = url;
        this.file = file;
        this.json = json;
    }

    /** Fetches and installs the document; returns how many keys it holds. @throws IOException when it cannot */
    int fetch() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").header("User-Agent", "Tessera").GET().build();
        String document;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (response.statusCode() != 200 || bytes.length > MAX_BYTES) {
                    throw new IOException(url + " answered " + response.statusCode() + " with " + bytes.length + " bytes");
                }
                document = new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        }
        int keys;
        try {
            keys = GitHubKeys.parse(json, document).size();
        } catch (IllegalArgumentException e) {
            throw new IOException(url + " did not send usable keys: " + e.getMessage());
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".github-keys", ".json");
        try {
            Files.writeString(temporary, document);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return keys;
    }
}
