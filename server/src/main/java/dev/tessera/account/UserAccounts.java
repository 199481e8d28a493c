package dev.tessera.account;

import dev.tessera.system.TesseraException;
import dev.tessera.system.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The people who sign in to Tessera; the one writer of {@code users}. Emails are case-insensitive (kept
 * lower-case); passwords are stored only as Spring Security encoder hashes and must have 12 to 72 characters.
 * The rules for changing users (who may disable whom, audit) are {@link UserAdministration}'s.
 */
@Component
public class UserAccounts {

    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD_BYTES = 72;

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    UserAccounts(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** A stored user, with the hash the sign-in compares against. */
    record User(long id, String email, String passwordHash, boolean operator, boolean disabled) {}

    /** A user as the operator's list shows it; {@code lastSignedInAt} is null for never. */
    public record UserView(String email, boolean operator, boolean disabled, Instant createdAt, Instant lastSignedInAt) {}

    /**
     * What a console session checks about its user on every request (issue 14): a disabled user's
     * session ends; one signed in before the last password change (an older {@code credentialsVersion})
     * ends; a user who must change the password is sent to the change-password page.
     */
    public record Standing(boolean disabled, boolean mustChangePassword, int credentialsVersion) {}

    /**
     * Creates a user.
     *
     * @throws TesseraException 400 naming the field at fault, 409 when the email is taken
     */
    public String create(String email, String password, boolean operator) {
        String normalized = normalizeEmail(email);
        checkPassword(password);
        try {
            jdbc.sql("""
                            INSERT INTO users (email, password_hash, operator, created_at)
                            VALUES (:email, :hash, :operator, :at)""")
                    .param("email", normalized)
                    .param("hash", encoder.encode(password))
                    .param("operator", operator)
                    .param("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            throw TesseraException.conflict("A user with this email already exists.");
        }
        return normalized;
    }

    /** Whether the password is the user's; false for unknown users. */
    public boolean passwordMatches(String email, String password) {
        return password != null && find(email).map(user -> encoder.matches(password, user.passwordHash())).orElse(false);
    }

    /** Whether a user with this email exists and is a platform operator. */
    public boolean isOperator(String email) {
        return find(email).map(User::operator).orElse(false);
    }

    /** Notes that the user signed in to the console now; unknown emails change nothing. */
    public void recordSignIn(String email) {
        jdbc.sql("UPDATE users SET last_signed_in_at = :at WHERE email = :email")
                .param("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .param("email", email.strip().toLowerCase(Locale.ROOT))
                .update();
    }

    /** When each of these users last signed in to the console; users who never did are absent. */
    public java.util.Map<String, java.time.Instant> lastSignIns(java.util.Collection<String> emails) {
        java.util.Map<String, java.time.Instant> result = new java.util.HashMap<>();
        if (emails.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT email, last_signed_in_at FROM users WHERE last_signed_in_at IS NOT NULL AND email IN (:emails)")
                .param("emails", emails)
                .query((rs, row) -> result.put(rs.getString("email"),
                        rs.getObject("last_signed_in_at", OffsetDateTime.class).toInstant()))
                .list();
        return result;
    }

    Optional<User> find(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, email, password_hash, operator, disabled FROM users WHERE email = :email")
                .param("email", email.strip().toLowerCase(Locale.ROOT))
                .query((rs, row) -> new User(rs.getLong("id"), rs.getString("email"), rs.getString("password_hash"),
                        rs.getBoolean("operator"), rs.getBoolean("disabled")))
                .optional();
    }

    /** The user's standing, or empty for an unknown email. One indexed query. */
    public Optional<Standing> standing(String email) {
        return jdbc.sql("SELECT disabled, must_change_password, credentials_version FROM users WHERE email = :email")
                .param("email", email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
                .query((rs, row) -> new Standing(rs.getBoolean("disabled"), rs.getBoolean("must_change_password"),
                        rs.getInt("credentials_version")))
                .optional();
    }

    /** Every user, by email. */
    public List<UserView> list() {
        return jdbc.sql(VIEW + " ORDER BY email").query(this::viewRow).list();
    }

    /** The user with this email (any case), or empty. */
    public Optional<UserView> view(String email) {
        return jdbc.sql(VIEW + " WHERE email = :email")
                .param("email", email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
                .query(this::viewRow).optional();
    }

    private static final String VIEW = "SELECT email, operator, disabled, created_at, last_signed_in_at FROM users";

    private UserView viewRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new UserView(rs.getString("email"), rs.getBoolean("operator"), rs.getBoolean("disabled"),
                Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "last_signed_in_at"));
    }

    /** Stores a new password hash, clears the must-change flag and counts the change (ends other sessions). */
    void updatePassword(long id, String password) {
        jdbc.sql("""
                        UPDATE users SET password_hash = :hash, must_change_password = FALSE,
                            credentials_version = credentials_version + 1
                        WHERE id = :id""")
                .param("hash", encoder.encode(password))
                .param("id", id)
                .update();
    }

    void requirePasswordChange(String email) {
        jdbc.sql("UPDATE users SET must_change_password = TRUE WHERE email = :email").param("email", email).update();
    }

    /** Sets the flag; false when it already had that value (nothing changed). */
    boolean setDisabled(long id, boolean disabled) {
        return jdbc.sql("UPDATE users SET disabled = :disabled WHERE id = :id AND disabled <> :disabled")
                .param("disabled", disabled).param("id", id).update() == 1;
    }

    /** Locks the rows of the enabled operators (until the transaction ends) and answers their ids. */
    List<Long> lockEnabledOperators() {
        return jdbc.sql("SELECT id FROM users WHERE operator AND NOT disabled ORDER BY id FOR UPDATE")
                .query(Long.class).list();
    }

    boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single() == 0;
    }

    /** Lower-cases and checks a sign-in email: one @, no spaces or control characters, ≤ 254. */
    public static String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            throw TesseraException.invalid("email", "An email is required.");
        }
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        int at = normalized.indexOf('@');
        boolean clean = normalized.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || c == '<' || c == '>' || c == '"' || c == '\'' || c == ';' || c == ',' || c == '/' || c == '\\');
        if (normalized.length() > 254 || at <= 0 || at != normalized.lastIndexOf('@')
                || at == normalized.length() - 1 || !clean) {
            throw TesseraException.invalid("email", "The email is not a valid address.");
        }
        return normalized;
    }

    static void checkPassword(String password) {
        checkPassword("password", password);
    }

    /** The one password rule (12 characters to 72 bytes). @throws TesseraException 400 naming {@code field} */
    public static void checkPassword(String field, String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw TesseraException.invalid(field, "A password has at least " + MIN_PASSWORD + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw TesseraException.invalid(field, "A password has at most " + MAX_PASSWORD_BYTES + " bytes.");
        }
    }
}
