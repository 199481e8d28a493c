package dev.tessera.token;

import dev.tessera.access.AccessLevel;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every active token as PostgreSQL writes it with a binary {@code COPY ... TO STDOUT}, read as it
 * streams in and handed to an {@link ActiveTokens.ActiveVisitor} with no object per row (issue 18: ten
 * million at a node's first start). Two statements, which the caller runs in one repeatable-read
 * transaction, so one snapshot: every account's level ({@link #LEVELS_SQL}, into {@link AccountLevels}),
 * then every active token ({@link #TOKENS_SQL}), each given its account's level here. The join is done
 * here and not by the database because there it cost more than both scans together: 842 against 356 ms
 * at a million rows, with the hash of the lineages spilling to disk at the default {@code work_mem},
 * and 820 ms without spilling (benchmarks/RESULTS.md). The database's backend encodes the rows on one
 * core while this reader decodes them on another.
 *
 * <p>The format (PostgreSQL's "Binary Format" of COPY): an 11-byte signature, a flags word, a header
 * extension; then per row a 16-bit field count and, per field, a 32-bit length (-1: NULL) and the
 * value in network order; a field count of -1 ends it. A {@code timestamptz} is microseconds since
 * 2000-01-01 UTC. Anything else in the stream is refused with the reason, before a wrong row could be
 * handed on.
 */
final class ActiveTokenCopy {

    private static final Logger log = LoggerFactory.getLogger(ActiveTokenCopy.class);

    /** Every account's level: the columns {@link #readLevels} expects. */
    static final String LEVELS_SQL = "COPY (SELECT account_id, access_level FROM token_lineages) TO STDOUT (FORMAT binary)";
    /** account, version, digest, created at, expiry an ADMIN set (or NULL): the columns {@link #readTokens} expects. */
    static final String TOKENS_SQL = """
            COPY (SELECT account_id, version, digest, created_at, expires_at FROM developer_tokens WHERE active)
            TO STDOUT (FORMAT binary)""";

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int LEVEL_FIELDS = 2;
    private static final int TOKEN_FIELDS = 5;
    private static final int OIDS_FLAG = 1 << 16;
    private static final int DIGEST_BYTES = 32;
    /** 2000-01-01T00:00Z, PostgreSQL's epoch, in microseconds since 1970's. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final AccessLevel[] LEVELS = AccessLevel.values();
    private static final byte[][] LEVEL_NAMES = Arrays.stream(LEVELS)
            .map(level -> level.name().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private ActiveTokenCopy() {}

    /** Every account's level from the output of {@link #LEVELS_SQL}, sized for about {@code expected} accounts. */
    static AccountLevels readLevels(InputStream in, int expected) throws IOException {
        Input input = Input.start(in);
        AccountLevels levels = new AccountLevels(expected);
        while (input.row(LEVEL_FIELDS)) {
            levels.put(input.int64Field("account_id"), input.level());
        }
        return levels;
    }

    /**
     * Hands every row of the output of {@link #TOKENS_SQL} to {@code visitor}, at its account's level in
     * {@code levels} and with its expiry as {@code expiry} sets it; returns how many. A token of an account
     * without a lineage, which Tessera never writes, is left out with a warning, as the join of every other
     * path that reads a token with its level leaves it out.
     */
    static long readTokens(InputStream in, AccountLevels levels, TokenExpiryPolicy expiry, ActiveTokens.ActiveVisitor visitor)
            throws IOException {
        Input input = Input.start(in);
        long rows = 0;
        long orphans = 0;
        while (input.row(TOKEN_FIELDS)) {
            long account = input.int64Field("account_id");
            long version = input.int64Field("version");
            input.length(DIGEST_BYTES, "digest");
            long digest0 = input.int64();
            long digest1 = input.int64(); // the index keeps a digest's first 128 bits
            input.skip(DIGEST_BYTES - 16);
            long createdAt = unixMicros(input.int64Field("created_at"));
            int expiresLength = input.int32();
            long setExpiry;
            if (expiresLength == -1) {
                setExpiry = Long.MAX_VALUE;
            } else if (expiresLength == Long.BYTES) {
                setExpiry = unixMicros(input.int64());
            } else {
                throw new IOException("The expires_at field of the database's COPY output has " + expiresLength + " bytes, not 8");
            }
            AccessLevel level = levels.get(account);
            if (level == null) {
                orphans++;
                continue;
            }
            visitor.visit(account, level, version, digest0, digest1, expiry.expiryMillisOfMicros(createdAt, setExpiry));
            rows++;
        }
        if (orphans > 0) {
            log.warn("{} active developer tokens have no token lineage (changed with SQL?) and are not loaded, as on "
                    + "every other path that reads a token with its level", orphans);
        }
        return rows;
    }

    /** PostgreSQL's microseconds since 2000 as microseconds since 1970; its infinities stay the extremes. */
    private static long unixMicros(long postgresMicros) {
        return postgresMicros == Long.MAX_VALUE || postgresMicros == Long.MIN_VALUE ? postgresMicros
                : postgresMicros + POSTGRES_EPOCH_MICROS;
    }

    /** A window over the stream: {@link #require} keeps the bytes a field needs in {@link #buffer}. */
    private static final class Input {

        private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
        private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;

        private Input(InputStream in) {
            this.in = in;
        }

        /** Reads and checks the stream's header. */
        static Input start(InputStream in) throws IOException {
            Input input = new Input(in);
            input.require(SIGNATURE.length + 8);
            if (!Arrays.equals(input.buffer, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                throw new IOException("The database's COPY output does not start with PostgreSQL's binary signature");
            }
            input.position = SIGNATURE.length;
            if ((input.int32() & OIDS_FLAG) != 0) {
                throw new IOException("The database's COPY output carries row OIDs, which this reader does not expect");
            }
            input.skip(input.int32()); // the header extension: none today
            return input;
        }

        /** True at the start of a row of {@code fields} fields, false at the end of the stream. */
        boolean row(int fields) throws IOException {
            short count = int16();
            if (count == -1) {
                return false;
            }
            if (count != fields) {
                throw new IOException("A row of the database's COPY output has " + count + " fields, not " + fields);
            }
            return true;
        }

        /** Makes {@code n} bytes readable from {@link #position}; n is at most the buffer's size. */
        void require(int n) throws IOException {
            if (limit - position >= n) {
                return;
            }
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
            while (limit < n) {
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    throw new EOFException("The database's COPY output ended inside a row");
                }
                limit += read;
            }
        }

        short int16() throws IOException {
            require(Short.BYTES);
            short value = (short) SHORTS.get(buffer, position);
            position += Short.BYTES;
            return value;
        }

        int int32() throws IOException {
            require(Integer.BYTES);
            int value = (int) INTS.get(buffer, position);
            position += Integer.BYTES;
            return value;
        }

        long int64() throws IOException {
            require(Long.BYTES);
            long value = (long) LONGS.get(buffer, position);
            position += Long.BYTES;
            return value;
        }

        /** A field's length word, which must say {@code expected} bytes (so not NULL). */
        void length(int expected, String column) throws IOException {
            int length = int32();
            if (length != expected) {
                throw new IOException("The " + column + " field of the database's COPY output has "
                        + (length == -1 ? "no value" : length + " bytes") + ", not " + expected);
            }
        }

        long int64Field(String column) throws IOException {
            length(Long.BYTES, column);
            return int64();
        }

        AccessLevel level() throws IOException {
            int length = int32();
            if (length >= 0 && length <= 64) {
                require(length);
                for (int i = 0; i < LEVELS.length; i++) {
                    byte[] name = LEVEL_NAMES[i];
                    if (Arrays.equals(buffer, position, position + length, name, 0, name.length)) {
                        position += length;
                        return LEVELS[i];
                    }
                }
            }
            throw new IOException("The access_level field of the database's COPY output is not one of "
                    + Arrays.toString(LEVELS) + " (" + length + " bytes)");
        }

        void skip(int n) throws IOException {
            if (n < 0) {
                throw new IOException("The database's COPY output has a negative length where a length was expected");
            }
            while (n > 0) {
                int step = Math.min(n, buffer.length);
                require(step);
                position += step;
                n -= step;
            }
        }
    }
}
