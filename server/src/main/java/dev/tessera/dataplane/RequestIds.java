package dev.tessera.dataplane;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids for data-plane errors: 22 characters of base64url, like Google Ads request ids. */
public final class RequestIds {

    /** Characters in an id. */
    public static final int LENGTH = 22;

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);

    private RequestIds() {}

    /** A new id. Unique enough to find a request in logs; not a secret. */
    public static String next() {
        byte[] id = new byte[LENGTH];
        fill(id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    /** Writes a new id, as ASCII, into the first {@link #LENGTH} bytes of {@code id}. */
    static void fill(byte[] id) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long bits = random.nextLong();
        for (int i = 0; i < LENGTH; i++) {
            if (i == 10) {
                bits = random.nextLong();
            }
            id[i] = ALPHABET[(int) (bits & 63)];
            bits >>>= 6;
        }
    }
}
