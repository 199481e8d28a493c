package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.access.AccessLevel;
import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import dev.tessera.verify.TokenIndex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: on PostgreSQL a node loads its index at start from binary COPYs. It must load exactly
 * what the row-by-row query loads (newest token, level, expiry by a set instant or by the maximum
 * age), and refuse a stream it does not understand rather than load a wrong token.
 */
class ActiveTokenCopyTests {

    private static final String NO_SNAPSHOTS = "tessera.index-snapshot-every=0";
    /** 2000-01-01T00:00Z in microseconds since 1970: PostgreSQL's epoch. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    @Test
    void theCopyLoadsWhatTheQueryLoads() {
        TestDatabase database = TestDatabase.fresh(Storage.POSTGRES);
        Map<String, String> newest = new java.util.LinkedHashMap<>();
        List<String> replaced = new ArrayList<>();
        Map<String, Scenario.Account> accounts = new java.util.LinkedHashMap<>();
        Instant setExpiry = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        try (RunningTessera tessera = RunningTessera.start(database, NO_SNAPSHOTS)) {
            Scenario scenario = new Scenario(tessera);
            for (String name : List.of("plain", "promoted", "reset", "expiring")) {
                Scenario.Account account = scenario.account(name);
                accounts.put(name, account);
                newest.put(name, scenario.issueToken(account));
            }
            scenario.promote(accounts.get("promoted"), "BASIC");
            for (int i = 0; i < 2; i++) {
                replaced.add(newest.get("reset"));
                newest.put("reset", scenario.reset(accounts.get("reset"), "copy " + i).text("developerToken"));
            }
            Scenario.Account expiring = accounts.get("expiring");
            assertThat(expiring.admin().api().put(expiring.path() + "/developer-token/expiry",
                    Map.of("expiresAt", setExpiry.toString())).status()).isEqualTo(200);

            ActiveTokenCopyRepository copies = tessera.bean(ActiveTokenCopyRepository.class);
            TokenRepository tokens = tessera.bean(TokenRepository.class);
            for (String maxAge : List.of("", "P30D")) {
                TokenExpiryPolicy policy = new TokenExpiryPolicy(maxAge);
                TokenIndex copied = new TokenIndex();
                assertThat(copies.copyInto(copied, policy)).hasValue(4);
                TokenIndex scanned = new TokenIndex();
                tokens.forEachActive((account, state) -> {
                    long ends = policy.expiryMillis(state.createdAt(), state.expiresAt());
                    scanned.apply(account, state.level(), new ActiveTokens.Held(state.version(), state.digest(),
                            ends == Long.MAX_VALUE ? null : TokenTerm.expiring(ends)), null);
                });
                List<String> entries = entries(copied);
                assertThat(entries).as("max age '%s'", maxAge).hasSize(4).isEqualTo(entries(scanned));
                String expiringEntry = entries.stream().filter(e -> e.startsWith(expiring.customerId().replace("-", "") + " ")).findFirst().orElseThrow();
                assertThat(expiringEntry).as("the expiry an ADMIN set comes first").endsWith(" " + setExpiry.toEpochMilli());
                long unlimited = entries.stream().filter(e -> e.endsWith(" " + Long.MAX_VALUE)).count();
                assertThat(unlimited).as("tokens without an end, max age '%s'", maxAge).isEqualTo(maxAge.isEmpty() ? 3 : 0);
            }
            assertThat(entries(tessera.bean(TokenIndex.class))).as("the running node's index")
                    .isEqualTo(entries(copiedWith(copies, new TokenExpiryPolicy(""))));
        }

        // A restart without a saved index loads through the copy; the promise holds across it.
        try (RunningTessera restarted = RunningTessera.start(database, NO_SNAPSHOTS)) {
            Scenario scenario = new Scenario(restarted);
            newest.forEach((name, token) -> {
                Api.Reply reply = scenario.forwardAuth(restarted.dataPlane(), token, null);
                assertThat(reply.status()).as("%s's newest token", name).isEqualTo(200);
                assertThat(reply.header("Tessera-Access-Level")).as(name)
                        .isEqualTo(name.equals("promoted") ? "BASIC" : "TEST_ACCOUNT");
            });
            for (String token : replaced) {
                assertThat(scenario.forwardAuth(restarted.dataPlane(), token, null).status()).as("a replaced token").isEqualTo(401);
            }
        }
    }

    @Test
    void onH2TheQueryLoadsInstead() {
        try (RunningTessera tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2), NO_SNAPSHOTS)) {
            assertThat(tessera.bean(ActiveTokenCopyRepository.class).copyInto(new TokenIndex(), new TokenExpiryPolicy("")))
                    .isEmpty();
        }
    }

    @Test
    void eachRowIsHandedOnWithItsAccountsLevelAndItsValues() throws IOException {
        byte[] digest = new byte[32];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (i * 7 + 1);
        }
        byte[] levels = new Stream().level(1_000_000_002L, "EXPLORER").level(1_000_000_001L, "STANDARD").end().bytes();
        byte[] tokens = new Stream()
                .token(1_000_000_001L, 3, digest, 0, null)
                .token(1_000_000_002L, 1, digest, 86_400_000_000L, 172_800_123_456L)
                .end().bytes();
        List<String> rows = new ArrayList<>();
        long count = ActiveTokenCopy.readTokens(new ByteArrayInputStream(tokens), readLevels(levels), new TokenExpiryPolicy(""),
                (account, level, version, d0, d1, ends) -> rows.add(account + " " + level + " " + version + " "
                        + Long.toHexString(d0) + " " + Long.toHexString(d1) + " " + ends));
        TokenDigest expected = TokenDigest.of(digest);
        String words = Long.toHexString(expected.w0()) + " " + Long.toHexString(expected.w1());
        assertThat(count).isEqualTo(2);
        assertThat(rows).containsExactly(
                "1000000001 STANDARD 3 " + words + " " + Long.MAX_VALUE,
                "1000000002 EXPLORER 1 " + words + " " + (POSTGRES_EPOCH_MICROS + 172_800_123_456L) / 1000);

        // With a maximum age of a day, each row ends a day after it was created: before the second's set expiry.
        List<Long> ends = new ArrayList<>();
        ActiveTokenCopy.readTokens(new ByteArrayInputStream(tokens), readLevels(levels), new TokenExpiryPolicy("P1D"),
                (a, l, v, d0, d1, e) -> ends.add(e));
        assertThat(ends).containsExactly(POSTGRES_EPOCH_MICROS / 1000 + 86_400_000L,
                POSTGRES_EPOCH_MICROS / 1000 + 172_800_000L);
    }

    @Test
    void aStreamItDoesNotUnderstandIsRefusedBeforeAWrongRowIsHandedOn() throws IOException {
        byte[] digest = new byte[32];
        List<Long> handed = new ArrayList<>();
        ActiveTokens.ActiveVisitor visitor = (account, level, version, d0, d1, ends) -> handed.add(account);
        TokenExpiryPolicy policy = new TokenExpiryPolicy("");
        AccountLevels levels = readLevels(new Stream().level(7, "BASIC").end().bytes());

        byte[] good = new Stream().token(7, 1, digest, 0, null).end().bytes();
        byte[] text = good.clone();
        text[0] = 'p';
        assertThatThrownBy(() -> ActiveTokenCopy.readTokens(new ByteArrayInputStream(text), levels, policy, visitor))
                .hasMessageContaining("binary signature");
        byte[] cut = Arrays.copyOf(good, good.length - 20);
        assertThatThrownBy(() -> ActiveTokenCopy.readTokens(new ByteArrayInputStream(cut), levels, policy, visitor))
                .hasMessageContaining("ended inside a row");
        assertThatThrownBy(() -> ActiveTokenCopy.readTokens(new Stream().token(7, 1, new byte[16], 0, null).end().input(),
                levels, policy, visitor)).hasMessageContaining("digest field").hasMessageContaining("16 bytes");
        assertThat(ActiveTokenCopy.readTokens(new Stream().token(8, 1, digest, 0, null).end().input(), levels, policy, visitor))
                .as("a token of an account without a lineage is left out").isZero();
        assertThatThrownBy(() -> ActiveTokenCopy.readTokens(new Stream().fields(6).end().input(), levels, policy, visitor))
                .hasMessageContaining("6 fields, not 5");
        assertThatThrownBy(() -> readLevels(new Stream().level(7, "GOLD").end().bytes())).hasMessageContaining("access_level");
        assertThatThrownBy(() -> readLevels(new Stream().fields(5).end().bytes())).hasMessageContaining("5 fields, not 2");
        assertThat(handed).isEmpty();
    }

    @Test
    void accountLevelsHoldEveryAccountThroughGrowth() {
        AccountLevels levels = new AccountLevels(16);
        AccessLevel[] all = AccessLevel.values();
        int count = 200_000;
        for (int i = 0; i < count; i++) {
            levels.put(1_000_000_000L + i, all[i % all.length]);
        }
        levels.put(1_000_000_000L, AccessLevel.STANDARD); // again, with another level
        assertThat(levels.size()).isEqualTo(count);
        for (int i = 1; i < count; i++) {
            assertThat(levels.get(1_000_000_000L + i)).isEqualTo(all[i % all.length]);
        }
        assertThat(levels.get(1_000_000_000L)).isEqualTo(AccessLevel.STANDARD);
        assertThat(levels.get(999_999_999L)).isNull();
        assertThat(levels.get(1_000_000_000L + count)).isNull();
    }

    private static AccountLevels readLevels(byte[] stream) throws IOException {
        return ActiveTokenCopy.readLevels(new ByteArrayInputStream(stream), 4);
    }

    private static TokenIndex copiedWith(ActiveTokenCopyRepository copies, TokenExpiryPolicy policy) {
        TokenIndex index = new TokenIndex();
        copies.copyInto(index, policy);
        return index;
    }

    /** An index's active tokens, one line each, sorted: account, level, version, the digest's words, end. */
    private static List<String> entries(TokenIndex index) {
        List<String> entries = new ArrayList<>();
        index.forEachActive((account, level, version, d0, d1, ends) ->
                entries.add(account + " " + level + " " + version + " " + d0 + " " + d1 + " " + ends));
        entries.sort(null);
        return entries;
    }

    /** PostgreSQL's binary COPY format, written as the database writes it. */
    private static final class Stream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Stream() {
            try {
                out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
                out.writeInt(0); // flags
                out.writeInt(0); // header extension
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A row of the levels' COPY. */
        Stream level(long account, String level) {
            try {
                out.writeShort(2);
                out.writeInt(8);
                out.writeLong(account);
                byte[] name = level.getBytes(StandardCharsets.US_ASCII);
                out.writeInt(name.length);
                out.write(name);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /** A row of the tokens' COPY; instants in microseconds since 2000, {@code expiresAt} null for NULL. */
        Stream token(long account, long version, byte[] digest, long createdAt, Long expiresAt) {
            try {
                out.writeShort(5);
                out.writeInt(8);
                out.writeLong(account);
                out.writeInt(8);
                out.writeLong(version);
                out.writeInt(digest.length);
                out.write(digest);
                out.writeInt(8);
                out.writeLong(createdAt);
                if (expiresAt == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(8);
                    out.writeLong(expiresAt);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /** A row that starts with another field count. */
        Stream fields(int count) {
            try {
                out.writeShort(count);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        Stream end() {
            return fields(-1);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        InputStream input() {
            return new ByteArrayInputStream(bytes());
        }
    }
}
