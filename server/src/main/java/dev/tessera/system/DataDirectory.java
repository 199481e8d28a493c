package dev.tessera.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Keeps the data directory its owner's alone (issue 12): created mode 700 before any bean writes into
 * it; the embedded H2 database file created empty with mode 600 before H2 opens it (H2 would create
 * it with the process umask, typically 644); and once the application is ready, every file directly
 * in the directory (the database, the pepper, the first admin's password) set to 600. An existing
 * directory keeps the mode its owner gave it. Does nothing on a file system without POSIX modes. On H2 the directory is then locked for this process
 * ({@link DataDirectoryLock}), before H2 opens its file.
 */
@Configuration(proxyBeanMethods = false)
class DataDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String H2_FILE = "jdbc:h2:file:";

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
            createH2File(environment.getProperty("spring.datasource.url"));
        };
    }

    @Bean
    static ApplicationListener<ApplicationReadyEvent> ownerOnlyDataFiles(Environment environment) {
        return event -> restrictFiles(Path.of(environment.getRequiredProperty("tessera.data-dir")));
    }

    static void create(Path directory) {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Path absolute = directory.toAbsolutePath();
            if (posix(absolute)) {
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

    /** Creates an H2 file URL's {@code .mv.db} file, empty and mode 600, when it does not exist yet. */
    static void createH2File(String url) {
        if (url == null || !url.startsWith(H2_FILE)) {
            return;
        }
        int end = url.indexOf(';');
        Path file = Path.of(url.substring(H2_FILE.length(), end < 0 ? url.length() : end) + ".mv.db").toAbsolutePath();
        if (Files.exists(file) || !Files.isDirectory(file.getParent()) || !posix(file.getParent())) {
            return;
        }
        try {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            Files.createFile(file, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database file " + file, e);
        }
    }

    static void restrictFiles(Path directory) {
        if (!Files.isDirectory(directory) || !posix(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restrict the files of " + directory + " to their owner", e);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
