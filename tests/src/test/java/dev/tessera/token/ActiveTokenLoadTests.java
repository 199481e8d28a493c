package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import dev.tessera.verify.Grant;
import dev.tessera.verify.TokenIndex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18: at start every active token is loaded by parallel scans over slices of the account id
 * range; accounts spread over the whole range (so every slice has some, and the ends are the range's
 * bounds) are all in the index afterwards with their level and version, and an account whose token
 * was revoked is not.
 */
class ActiveTokenLoadTests {

    static final int ACCOUNTS = 2_000;
    static final long FIRST = 1_000_000_000L;
    static final long STEP = 4_000_000L;

    @ParameterizedTest
    @EnumSource(Storage.class)
    void everyActiveTokenAcrossTheAccountRangeIsLoadedAtStart(Storage storage) throws Exception {
        TestDatabase database = TestDatabase.fresh(storage);
        try (RunningTessera first = RunningTessera.start(database)) {
            seed(first.bean(JdbcClient.class), storage);
        }
        try (RunningTessera second = RunningTessera.start(database)) {
            TokenIndex index = second.bean(TokenIndex.class);
            assertThat(index.size()).isEqualTo(ACCOUNTS - 1);
            for (int i = 0; i < ACCOUNTS; i++) {
                long account = FIRST + i * STEP;
                Grant grant = index.find(sha256(account));
                if (i == 7) {
                    assertThat(grant).isNull();
                } else {
                    assertThat(grant.managerCustomerId()).isEqualTo(account);
                    assertThat(grant.version()).isEqualTo(3);
                    assertThat(grant.accessLevel().name()).isEqualTo("STANDARD");
                }
            }
        }
    }

    private static void seed(JdbcClient jdbc, Storage storage) {
        long operator = jdbc.sql("SELECT MIN(id) FROM users").query(Long.class).single();
        String ids = storage == Storage.H2
                ? "SELECT " + FIRST + " + X * " + STEP + " AS id FROM SYSTEM_RANGE(0, " + (ACCOUNTS - 1) + ")"
                : "SELECT " + FIRST + " + CAST(g AS BIGINT) * " + STEP + " AS id FROM generate_series(0, " + (ACCOUNTS - 1) + ") g";
        String digest = storage == Storage.H2 ? "HASH('SHA256', CAST(id AS VARCHAR))"
                : "sha256(CAST(CAST(id AS TEXT) AS BYTEA))";
        jdbc.sql("INSERT INTO customer_ids (customer_id) SELECT id FROM (" + ids + ") r").update();
        jdbc.sql("INSERT INTO manager_accounts (customer_id, name, company_name, company_url, api_contact_email, created_at, created_by) "
                + "SELECT id, 'Load', 'Load Ltd', 'https://load.example', 'api@load.example', CURRENT_TIMESTAMP, " + operator
                + " FROM (" + ids + ") r").update();
        jdbc.sql("INSERT INTO token_lineages (account_id, access_level, version, reset_count, issued_at) "
                + "SELECT id, 'STANDARD', 3, 2, CURRENT_TIMESTAMP FROM (" + ids + ") r").update();
        // account 7's token was revoked (a committed state with no active token; see TornWrites)
        long revoked = FIRST + 7 * STEP;
        jdbc.sql("INSERT INTO developer_tokens (account_id, version, digest, masked, active, active_account_id, created_at,"
                + " replaced_at, revoked_at) SELECT id, 3, " + digest + ", 'ABcd…STUv', id <> " + revoked + ", CASE WHEN id = "
                + revoked + " THEN NULL ELSE id END, CURRENT_TIMESTAMP, CASE WHEN id = " + revoked
                + " THEN CURRENT_TIMESTAMP END, CASE WHEN id = " + revoked + " THEN CURRENT_TIMESTAMP END FROM (" + ids + ") r")
                .update();
    }

    private static byte[] sha256(long account) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(Long.toString(account).getBytes(StandardCharsets.US_ASCII));
    }
}
