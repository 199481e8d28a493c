package dev.tessera.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WindowTableTests {

    @Test
    void eachKeyHasOneWindowAcrossGrowth() {
        WindowTable table = new WindowTable();
        UsageWindow first = table.get(2_000_000_001L << 1);
        for (long account = 1_000_000_000L; account < 1_000_010_000L; account++) {
            table.get(account << 1 | 1);
        }
        assertThat(table.get(2_000_000_001L << 1)).isSameAs(first);
        assertThat(table.peek(1_000_000_000L << 1 | 1).key).isEqualTo(1_000_000_000L << 1 | 1);
        assertThat(table.peek(1_000_000_000L << 1)).isNull();
        Set<Long> keys = new HashSet<>();
        table.forEach(window -> keys.add(window.key));
        assertThat(keys).hasSize(10_001);
    }

    @Test
    void readersRacingInsertsAndGrowthAlwaysGetTheKeysOneWindow() throws Exception {
        WindowTable table = new WindowTable();
        int keysPerThread = 20_000;
        ConcurrentHashMap<Long, UsageWindow> seen = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] work = new Future<?>[4];
            for (int t = 0; t < 4; t++) {
                // Threads 0 and 1 insert disjoint keys; 2 and 3 read the same keys (creating them if first).
                long first = (t % 2) * keysPerThread;
                work[t] = threads.submit(() -> {
                    start.await();
                    for (long key = first; key < first + keysPerThread; key++) {
                        UsageWindow window = table.get(key);
                        UsageWindow earlier = seen.putIfAbsent(key, window);
                        if (earlier != null && earlier != window) {
                            throw new AssertionError("two windows for key " + key);
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        Set<Long> keys = new HashSet<>();
        table.forEach(window -> keys.add(window.key));
        assertThat(keys).hasSize(2 * keysPerThread);
        for (long key = 0; key < 2 * keysPerThread; key++) {
            assertThat(table.peek(key)).isSameAs(seen.get(key));
        }
    }

    @Test
    void countsPendingPerMinuteAndSlidesOut() {
        UsageWindow window = new UsageWindow(1);
        assertThat(window.tryAcquire(10, 15, 100, 100 * 60_000L, null)).isZero();
        assertThat(window.tryAcquire(5, 15, 101, 101 * 60_000L, null)).isZero();
        assertThat(window.tryAcquire(1, 15, 101, 101 * 60_000L, null)).as("retry once minute 100 slides out")
                .isEqualTo((100 + UsageWindow.MINUTES) * 60L - 101 * 60L);
        var pending = window.drain();
        assertThat(pending.get(100L)[UsageWindow.ACCEPTED_OPERATIONS]).isEqualTo(10);
        assertThat(pending.get(101L)[UsageWindow.ACCEPTED_OPERATIONS]).isEqualTo(5);
        assertThat(pending.get(101L)[2 + CountedRefusal.QUOTA.ordinal()]).isEqualTo(1);
        assertThat(window.used(100 + UsageWindow.MINUTES)).isEqualTo(5);
        assertThat(window.used(101 + UsageWindow.MINUTES)).isZero();
    }
}
