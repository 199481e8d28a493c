package dev.tessera.leaks;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The public revocation endpoint's limit: per client address, a bucket of {@code n} calls that
 * refills at {@code n} a minute, on this node. Kept in memory on purpose: counting in the database
 * would turn every anonymous call into a write that any client can make, the very load the limit is
 * there to keep off; across a cluster a client gets {@code n} per node, a bound that grows with the
 * nodes but stays a bound. At most {@link #MAX_ADDRESSES} addresses are tracked: past that, full
 * buckets are dropped, and if none is, all are (a client that spreads over that many addresses is not
 * slowed by a per-address limit anyway). Thread-safe.
 */
@Component
class AddressRateLimit {

    static final int MAX_ADDRESSES = 100_000;

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    AddressRateLimit(SecretScanningProperties properties, Clock clock) {
        this.perMinute = properties.revocationsPerMinute();
        this.clock = clock;
    }

    /** Takes one call from the address's bucket: 0 when allowed, else the seconds until one is back. */
    long tryAcquire(String address) {
        long now = clock.millis();
        if (buckets.size() >= MAX_ADDRESSES && !buckets.containsKey(address)) {
            buckets.values().removeIf(bucket -> bucket.full(now));
            if (buckets.size() >= MAX_ADDRESSES) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(address, key -> new Bucket(perMinute, now)).take(now);
    }

    private final class Bucket {
        private double calls;
        private long at;

        Bucket(double calls, long at) {
            this.calls = calls;
            this.at = at;
        }

        synchronized long take(long now) {
            refill(now);
            if (calls >= 1) {
                calls -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - calls) * 60.0 / perMinute));
        }

        synchronized boolean full(long now) {
            refill(now);
            return calls >= perMinute;
        }

        private void refill(long now) {
            if (now > at) {
                calls = Math.min(perMinute, calls + (now - at) * perMinute / 60_000.0);
                at = now;
            }
        }
    }
}
