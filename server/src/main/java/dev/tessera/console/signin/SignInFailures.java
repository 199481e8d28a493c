package dev.tessera.console.signin;

import dev.tessera.system.Timestamps;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables {@code sign_in_failures} and {@code sign_in_known_addresses}, written only here. Every
 * node of a cluster reads and writes the same rows, so a lock-out holds on all of them at once.
 */
@Repository
class SignInFailures {

    private final JdbcClient jdbc;

    SignInFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Failures since an instant: for the pair, the email on any address, and the address for any email. */
    record Counts(int pair, Instant pairLast, int account, Instant accountLast, int address, Instant addressLast) {}

    void add(String email, String address, Instant at, Instant forgetBefore) {
        jdbc.sql("INSERT INTO sign_in_failures (email, client_ip, failed_at) VALUES (:email, :ip, :at)")
                .param("email", email).param("ip", address).param("at", Timestamps.utc(at)).update();
        jdbc.sql("DELETE FROM sign_in_failures WHERE failed_at < :before")
                .param("before", Timestamps.utc(forgetBefore)).update();
    }

    Counts since(String email, String address, Instant since) {
        return jdbc.sql("""
                        SELECT COUNT(CASE WHEN email = :email AND client_ip = :ip THEN 1 END) AS pair,
                               MAX(CASE WHEN email = :email AND client_ip = :ip THEN failed_at END) AS pair_last,
                               COUNT(CASE WHEN email = :email THEN 1 END) AS account,
                               MAX(CASE WHEN email = :email THEN failed_at END) AS account_last,
                               COUNT(CASE WHEN client_ip = :ip THEN 1 END) AS address,
                               MAX(CASE WHEN client_ip = :ip THEN failed_at END) AS address_last
                        FROM sign_in_failures
                        WHERE failed_at > :since AND (email = :email OR client_ip = :ip)""")
                .param("email", email).param("ip", address).param("since", Timestamps.utc(since))
                .query((rs, row) -> new Counts(
                        rs.getInt("pair"), Timestamps.instant(rs, "pair_last"),
                        rs.getInt("account"), Timestamps.instant(rs, "account_last"),
                        rs.getInt("address"), Timestamps.instant(rs, "address_last")))
                .single();
    }

    /**
     * Forgets the pair's failures (an indexed delete, of nothing as a rule) and remembers the address
     * for the email (an insert or update at most hourly per pair).
     */
    void succeeded(String email, String address, Instant at) {
        jdbc.sql("DELETE FROM sign_in_failures WHERE email = :email AND client_ip = :ip")
                .param("email", email).param("ip", address).update();
        Instant last = lastSignIn(email, address);
        if (last != null && last.isAfter(at.minusSeconds(3600))) {
            return;
        }
        int updated = jdbc.sql("""
                        UPDATE sign_in_known_addresses SET last_signed_in = :at
                        WHERE email = :email AND client_ip = :ip""")
                .param("email", email).param("ip", address).param("at", Timestamps.utc(at)).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO sign_in_known_addresses (email, client_ip, last_signed_in) VALUES (:email, :ip, :at)")
                        .param("email", email).param("ip", address).param("at", Timestamps.utc(at)).update();
            } catch (DuplicateKeyException e) {
                // another node remembered it a moment ago: the same fact
            }
        }
    }

    Instant lastSignIn(String email, String address) {
        return jdbc.sql("SELECT last_signed_in FROM sign_in_known_addresses WHERE email = :email AND client_ip = :ip")
                .param("email", email).param("ip", address)
                .query((rs, row) -> Timestamps.instant(rs, "last_signed_in"))
                .optional().orElse(null);
    }
}
