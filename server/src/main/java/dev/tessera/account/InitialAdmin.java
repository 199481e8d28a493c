package dev.tessera.account;

import dev.tessera.system.SecretFiles;
import dev.tessera.system.TesseraProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On the first start (no user yet), creates the platform OPERATOR from {@code TESSERA_ADMIN_EMAIL}
 * and {@code TESSERA_ADMIN_PASSWORD}; without them, {@code admin@localhost} with a generated
 * password written to {@code <data dir>/initial-admin-password} (mode 600; one file per database,
 * see {@link SecretFiles#ofDatabase}). Only that file's path is logged. Runs before the server accepts requests.
 * A generated password must be changed at the first console sign-in; once it is, the file is deleted
 * (issue 14). A password given in {@code TESSERA_ADMIN_PASSWORD} was chosen by its operator and need not be.
 */
@Component
class InitialAdmin implements SmartInitializingSingleton {

    static final String DEFAULT_EMAIL = "admin@localhost";
    static final String PASSWORD_FILE = "initial-admin-password";

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private final UserAccounts users;
    private final TesseraProperties properties;
    private final String databaseUrl;

    InitialAdmin(UserAccounts users, TesseraProperties properties, Environment environment) {
        this.users = users;
        this.properties = properties;
        this.databaseUrl = environment.getProperty("spring.datasource.url", "");
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!users.isEmpty()) {
            return;
        }
        String email = properties.adminEmail() != null ? properties.adminEmail() : DEFAULT_EMAIL;
        if (properties.adminPassword() != null) {
            users.create(email, properties.adminPassword(), true);
            log.info("Created the first user, operator {}, with the password from TESSERA_ADMIN_PASSWORD", email);
            return;
        }
        String password = generatePassword();
        Path file = passwordFile();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace " + file, e);
        }
        SecretFiles.create(file, password);
        users.requirePasswordChange(users.create(email, password, true));
        log.info("Created the first user, operator {}; its password is in {}", email, file.toAbsolutePath());
    }

    /** Deletes the generated password's file once that password was replaced: it no longer signs anyone in. */
    void retirePasswordFile() {
        Path file = passwordFile();
        try {
            if (Files.deleteIfExists(file)) {
                log.info("The first admin replaced the generated password; deleted {}", file.toAbsolutePath());
            }
        } catch (IOException e) {
            log.warn("The first admin replaced the generated password, but {} could not be deleted ({}); delete it",
                    file.toAbsolutePath(), e.getMessage());
        }
    }

    private Path passwordFile() {
        return properties.dataDir().resolve(SecretFiles.ofDatabase(PASSWORD_FILE, databaseUrl));
    }

    private static String generatePassword() {
        byte[] bits = new byte[18];
        new SecureRandom().nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }
}
