package dev.tessera.bench;

import dev.tessera.access.AccessLevel;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import dev.tessera.token.TokenDigest;
import dev.tessera.token.TokenHasher;
import dev.tessera.verify.TokenIndex;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jol.info.GraphLayout;

/**
 * Issue #7: heap per active token in the {@link TokenIndex} at N tokens, and the time to load N
 * active tokens from the database at start (the query of {@code TokenRepository.forEachActive}
 * into a fresh index, as {@code TokenChanges} does, then a real start of Tessera on them).
 *
 * <p>Run: {@code mvn -B test-compile exec:exec@footprint -Dfootprint.args="1000000 H2 POSTGRES"}
 * (arguments: tokens, then the databases to load from; none = memory only; the word {@code START}
 * skips the query experiments and times only real starts, which load through {@code TokenChanges}
 * and log "Loaded N active developer tokens in M ms": the first from the database, the next two from
 * the index the first saved at shutdown, a fourth from the database again, with saved copies off).
 * Prints one line per figure, prefixed {@code RESULT}. At 10^7 tokens it needs the exec's -Xmx8g.
 */
public final class IndexFootprint {

    private static final String LOAD_QUERY = """
            SELECT t.account_id, t.version, t.digest, l.access_level
            FROM developer_tokens t JOIN token_lineages l ON l.account_id = t.account_id
            WHERE t.active""";

    private IndexFootprint() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        List<Storage> storages = new ArrayList<>();
        boolean startOnly = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equalsIgnoreCase("START")) {
                startOnly = true;
            } else {
                storages.add(Storage.valueOf(args[i].toUpperCase(Locale.ROOT)));
            }
        }
        memory(count);
        for (Storage storage : storages) {
            load(count, storage, startOnly);
        }
        System.exit(0); // embedded PostgreSQL's and Netty's threads
    }

    /** Heap per token: heap used after full GCs, before and after filling an index; and JOL's count. */
    static Map<String, Double> memory(int count) {
        TokenHasher hasher = new TokenHasher(Tokens.PEPPER);
        String[] tokens = Tokens.generate(count, 7);
        TokenDigest[] digests = new TokenDigest[count];
        for (int i = 0; i < count; i++) {
            digests[i] = hasher.digest(tokens[i]);
        }
        tokens = null;
        long before = usedHeapAfterGc();
        long building = System.nanoTime();
        TokenIndex index = new TokenIndex(); // as the application's bean: grows while loading
        for (int i = 0; i < count; i++) {
            // Copies of the digests: the index holds its own, as when loaded from the database.
            TokenDigest d = digests[i];
            index.activate(Tokens.FIRST_ACCOUNT + i, 1, new TokenDigest(d.w0(), d.w1(), d.w2(), d.w3()), AccessLevel.STANDARD);
        }
        double buildSeconds = (System.nanoTime() - building) / 1e9;
        long after = usedHeapAfterGc();
        System.out.printf(Locale.ROOT, "RESULT index-build tokens=%d seconds=%.2f (activate only, no database)%n", count, buildSeconds);
        double perToken = (after - before) / (double) count;
        System.out.printf(Locale.ROOT, "RESULT index-heap tokens=%d bytes-per-token=%.1f (heap used after GC, %d -> %d bytes)%n",
                count, perToken, before, after);
        double jol = Double.NaN;
        if (count <= 10_000_000) { // issue 18: JOL at ten million too (a minute and a few GB)
            try {
                jol = GraphLayout.parseInstance(index).totalSize() / (double) count;
                System.out.printf(Locale.ROOT, "RESULT index-jol tokens=%d bytes-per-token=%.1f (JOL graph of the index, includes shared enums)%n",
                        count, jol);
            } catch (RuntimeException e) { // JOL needs -Djdk.attach.allowAttachSelf=true or jol.magicFieldOffset
                System.out.println("JOL unavailable here: " + e.getMessage());
            }
        }
        if (index.size() != count) {
            throw new IllegalStateException("index holds " + index.size());
        }
        return Map.of("heap", perToken, "jol", jol);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Seeds {@code count} accounts with an active token each, then times loading them. */
    static double load(int count, Storage storage, boolean startOnly) throws SQLException {
        TestDatabase database = TestDatabase.fresh(storage);
        long operator;
        try (RunningTessera tessera = RunningTessera.start(database)) { // migrates, creates the operator
            operator = 0;
        }
        String url = database.properties().get("spring.datasource.url");
        String user = database.properties().getOrDefault("spring.datasource.username", "");
        String password = database.properties().getOrDefault("spring.datasource.password", "");
        long seedStart = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(id) FROM users")) {
                rs.next();
                operator = rs.getLong(1);
            }
            seed(c, count, operator, storage);
        }
        System.out.printf(Locale.ROOT, "RESULT seed storage=%s tokens=%d seconds=%.1f%n", storage, count,
                (System.nanoTime() - seedStart) / 1e9);

        double best = Double.MAX_VALUE;
        for (int run = 0; run < (startOnly ? 0 : 3); run++) {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                long started = System.nanoTime();
                TokenIndex index = new TokenIndex();
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(10_000);
                    c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
                    try (ResultSet rs = s.executeQuery(LOAD_QUERY)) {
                        while (rs.next()) {
                            index.activate(rs.getLong(1), rs.getLong(2), TokenDigest.of(rs.getBytes(3)),
                                    AccessLevel.valueOf(rs.getString(4)));
                        }
                    }
                    c.commit();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                best = Math.min(best, seconds);
                System.out.printf(Locale.ROOT, "RESULT load-query storage=%s tokens=%d run=%d seconds=%.2f%n",
                        storage, index.size(), run + 1, seconds);
            }
        }
        // An experiment for the loader: two connections, each loading one half (MOD on the id).
        for (int run = 0; run < (startOnly ? 0 : 2); run++) {
            TokenIndex index = new TokenIndex();
            long started = System.nanoTime();
            Thread[] loaders = new Thread[2];
            for (int shard = 0; shard < loaders.length; shard++) {
                int part = shard;
                loaders[shard] = new Thread(() -> {
                    try (Connection c = DriverManager.getConnection(url, user, password)) {
                        c.setAutoCommit(false);
                        try (Statement s = c.createStatement()) {
                            s.setFetchSize(10_000);
                            try (ResultSet rs = s.executeQuery(LOAD_QUERY + " AND MOD(t.account_id, 2) = " + part)) {
                                while (rs.next()) {
                                    index.activate(rs.getLong(1), rs.getLong(2), TokenDigest.of(rs.getBytes(3)),
                                            AccessLevel.valueOf(rs.getString(4)));
                                }
                            }
                        }
                        c.commit();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                loaders[shard].start();
            }
            for (Thread loader : loaders) {
                try {
                    loader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            System.out.printf(Locale.ROOT, "RESULT load-query-2-threads storage=%s tokens=%d run=%d seconds=%.2f%n",
                    storage, index.size(), run + 1, (System.nanoTime() - started) / 1e9);
        }
        // The first start loads from the database; its one issued token (a change of the feed, which the
        // seeded rows were not) gives the index it saves at shutdown a change to be matched with; later starts
        // load that saved index (issue 18) and replay the log after it. Their log says which.
        // A fourth start neither reads nor saves a copy: a second load from the database, its cache warm.
        for (int run = 0; run < (startOnly ? 4 : 1); run++) {
            // Earlier starts' indexes must be garbage by now: the heap in use before each start shows it.
            System.out.printf(Locale.ROOT, "RESULT heap-before-start run=%d bytes=%d%n", run + 1, usedHeapAfterGc());
            long started = System.nanoTime();
            String[] properties = run == 3 ? new String[] {"tessera.index-snapshot-every=0"} : new String[0];
            try (RunningTessera tessera = RunningTessera.start(database, properties)) {
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "RESULT start storage=%s run=%d tokens-in-index=%d seconds-to-ready=%.2f%n",
                        storage, run + 1, tessera.bean(TokenIndex.class).size(), seconds);
                if (run == 0) {
                    dev.tessera.testing.Scenario scenario = new dev.tessera.testing.Scenario(tessera);
                    scenario.issueToken(scenario.account("footprint"));
                }
                long stopping = System.nanoTime();
                tessera.close();
                System.out.printf(Locale.ROOT, "RESULT stop storage=%s seconds=%.2f%n", storage, (System.nanoTime() - stopping) / 1e9);
            }
        }
        return best;
    }

    /**
     * Set-based inserts in slices of 50,000 accounts, one transaction each (row-by-row batches take
     * minutes at a million, and one huge transaction swells H2's file); digests are SHA-256 of the id.
     */
    private static void seed(Connection c, int count, long operator, Storage storage) throws SQLException {
        String digest = storage == Storage.H2 ? "HASH('SHA256', CAST(id AS VARCHAR))" : "sha256(CAST(CAST(id AS TEXT) AS BYTEA))";
        c.setAutoCommit(false);
        int slice = 50_000;
        for (int from = 0; from < count; from += slice) {
            long first = Tokens.FIRST_ACCOUNT + from;
            long last = Tokens.FIRST_ACCOUNT + Math.min(count, from + slice) - 1;
            String ids = storage == Storage.H2
                    ? "SELECT X AS id FROM SYSTEM_RANGE(" + first + ", " + last + ")"
                    : "SELECT generate_series(" + first + ", " + last + ") AS id";
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO customer_ids (customer_id) SELECT id FROM (" + ids + ") r");
                s.executeUpdate("INSERT INTO manager_accounts (customer_id, name, company_name, company_url, api_contact_email, created_at, created_by) "
                        + "SELECT id, 'Bench', 'Bench Ltd', 'https://bench.example', 'api@bench.example', CURRENT_TIMESTAMP, " + operator
                        + " FROM (" + ids + ") r");
                s.executeUpdate("INSERT INTO token_lineages (account_id, access_level, version, reset_count, issued_at) "
                        + "SELECT id, 'STANDARD', 1, 0, CURRENT_TIMESTAMP FROM (" + ids + ") r");
                s.executeUpdate("INSERT INTO developer_tokens (account_id, version, digest, masked, active, active_account_id, created_at) "
                        + "SELECT id, 1, " + digest + ", 'ABcd…STUv', TRUE, id, CURRENT_TIMESTAMP FROM (" + ids + ") r");
            }
            c.commit();
        }
        c.setAutoCommit(true);
    }
}
