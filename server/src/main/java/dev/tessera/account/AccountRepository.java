package dev.tessera.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for manager accounts, memberships and client accounts. Callers own the transactions. */
@Repository
class AccountRepository {

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void claimCustomerId(CustomerId id) {
        jdbc.sql("INSERT INTO customer_ids (customer_id) VALUES (:id)").param("id", id.value()).update();
    }

    void insertManager(ManagerAccount account, long creatorId) {
        jdbc.sql("""
                        INSERT INTO manager_accounts
                            (customer_id, name, company_name, company_url, api_contact_email, created_at, created_by)
                        VALUES (:id, :name, :company, :url, :email, :at, :creator)""")
                .param("id", account.customerId().value())
                .param("name", account.name())
                .param("company", account.companyName())
                .param("url", account.companyUrl())
                .param("email", account.apiContactEmail())
                .param("at", utc(account.createdAt()))
                .param("creator", creatorId)
                .update();
    }

    Optional<ManagerAccount> findManager(CustomerId id) {
        return jdbc.sql("""
                        SELECT customer_id, name, company_name, company_url, api_contact_email, created_at
                        FROM manager_accounts WHERE customer_id = :id""")
                .param("id", id.value())
                .query(AccountRepository::manager)
                .optional();
    }

    /** Locks the manager account's row until the transaction ends; false when there is no such account. */
    boolean lockManager(CustomerId id) {
        return jdbc.sql("SELECT customer_id FROM manager_accounts WHERE customer_id = :id FOR UPDATE")
                .param("id", id.value())
                .query(Long.class)
                .optional()
                .isPresent();
    }

    void updateApiContactEmail(CustomerId id, String email) {
        jdbc.sql("UPDATE manager_accounts SET api_contact_email = :email WHERE customer_id = :id")
                .param("email", email)
                .param("id", id.value())
                .update();
    }

    Optional<Role> roleOf(CustomerId account, String email) {
        return jdbc.sql("""
                        SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.account_id = :account AND u.email = :email""")
                .param("account", account.value())
                .param("email", email)
                .query((rs, row) -> Role.valueOf(rs.getString(1)))
                .optional();
    }

    void upsertMembership(CustomerId account, long userId, Role role, boolean exists) {
        String sql = exists
                ? "UPDATE memberships SET role = :role WHERE account_id = :account AND user_id = :user"
                : "INSERT INTO memberships (account_id, user_id, role) VALUES (:account, :user, :role)";
        jdbc.sql(sql).param("account", account.value()).param("user", userId).param("role", role.name()).update();
    }

    void deleteMembership(CustomerId account, long userId) {
        jdbc.sql("DELETE FROM memberships WHERE account_id = :account AND user_id = :user")
                .param("account", account.value())
                .param("user", userId)
                .update();
    }

    long countAdmins(CustomerId account) {
        return jdbc.sql("SELECT COUNT(*) FROM memberships WHERE account_id = :account AND role = 'ADMIN'")
                .param("account", account.value())
                .query(Long.class)
                .single();
    }

    List<Member> members(CustomerId account) {
        return jdbc.sql("""
                        SELECT u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.account_id = :account ORDER BY u.email""")
                .param("account", account.value())
                .query((rs, row) -> new Member(rs.getString(1), Role.valueOf(rs.getString(2))))
                .list();
    }

    /** The user's manager accounts with the user's role, by name. */
    List<Membership> membershipsOf(String email) {
        return jdbc.sql("""
                        SELECT a.customer_id, a.name, a.company_name, a.company_url, a.api_contact_email,
                               a.created_at, m.role
                        FROM manager_accounts a
                        JOIN memberships m ON m.account_id = a.customer_id
                        JOIN users u ON u.id = m.user_id
                        WHERE u.email = :email ORDER BY a.name, a.customer_id""")
                .param("email", email)
                .query((rs, row) -> new Membership(manager(rs, row), Role.valueOf(rs.getString("role"))))
                .list();
    }

    void insertClient(ClientAccount client) {
        jdbc.sql("""
                        INSERT INTO client_accounts (customer_id, manager_customer_id, name, test_account, created_at)
                        VALUES (:id, :manager, :name, :test, :at)""")
                .param("id", client.customerId().value())
                .param("manager", client.managerCustomerId().value())
                .param("name", client.name())
                .param("test", client.testAccount())
                .param("at", utc(client.createdAt()))
                .update();
    }

    List<ClientAccount> clients(CustomerId manager) {
        return jdbc.sql("""
                        SELECT customer_id, manager_customer_id, name, test_account, created_at
                        FROM client_accounts WHERE manager_customer_id = :manager ORDER BY name, customer_id""")
                .param("manager", manager.value())
                .query(AccountRepository::client)
                .list();
    }

    /** Every client account, for loading the data plane's view at start. */
    void forEachClient(java.util.function.Consumer<ClientAccount> action) {
        jdbc.sql("SELECT customer_id, manager_customer_id, name, test_account, created_at FROM client_accounts")
                .query(rs -> {
                    action.accept(client(rs, 0));
                });
    }

    /** One client account, or empty. */
    java.util.Optional<ClientAccount> findClient(long customerId) {
        return jdbc.sql("SELECT customer_id, manager_customer_id, name, test_account, created_at FROM client_accounts"
                        + " WHERE customer_id = ?")
                .param(customerId)
                .query(AccountRepository::client)
                .optional();
    }

    private static ManagerAccount manager(ResultSet rs, int row) throws SQLException {
        return new ManagerAccount(
                new CustomerId(rs.getLong("customer_id")),
                rs.getString("name"),
                rs.getString("company_name"),
                rs.getString("company_url"),
                rs.getString("api_contact_email"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static ClientAccount client(ResultSet rs, int row) throws SQLException {
        return new ClientAccount(
                new CustomerId(rs.getLong("customer_id")),
                new CustomerId(rs.getLong("manager_customer_id")),
                rs.getString("name"),
                rs.getBoolean("test_account"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
