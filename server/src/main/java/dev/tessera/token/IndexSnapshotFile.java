package dev.tessera.token;

import dev.tessera.access.AccessLevel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The file of a saved token index (issue 18): every account's active token as this node's index
 * held it, with the change-feed sequence it is current as of. Big-endian:
 *
 * <pre>
 * header  "TSRIDX01", fingerprint, sequence, that change's commit instant (epoch µs)   4 × 8 bytes
 * records account (8), digest's first 16 bytes (16), version (4), level (1), expiry ms (8)   37 bytes each
 * trailer record count (8), CRC-32C of the header and records (8), "TSRIDXND" (8)
 * </pre>
 *
 * A digest is an HMAC of the token under the pepper, never the token; the file is written with
 * mode 600 under a temporary name, flushed to disk, then renamed over the previous one, so a reader
 * sees a whole file or none. {@link #read} checks the frame and the checksum before handing out any
 * record.
 */
final class IndexSnapshotFile {

    static final String NAME = "token-index.snapshot";
    private static final long MAGIC = 0x5453524944583031L; // "TSRIDX01"
    private static final long END = 0x5453524944584E44L; // "TSRIDXND"
    private static final int HEADER = 32;
    private static final int RECORD = 37;
    private static final int TRAILER = 24;
    private static final int BUFFER = 1 << 20;
    private static final AccessLevel[] LEVELS = AccessLevel.values();

    /** What a file says about itself: whose pepper and settings, and as of which change. */
    record Header(long fingerprint, long sequence, long committedAtMicros) {}

    /** A file that cannot be used: cut short, altered, or of another format. */
    static final class Unusable extends IOException {
        Unusable(String message) {
            super(message);
        }
    }

    private IndexSnapshotFile() {}

    /** Writes the tokens {@code source} visits to {@code file}, replacing it whole; returns how many. */
    static long write(Path file, Header header, ActiveTokens source) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            Writer writer = new Writer(channel);
            writer.buffer.putLong(MAGIC).putLong(header.fingerprint()).putLong(header.sequence())
                    .putLong(header.committedAtMicros());
            source.forEachActive(writer);
            writer.finish();
            channel.force(true);
            move(temporary, file);
            return writer.records;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Reads a file's header, after checking its frame and checksum; the records follow with {@link #read}. */
    static Checked check(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER + TRAILER) {
                throw new Unusable("it is cut short (" + size + " bytes)");
            }
            ByteBuffer head = read(channel, 0, HEADER);
            ByteBuffer tail = read(channel, size - TRAILER, TRAILER);
            long count = tail.getLong();
            long crc = tail.getLong();
            if (head.getLong(0) != MAGIC || tail.getLong() != END) {
                throw new Unusable("it is not a token index snapshot of this version");
            }
            if (count < 0 || count > Integer.MAX_VALUE || size != HEADER + count * RECORD + TRAILER) {
                throw new Unusable("its length does not match its " + count + " records");
            }
            CRC32C checksum = new CRC32C();
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
            channel.position(0);
            for (long left = size - TRAILER; left > 0; ) {
                buffer.clear().limit((int) Math.min(BUFFER, left));
                int read = channel.read(buffer);
                if (read < 0) {
                    throw new Unusable("it ended early");
                }
                left -= read;
                checksum.update(buffer.flip());
            }
            if (checksum.getValue() != crc) {
                throw new Unusable("its checksum does not match its content");
            }
            return new Checked(new Header(head.getLong(8), head.getLong(16), head.getLong(24)), (int) count);
        }
    }

    /** A file whose frame and checksum were checked: its header and how many records it holds. */
    record Checked(Header header, int count) {}

    /** Hands each record of a checked file to {@code target}, in file order. */
    static void read(Path file, ActiveTokens.ActiveVisitor target) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = channel.size() - TRAILER;
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER - BUFFER % RECORD);
            channel.position(HEADER);
            for (long left = end - HEADER; left > 0; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer) < 0) {
                        throw new Unusable("it ended early");
                    }
                }
                left -= buffer.position();
                buffer.flip();
                while (buffer.remaining() >= RECORD) {
                    long account = buffer.getLong();
                    long d0 = buffer.getLong();
                    long d1 = buffer.getLong();
                    int version = buffer.getInt();
                    int level = buffer.get();
                    long endsAt = buffer.getLong();
                    if (level < 0 || level >= LEVELS.length) {
                        throw new Unusable("a record names no access level");
                    }
                    target.visit(account, LEVELS[level], version, d0, d1, endsAt);
                }
            }
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new Unusable("it ended early");
            }
        }
        return buffer.flip();
    }

    /** Buffers records and the checksum on their way to the channel. */
    private static final class Writer implements ActiveTokens.ActiveVisitor {

        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        private final CRC32C checksum = new CRC32C();
        private long records;
        private IOException failure;

        Writer(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void visit(long account, AccessLevel level, long version, long d0, long d1, long endsAtMillis) {
            if (failure != null) {
                return;
            }
            if (buffer.remaining() < RECORD) {
                flush();
            }
            buffer.putLong(account).putLong(d0).putLong(d1).putInt((int) version).put((byte) level.ordinal())
                    .putLong(endsAtMillis);
            records++;
        }

        private void flush() {
            buffer.flip();
            checksum.update(buffer.duplicate());
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                failure = e;
            }
            buffer.clear();
        }

        void finish() throws IOException {
            flush();
            if (failure != null) {
                throw failure;
            }
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER).putLong(records).putLong(checksum.getValue()).putLong(END)
                    .flip();
            while (trailer.hasRemaining()) {
                channel.write(trailer);
            }
        }
    }
}
