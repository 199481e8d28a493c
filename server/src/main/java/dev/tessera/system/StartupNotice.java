package dev.tessera.system;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * The first lines of the log after the banner: where the console and the data plane listen, where
 * the data lives, and where the first admin's password is, each with the setting that changes it.
 * Runs when the context is initialised, before anything else logs (registered in
 * {@code META-INF/spring.factories}, not a bean). Prints no secret and no database credentials.
 */
class StartupNotice implements ApplicationListener<ApplicationContextInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger("dev.tessera.Tessera");

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        if (env.getProperty("tessera.data-dir") == null) {
            return;
        }
        Path dataDir = Path.of(env.getProperty("tessera.data-dir")).toAbsolutePath().normalize();
        String url = env.getProperty("spring.datasource.url", "");
        log.info("Console and management API: {} (SERVER_PORT)", address(env.getProperty("server.port", "8080"),
                "http://localhost:", "/"));
        int dataPlanePort = Integer.parseInt(env.getProperty("tessera.data-plane-port", "8081"));
        log.info("Data plane: {} (TESSERA_DATA_PLANE_PORT)", dataPlanePort < 0 ? "off"
                : address(Integer.toString(dataPlanePort), "http://" + env.getProperty("tessera.data-plane-address", "0.0.0.0") + ":", "/v1/"));
        log.info("Data: {} (TESSERA_DATA_DIR, SPRING_DATASOURCE_URL)", url.startsWith("jdbc:h2:")
                ? "embedded H2 database in " + dataDir
                : url.replaceFirst("[?;].*$", "").replaceFirst("//[^/@]*@", "//") + ", secrets in " + dataDir);
        String email = env.getProperty("tessera.admin-email", "");
        if (!env.getProperty("tessera.admin-password", "").isBlank()) {
            log.info("First sign-in (on an empty database): {} with TESSERA_ADMIN_PASSWORD",
                    email.isBlank() ? "admin@localhost" : email);
        } else {
            log.info("First sign-in (on an empty database): {}, password in {}", email.isBlank() ? "admin@localhost" : email,
                    dataDir.resolve(SecretFiles.ofDatabase("initial-admin-password", url)));
        }
    }

    private static String address(String port, String prefix, String suffix) {
        return "0".equals(port) ? "a random port" : prefix + port + suffix;
    }
}
