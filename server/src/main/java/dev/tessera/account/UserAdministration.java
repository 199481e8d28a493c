package dev.tessera.account;

import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.system.TesseraException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes to users and their rules (issue 14): an operator creates, disables and enables users; a
 * user changes their own password. Each change is audited as a platform event and, where the user
 * belongs to manager accounts, on each of them, in the transaction of the change. Thread-safe;
 * disabling locks the enabled operators' rows, so two operators disabling each other at once cannot
 * leave none.
 */
@Component
public class UserAdministration {

    private final UserAccounts users;
    private final AccountRepository accounts;
    private final InitialAdmin initialAdmin;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    UserAdministration(UserAccounts users, AccountRepository accounts, InitialAdmin initialAdmin, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.users = users;
        this.accounts = accounts;
        this.initialAdmin = initialAdmin;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Creates a user (not an operator) with a first password the operator passes on to them.
     *
     * @param mustChange whether the user must choose their own password at the first console sign-in
     * @return the email as stored (lower-case)
     * @throws TesseraException 400 naming {@code email} or {@code password}, 409 when the email is taken
     */
    public String create(String email, String password, boolean mustChange, Actor actor) {
        return tx.execute(status -> {
            String created = users.create(email, password, false);
            if (mustChange) {
                users.requirePasswordChange(created);
            }
            audit.recordPlatform(AuditEventType.USER_CREATED, actor, Map.of("user", created));
            return created;
        });
    }

    /**
     * Disables or enables a user. A disabled user cannot sign in (form, HTTP Basic), their API keys are
     * refused, and their console sessions end at their next request. Setting the state the user already
     * has changes nothing and records nothing.
     *
     * @throws TesseraException 404 for an unknown email; 409 for disabling oneself or the last enabled operator
     */
    public void setDisabled(String email, boolean disabled, Actor actor) {
        tx.executeWithoutResult(status -> {
            List<Long> operators = disabled ? users.lockEnabledOperators() : List.of();
            UserAccounts.User user = users.find(email)
                    .orElseThrow(() -> TesseraException.notFound("No user with the email " + email + "."));
            if (disabled && user.email().equals(actor.email())) {
                throw TesseraException.conflict("You cannot disable yourself. Ask another operator.");
            }
            if (disabled && operators.equals(List.of(user.id()))) {
                throw TesseraException.conflict(user.email() + " is the last operator and stays enabled, so "
                        + "someone can still manage users.");
            }
            if (users.setDisabled(user.id(), disabled)) {
                record(user.email(), disabled ? AuditEventType.USER_DISABLED : AuditEventType.USER_ENABLED, actor,
                        Map.of("user", user.email()));
            }
        });
    }

    /**
     * Changes the signed-in user's own password after checking the current one. Console sessions of the
     * user signed in before the change end (see {@link UserAccounts.Standing}); the generated first
     * admin's password file is deleted once that password is replaced.
     *
     * @throws TesseraException 400 naming {@code currentPassword} (wrong), {@code newPassword} (the password
     *     rule, or the same as the current one) or {@code confirmPassword} (does not match)
     */
    public void changePassword(String email, String current, String replacement, String confirmation, Actor actor) {
        UserAccounts.User user = users.find(email)
                .orElseThrow(() -> TesseraException.notFound("No user with the email " + email + "."));
        checkNewPassword(current, replacement, confirmation);
        if (!users.passwordMatches(user.email(), current)) {
            throw wrongCurrentPassword();
        }
        // Only the generated first admin is an operator who must change the password (users created by an operator
        // never are operators), so this change retires the generated password's file, and no other does.
        boolean initial = user.operator()
                && users.standing(user.email()).map(UserAccounts.Standing::mustChangePassword).orElse(false);
        tx.executeWithoutResult(status -> {
            users.updatePassword(user.id(), replacement);
            record(user.email(), AuditEventType.PASSWORD_CHANGED, actor, Map.of("user", user.email()));
        });
        if (initial) {
            initialAdmin.retirePasswordFile();
        }
    }

    /** The rules of a new password that need no database: the password rule, different, confirmed. */
    public static void checkNewPassword(String current, String replacement, String confirmation) {
        UserAccounts.checkPassword("newPassword", replacement);
        checkDifferent(current, replacement);
        checkConfirmed(replacement, confirmation);
    }

    /** @throws TesseraException 400 naming {@code newPassword} when it equals the current one */
    public static void checkDifferent(String current, String replacement) {
        if (replacement != null && replacement.equals(current)) {
            throw TesseraException.invalid("newPassword", "The new password must differ from the current one.");
        }
    }

    /** @throws TesseraException 400 naming {@code confirmPassword} when the two new passwords differ */
    public static void checkConfirmed(String replacement, String confirmation) {
        if (replacement == null || !replacement.equals(confirmation)) {
            throw TesseraException.invalid("confirmPassword", "The two new passwords do not match.");
        }
    }

    /** The refusal for a wrong current password. */
    public static TesseraException wrongCurrentPassword() {
        return TesseraException.invalid("currentPassword", "The current password is not correct.");
    }

    private void record(String email, AuditEventType type, Actor actor, Map<String, String> details) {
        audit.recordPlatform(type, actor, details);
        for (Membership membership : accounts.membershipsOf(email)) {
            audit.record(membership.account().customerId().value(), type, actor, details);
        }
    }
}
