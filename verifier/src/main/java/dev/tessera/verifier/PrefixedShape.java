package dev.tessera.verifier;

/**
 * The shape of Tessera's scannable tokens ({@code TESSERA_TOKEN_FORMAT=prefixed}), as the server
 * checks it: a prefix of a lower-case letter, one to nine lower-case letters or digits and {@code _};
 * 30 base62 characters; and the CRC32 of everything before them in 6 base62 characters. A copy of
 * the server's rule (the library depends on no server code); {@code VerifierParityTests} holds the
 * two equal. Allocates nothing.
 */
final class PrefixedShape {

    private static final int RANDOM = 30;
    private static final int BODY = RANDOM + 6;
    static final int MIN_LENGTH = 3 + BODY;
    static final int MAX_LENGTH = 11 + BODY;
    private static final byte[] VALUE = new byte[128];
    private static final int[] CRC = new int[256];

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        String base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < base62.length(); i++) {
            VALUE[base62.charAt(i)] = (byte) i;
        }
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            CRC[n] = c;
        }
    }

    private PrefixedShape() {}

    static boolean isWellFormed(CharSequence text) {
        int length = text.length();
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return false;
        }
        int body = length - BODY;
        char first = text.charAt(0);
        if (text.charAt(body - 1) != '_' || first < 'a' || first > 'z') {
            return false;
        }
        for (int i = 1; i < body - 1; i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        for (int i = body; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 128 || VALUE[c] < 0) {
                return false;
            }
        }
        long checksum = 0;
        for (int i = body + RANDOM; i < length; i++) {
            checksum = checksum * 62 + VALUE[text.charAt(i)];
        }
        int crc = 0xFFFFFFFF;
        for (int i = 0; i < body + RANDOM; i++) {
            crc = CRC[(crc ^ text.charAt(i)) & 0xff] ^ (crc >>> 8);
        }
        return checksum == (~crc & 0xffffffffL);
    }
}
