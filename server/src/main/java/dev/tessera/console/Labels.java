package dev.tessera.console;

import dev.tessera.access.AccessLevel;
import dev.tessera.account.Role;
import dev.tessera.audit.AuditEventType;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The words the console shows for roles, access levels and audit events, instead of their enum
 * names (the management API keeps the enum values). Templates call it as {@code @labels}.
 */
@Component("labels")
public class Labels {

    public String role(Role role) {
        return role == null ? "" : switch (role) {
            case ADMIN -> "Admin";
            case STANDARD -> "Standard";
            case READ_ONLY -> "Read only";
        };
    }

    /** What a role may do, in one line. */
    public String roleMeaning(Role role) {
        return role == null ? "" : switch (role) {
            case ADMIN -> "Manages the developer token, users and settings.";
            case STANDARD -> "Uses the account and its client accounts; cannot see the token or manage users.";
            case READ_ONLY -> "Sees the account and its client accounts; changes nothing.";
        };
    }

    public String level(AccessLevel level) {
        return level == null ? "" : switch (level) {
            case TEST_ACCOUNT -> "Test account";
            case EXPLORER -> "Explorer";
            case BASIC -> "Basic";
            case STANDARD -> "Standard";
        };
    }

    /** A level given by its enum name (as some views hold it); the name itself if it is not one. */
    public String level(String level) {
        try {
            return level(AccessLevel.valueOf(level));
        } catch (IllegalArgumentException | NullPointerException e) {
            return level == null ? "" : level;
        }
    }

    public String event(AuditEventType type) {
        return type == null ? "" : switch (type) {
            case ACCOUNT_CREATED -> "Account created";
            case CLIENT_ACCOUNT_CREATED -> "Client account created";
            case TOKEN_ISSUED -> "Token issued";
            case TOKEN_VIEWED -> "Token viewed";
            case TOKEN_RESET -> "Token reset";
            case TOKEN_RESET_REFUSED -> "Reset refused";
            case TOKEN_REVOKED -> "Token revoked";
            case TOKEN_ROTATED -> "Token rotated";
            case TOKEN_OVERLAP_ENDED -> "Rotation overlap ended";
            case TOKEN_EXPIRY_SET -> "Token expiry set";
            case ACCESS_LEVEL_CHANGED -> "Access level changed";
            case APPLICATION_SUBMITTED -> "Application submitted";
            case APPLICATION_DECIDED -> "Application decided";
            case CONTACT_EMAIL_CHANGED -> "Contact email changed";
            case CONTACT_EMAIL_CONFIRMED -> "Contact email confirmed";
            case USER_ADDED -> "User added";
            case USER_INVITED -> "User invited";
            case USER_ROLE_CHANGED -> "Role changed";
            case USER_REMOVED -> "User removed";
            case SIGN_IN_FAILED -> "Sign-in failed";
            case SIGN_IN_LOCKED -> "Sign-in locked out";
            case API_KEY_CREATED -> "API key created";
            case API_KEY_REVOKED -> "API key revoked";
            case WEBHOOK_CREATED -> "Webhook created";
            case WEBHOOK_DELETED -> "Webhook deleted";
            case USER_CREATED -> "User created";
            case USER_DISABLED -> "User disabled";
            case USER_ENABLED -> "User enabled";
            case PASSWORD_CHANGED -> "Password changed";
        };
    }

    /** An event type given by its enum name; the name itself if it is not one. */
    public String event(String type) {
        try {
            return event(AuditEventType.valueOf(type.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return type == null ? "" : type;
        }
    }
}
