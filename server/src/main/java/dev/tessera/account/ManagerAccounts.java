package dev.tessera.account;

import dev.tessera.cluster.ChangeKind;
import dev.tessera.cluster.ChangeFeed;
import dev.tessera.system.Timestamps;
import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.system.EmailAddress;
import dev.tessera.system.TesseraException;
import dev.tessera.system.TextFields;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Manager accounts, their users and roles, and their client accounts. Every change commits with its
 * audit event; a manager account always keeps at least one ADMIN (removing or demoting the last one
 * is a 409).
 */
@Component
public class ManagerAccounts {

    private static final int MAX_NAME = 200;
    private static final int MAX_URL = 2000;

    private final AccountRepository accounts;
    private final UserAccounts users;
    private final AccountAccess access;
    private final AuditLog audit;
    private final ChangeFeed feed;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate claimTx;
    private final Invitations invitations;

    ManagerAccounts(AccountRepository accounts, UserAccounts users, AccountAccess access, AuditLog audit,
            ChangeFeed feed, ApplicationEventPublisher events, Clock clock,
            PlatformTransactionManager transactions, Invitations invitations) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.users = users;
        this.access = access;
        this.audit = audit;
        this.feed = feed;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.claimTx = new TransactionTemplate(transactions);
        this.claimTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Stores the account's current API contact email, in the caller's transaction. The contact
     * feature calls it once it has checked the caller and the address.
     */
    public void setApiContactEmail(CustomerId account, String email) {
        accounts.updateApiContactEmail(account, email);
    }

    /** What a caller gives to create a manager account. */
    public record NewManagerAccount(String name, String companyName, String companyUrl, String apiContactEmail) {}

    /** Creates a manager account whose ADMIN is the creator. @throws TesseraException 400 naming the field */
    public ManagerAccount create(NewManagerAccount request, Actor actor) {
        String name = TextFields.singleLine("name", request.name(), MAX_NAME);
        String companyName = TextFields.singleLine("companyName", request.companyName(), MAX_NAME);
        String companyUrl = url(request.companyUrl());
        String contact = contactEmail(request.apiContactEmail());
        UserAccounts.User creator = users.find(actor.email()).orElseThrow(() -> TesseraException.notFound("No such user."));
        CustomerId id = claimNewCustomerId();
        ManagerAccount account = new ManagerAccount(id, name, companyName, companyUrl, contact, Timestamps.now(clock));
        tx.executeWithoutResult(status -> {
            accounts.insertManager(account, creator.id());
            accounts.upsertMembership(id, creator.id(), Role.ADMIN, false);
            audit.record(id.value(), AuditEventType.ACCOUNT_CREATED, actor,
                    Map.of("name", name, "apiContactEmail", contact));
            events.publishEvent(new AccountEvents.ManagerAccountCreated(id.value(), contact, actor));
        });
        return account;
    }

    /** An account without a membership check, for the operator's pages (the caller checks the OPERATOR role). */
    public java.util.Optional<ManagerAccount> findForOperator(CustomerId id) {
        return accounts.findManager(id);
    }

    public ManagerAccount get(CustomerId id, String email) {
        access.requireMember(id, email);
        return accounts.findManager(id).orElseThrow(() -> AccountAccess.notFound(id));
    }

    public List<Membership> membershipsOf(String email) {
        return accounts.membershipsOf(email);
    }

    public List<Member> members(CustomerId account, String email) {
        access.requireMember(account, email);
        return accounts.members(account);
    }

    /**
     * Changes the role of a member, or invites an email that is not one ({@link Invitations}): the
     * same answer whether or not a user has that email. ADMIN only.
     *
     * @return the member with the new role, or empty when an invitation was sent
     * @throws TesseraException 400 for a malformed email, 409 when this would leave no ADMIN
     */
    public Optional<Member> setRole(CustomerId account, String targetEmail, Role role, Actor actor) {
        access.requireAdmin(account, actor.email());
        if (role == null) {
            throw TesseraException.invalid("role", "A role is required: ADMIN, STANDARD or READ_ONLY.");
        }
        String email = UserAccounts.normalizeEmail(targetEmail);
        return tx.execute(status -> {
            accounts.lockManager(account);
            var current = accounts.roleOf(account, email);
            if (current.isEmpty()) {
                invitations.create(account, email, role, actor);
                return Optional.<Member>empty();
            }
            if (current.get() == Role.ADMIN && role != Role.ADMIN && accounts.countAdmins(account) <= 1) {
                throw TesseraException.conflict("The last ADMIN of an account cannot be demoted; make another user ADMIN first.");
            }
            UserAccounts.User target = users.find(email).orElseThrow();
            accounts.upsertMembership(account, target.id(), role, true);
            audit.record(account.value(), AuditEventType.USER_ROLE_CHANGED, actor,
                    Map.of("user", target.email(), "role", role.name(), "previousRole", current.get().name()));
            if (current.get() == Role.ADMIN && role != Role.ADMIN) {
                events.publishEvent(new AccountEvents.AdminRemoved(account.value(), target.email(), true, actor));
            }
            return Optional.of(new Member(target.email(), role));
        });
    }

    /** Removes a member. ADMIN only. @throws TesseraException 404 for a non-member, 409 for the last ADMIN */
    public void removeUser(CustomerId account, String targetEmail, Actor actor) {
        access.requireAdmin(account, actor.email());
        UserAccounts.User target = users.find(targetEmail)
                .orElseThrow(() -> TesseraException.notFound("This user is not a member of the account."));
        tx.executeWithoutResult(status -> {
            accounts.lockManager(account);
            Role current = accounts.roleOf(account, target.email())
                    .orElseThrow(() -> TesseraException.notFound("This user is not a member of the account."));
            if (current == Role.ADMIN && accounts.countAdmins(account) <= 1) {
                throw TesseraException.conflict("The last ADMIN of an account cannot be removed.");
            }
            accounts.deleteMembership(account, target.id());
            audit.record(account.value(), AuditEventType.USER_REMOVED, actor,
                    Map.of("user", target.email(), "role", current.name()));
            if (current == Role.ADMIN) {
                events.publishEvent(new AccountEvents.AdminRemoved(account.value(), target.email(), false, actor));
            }
        });
    }

    /** Creates a client account under the manager. ADMIN or STANDARD. */
    public ClientAccount addClient(CustomerId manager, String name, Boolean testAccount, Actor actor) {
        if (access.requireMember(manager, actor.email()) == Role.READ_ONLY) {
            throw TesseraException.forbidden("A READ_ONLY user cannot create client accounts.");
        }
        String checkedName = TextFields.singleLine("name", name, MAX_NAME);
        if (testAccount == null) {
            throw TesseraException.invalid("testAccount", "Say whether this is a test account: true or false.");
        }
        ClientAccount client = new ClientAccount(claimNewCustomerId(), manager, checkedName, testAccount, Timestamps.now(clock));
        tx.executeWithoutResult(status -> {
            accounts.insertClient(client);
            audit.record(manager.value(), AuditEventType.CLIENT_ACCOUNT_CREATED, actor, Map.of(
                    "clientCustomerId", client.customerId().digits(), "name", checkedName,
                    "testAccount", testAccount.toString()));
            feed.append(ChangeKind.CLIENT_ACCOUNT, client.customerId().value());
        });
        feed.awaitAppended();
        return client;
    }

    public List<ClientAccount> clients(CustomerId manager, String email) {
        access.requireMember(manager, email);
        return accounts.clients(manager);
    }

    private CustomerId claimNewCustomerId() {
        for (int attempt = 0; ; attempt++) {
            CustomerId candidate = CustomerId.random();
            try {
                claimTx.executeWithoutResult(status -> accounts.claimCustomerId(candidate));
                return candidate;
            } catch (DuplicateKeyException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    static String url(String value) {
        return webAddress("companyUrl", value);
    }

    /** Checks an http(s) address with a host, at most 2000 characters. @throws TesseraException 400 naming the field */
    public static String webAddress(String field, String value) {
        if (value == null || value.isBlank()) {
            throw TesseraException.invalid(field, "'" + field + "' is required.");
        }
        String stripped = value.strip();
        try {
            URI uri = new URI(stripped);
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (!web || uri.getHost() == null || stripped.length() > MAX_URL) {
                throw TesseraException.invalid(field, "'" + field + "' must be an http or https address, like https://example.com.");
            }
        } catch (URISyntaxException e) {
            throw TesseraException.invalid(field, "'" + field + "' must be an http or https address, like https://example.com.");
        }
        return stripped;
    }

    static String contactEmail(String value) {
        try {
            return EmailAddress.parse(value).value();
        } catch (IllegalArgumentException e) {
            throw TesseraException.invalid("apiContactEmail", e.getMessage());
        }
    }
}
