package dev.tessera.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.beans.factory.DisposableBean;

/**
 * Holds {@code <data dir>/tessera.lock} while Tessera runs on the embedded H2 database, so a second
 * Tessera on the same directory stops at once with a message naming {@code TESSERA_DATA_DIR}, before
 * H2 is opened (H2 would refuse with "Database may be already in use" and leave a trace file). The
 * operating system drops the lock when the process ends, even by kill -9. A second start inside the
 * same JVM (tests restarting Tessera) shares H2 there and is let through without the lock.
 */
final class DataDirectoryLock implements DisposableBean {

    static final String FILE = "tessera.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws StartupRefusal when another process holds the directory */
    static DataDirectoryLock acquire(Path directory) {
        Path file = directory.resolve(FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new StartupRefusal("The data directory " + directory.toAbsolutePath() + " is in use by another"
                        + " Tessera" + (holder.isEmpty() ? "" : " (process " + holder + ")") + "; its embedded H2"
                        + " database can be open in one process only.",
                        "Stop the other Tessera, or start this one on its own data directory: set TESSERA_DATA_DIR"
                                + " (for example TESSERA_DATA_DIR=./data-2).");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new DataDirectoryLock(channel, lock);
        } catch (OverlappingFileLockException sameJvm) {
            close(channel);
            return new DataDirectoryLock(null, null);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("Cannot lock " + file + " (TESSERA_DATA_DIR)", e);
        }
    }

    @Override
    public void destroy() throws IOException {
        if (lock != null) {
            lock.release();
            channel.close();
        }
    }

    private static void close(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing after a failed lock: nothing to keep
        }
    }
}
