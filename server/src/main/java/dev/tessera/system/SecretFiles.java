package dev.tessera.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** Reads and writes small secrets in the data directory, readable by the owner only (mode 600). */
public final class SecretFiles {

    private SecretFiles() {}

    /** The file's content, stripped, or empty when the file does not exist. */
    public static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Creates the file with mode 600 from the start (never world-readable, not even for a moment) and
     * writes the secret followed by a newline.
     *
     * @throws UncheckedIOException when the file already exists or cannot be written
     */
    public static void create(Path file, String secret) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("Will not overwrite " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * The name of a database's secret file: {@code name} itself for the embedded H2 (or no URL), and
     * {@code name-<where>} for any other database, e.g. {@code initial-admin-password-postgresql-db-5432-tessera},
     * so a Tessera switched to PostgreSQL never overwrites the secrets of the H2 install (issue 14).
     * Credentials and parameters of the URL are left out.
     */
    public static String ofDatabase(String name, String databaseUrl) {
        if (databaseUrl == null || databaseUrl.isEmpty() || databaseUrl.startsWith("jdbc:h2:")) {
            return name;
        }
        String where = databaseUrl.replaceFirst("^jdbc:", "").replaceFirst("[?;].*$", "").replaceFirst("//[^/@]*@", "//")
                .replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("^-|-$", "");
        return name + "-" + (where.length() > 80 ? where.substring(0, 80) : where);
    }
}
