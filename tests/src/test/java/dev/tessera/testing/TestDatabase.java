package dev.tessera.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fresh database for one test class, and the properties that point Tessera at it. Several starts
 * of Tessera on the same {@code TestDatabase} see the same data (a restart).
 */
public record TestDatabase(Storage storage, Path dataDir, Map<String, String> properties) {

    public static TestDatabase fresh(Storage storage) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("tessera-" + storage.name().toLowerCase() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("tessera.data-dir", dataDir.toString());
        if (storage == Storage.POSTGRES) {
            byte[] pepper = new byte[32];
            new SecureRandom().nextBytes(pepper);
            properties.put("spring.datasource.url", EmbeddedPostgresServer.newDatabase());
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "postgres");
            properties.put("tessera.token-pepper", Base64.getEncoder().encodeToString(pepper));
        }
        // H2: the application's own URL under the data directory, with its durability settings.
        return new TestDatabase(storage, dataDir, Map.copyOf(properties));
    }
}
