package dev.tessera.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Creates the data directory, readable by its owner only (mode 700), before any bean — the
 * embedded database first of all — writes into it. The database file, the pepper and the first
 * admin's password live there. An existing directory is left as its owner set it. On H2 the
 * directory is then locked for this process ({@link DataDirectoryLock}).
 */
@Configuration(proxyBeanMethods = false)
class DataDirectory {

    @Bean
    static BeanFactoryPostProcessor dataDirectoryCreator(Environment environment) {
        return beanFactory -> {
            Path directory = Path.of(environment.getRequiredProperty("tessera.data-dir"));
            create(directory);
            if (environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:file:")
                    && beanFactory instanceof DefaultListableBeanFactory registry) {
                DataDirectoryLock lock = DataDirectoryLock.acquire(directory);
                registry.registerSingleton("dataDirectoryLock", lock);
                registry.registerDisposableBean("dataDirectoryLock", lock);
            }
        };
    }

    static void create(Path directory) {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Path absolute = directory.toAbsolutePath();
            if (absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(absolute,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(absolute);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory.toAbsolutePath()
                    + " (TESSERA_DATA_DIR)", e);
        }
    }
}
