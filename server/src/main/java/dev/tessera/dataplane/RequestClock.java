package dev.tessera.dataplane;

/**
 * The time limits of one data-plane connection (issue 12): a request must arrive whole within the
 * request timeout of its first bytes, and a connection with no request in progress closes after a
 * number of reader-idle events (one per request timeout without a byte). Reads
 * {@link System#nanoTime} only while a request is incomplete. Not shared.
 */
final class RequestClock {

    /** What an idle event means for the connection. */
    enum Idle { NOTHING, TIMED_OUT, CLOSE }

    private final long requestTimeoutNanos;
    private final int idleEventsToClose;
    /** When the request being read began to arrive, 0 between requests. */
    private long requestStarted;
    private int idleEvents;

    RequestClock(long requestTimeoutNanos, int idleEventsToClose) {
        this.requestTimeoutNanos = requestTimeoutNanos;
        this.idleEventsToClose = idleEventsToClose;
    }

    /** Bytes arrived. */
    void read() {
        idleEvents = 0;
    }

    /** A request was read whole. */
    void requestDone() {
        requestStarted = 0;
    }

    /** After a read that left a request incomplete: whether it has taken longer than the request timeout. */
    boolean incompleteTooLong() {
        long now = System.nanoTime();
        if (requestStarted == 0) {
            requestStarted = now;
            return false;
        }
        return now - requestStarted > requestTimeoutNanos;
    }

    /** A request timeout passed without a byte. */
    Idle idle(boolean requestInProgress) {
        if (requestInProgress) {
            return Idle.TIMED_OUT;
        }
        return ++idleEvents >= idleEventsToClose ? Idle.CLOSE : Idle.NOTHING;
    }
}
