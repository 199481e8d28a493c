package dev.tessera.token;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The HMAC-SHA256 of a developer token under the server pepper: 32 bytes, held as four longs so
 * that an index entry carries no array. {@link #equals} compares all bytes in constant time.
 */
public record TokenDigest(long w0, long w1, long w2, long w3) {

    /** Number of bytes in a digest. */
    public static final int BYTES = 32;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Reads a digest from {@code bytes[offset .. offset+32)}; allocates only the digest. */
    public static TokenDigest of(byte[] bytes, int offset) {
        return new TokenDigest((long) LONGS.get(bytes, offset), (long) LONGS.get(bytes, offset + 8),
                (long) LONGS.get(bytes, offset + 16), (long) LONGS.get(bytes, offset + 24));
    }

    public static TokenDigest of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("A token digest has 32 bytes");
        }
        return of(bytes, 0);
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(w0).putLong(w1).putLong(w2).putLong(w3).array();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TokenDigest that)) {
            return false;
        }
        // No early exit: the time taken does not depend on where the digests differ.
        return ((w0 ^ that.w0) | (w1 ^ that.w1) | (w2 ^ that.w2) | (w3 ^ that.w3)) == 0;
    }

    @Override
    public int hashCode() {
        // The bytes of an HMAC are uniformly distributed: any 32 of them make a good hash.
        return (int) w0;
    }

    @Override
    public String toString() {
        return "TokenDigest[…]";
    }
}
