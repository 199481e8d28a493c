package dev.tessera.verify;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids for data-plane errors: 22 characters of base64url, like Google Ads request ids. */
public final class RequestIds {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private RequestIds() {}

    /** A new id. Unique enough to find a request in logs; not a secret. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[22];
        long bits = random.nextLong();
        for (int i = 0; i < id.length; i++) {
            if (i == 10) {
                bits = random.nextLong();
            }
            id[i] = ALPHABET[(int) (bits & 63)];
            bits >>>= 6;
        }
        return new String(id);
    }
}
