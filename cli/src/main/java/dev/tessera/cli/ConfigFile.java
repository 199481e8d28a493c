package dev.tessera.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The config file: {@code url}, {@code api-key} and {@code data-plane-url} as {@code name=value} lines.
 * It holds a key, so like ssh's keys it must be readable by its owner only: a file that others may read
 * is refused (not read), and {@link #write} creates it mode 600 in a mode 700 folder, replacing the old
 * one atomically so no reader ever sees half a file.
 */
final class ConfigFile {

    static final String URL = "url";
    static final String API_KEY = "api-key";
    static final String DATA_PLANE_URL = "data-plane-url";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private ConfigFile() {}

    /** {@code --config}, else {@code $TESSERA_CONFIG}, else {@code $XDG_CONFIG_HOME/tessera/config}, else {@code ~/.config/tessera/config}. */
    static Path location(Io io, Path option) {
        if (option != null) {
            return option;
        }
        String explicit = io.variable("TESSERA_CONFIG");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String xdg = io.variable("XDG_CONFIG_HOME");
        Path base = xdg != null ? Path.of(xdg) : io.home().resolve(".config");
        return base.resolve("tessera").resolve("config");
    }

    /** The file's entries; empty when it does not exist. Refuses a file that others may read or write. */
    static Map<String, String> read(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        if (posix()) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new CliException(ExitCode.USAGE, "the config file " + file + " holds an API key but other users may read it (mode "
                            + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file);
                }
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "cannot read the config file " + file + ": " + e.getMessage());
            }
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "cannot read the config file " + file + ": " + e.getMessage());
        }
        Map<String, String> entries = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> entries.put(name, properties.getProperty(name).strip()));
        return entries;
    }

    /** Writes the entries (mode 600, folder 700) in place of the file's old content, atomically. */
    static void write(Path file, Map<String, String> entries) {
        Path folder = file.toAbsolutePath().getParent();
        StringBuilder text = new StringBuilder("# Written by `tessera login`. Holds an API key: keep it mode 600.\n");
        entries.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        try {
            if (posix()) {
                if (!Files.isDirectory(folder)) {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                Path temporary = Files.createTempFile(folder, ".config", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(temporary, text, StandardCharsets.UTF_8);
                    try {
                        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(temporary);
                }
            } else {
                Files.createDirectories(folder);
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot write the config file " + file + ": " + e.getMessage());
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
