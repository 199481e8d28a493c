package dev.tessera.dataplane;

import io.netty.buffer.ByteBuf;

/**
 * A header value of the request being read, copied from the connection's buffer into an array this
 * object keeps, so reading the next request reuses it: the data plane reads the few headers it needs
 * without a {@link String} per header. Bytes are read as ISO-8859-1 characters (the decoder lets
 * only visible ASCII, space, tab and obs-text through). Not shared: one per connection and header.
 */
final class AsciiValue implements CharSequence {

    private byte[] bytes;
    private int length;
    private boolean present;

    AsciiValue() {
        this.bytes = new byte[64];
    }

    /** Forgets the value of the previous request. */
    void clear() {
        present = false;
        length = 0;
    }

    boolean present() {
        return present;
    }

    /** This value, or null when the request did not send it: what the decision takes. */
    CharSequence orNull() {
        return present ? this : null;
    }

    /**
     * Takes {@code buf[from, to)}. The array grows (once per connection) for a value longer than any
     * before; the decoder bounds the whole head, so this does too.
     */
    void set(ByteBuf buf, int from, int to) {
        int count = to - from;
        if (count > bytes.length) {
            bytes = new byte[Math.max(count, bytes.length * 2)];
        }
        buf.getBytes(from, bytes, 0, count);
        length = count;
        present = true;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (bytes[index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
