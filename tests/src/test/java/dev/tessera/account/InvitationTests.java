package dev.tessera.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.testing.Api;
import dev.tessera.testing.OnEachStorage;
import dev.tessera.testing.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Membership by invitation (issue 12: any signed-in user could add any email to their own account and
 * learn from 404 vs 200 whether it had a user).
 */
class InvitationTests extends OnEachStorage {

    @Test
    void addingAnEmailAnswersTheSameWhetherOrNotAUserHasIt() {
        Scenario.Account account = scenario.account("prober");
        Scenario.User existing = scenario.user("existing");
        String unknown = "nobody-" + System.nanoTime() + "@example.com";
        Api.Reply known = account.admin().api().put(account.path() + "/users/" + existing.email(), Map.of("role", "STANDARD"));
        Api.Reply unknownReply = account.admin().api().put(account.path() + "/users/" + unknown, Map.of("role", "STANDARD"));
        assertThat(known.status()).isEqualTo(202);
        assertThat(unknownReply.status()).isEqualTo(202);
        assertThat(unknownReply.body().replace(unknown, "EMAIL")).isEqualTo(known.body().replace(existing.email(), "EMAIL"));
        assertThat(members(account)).doesNotContain(existing.email());
        assertThat(Scenario.invitation(account.admin().api(), account.path(), unknown).secret()).isNotBlank();
    }

    @Test
    void theInviteeBecomesAMemberOnAcceptingOnceAndNoOneElseCanAccept() {
        Scenario.Account account = scenario.account("inviter");
        Scenario.User invitee = scenario.user("invitee");
        Scenario.User other = scenario.user("other");
        assertThat(account.admin().api().put(account.path() + "/users/" + invitee.email(), Map.of("role", "READ_ONLY"))
                .status()).isEqualTo(202);
        Scenario.Invitation invitation = Scenario.invitation(account.admin().api(), account.path(), invitee.email());
        String accept = "/api/v1/invitations/" + invitation.id() + ":accept";

        assertThat(other.api().post(accept, Map.of("secret", invitation.secret())).status()).as("another user").isEqualTo(404);
        assertThat(account.admin().api().post(accept, Map.of("secret", invitation.secret())).status()).as("the inviting ADMIN")
                .isEqualTo(404);
        assertThat(invitee.api().post(accept, Map.of("secret", invitation.secret() + "x")).status()).as("wrong secret")
                .isEqualTo(404);
        assertThat(members(account)).doesNotContain(invitee.email());

        Api.Reply accepted = invitee.api().post(accept, Map.of("secret", invitation.secret()));
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        assertThat(accepted.json().at("/member/role").asString()).isEqualTo("READ_ONLY");
        assertThat(members(account)).contains(invitee.email());
        assertThat(invitee.api().post(accept, Map.of("secret", invitation.secret())).status()).as("used once").isEqualTo(404);

        long customer = CustomerId.parse(account.customerId()).value();
        assertThat(tessera.bean(AuditLog.class).count(customer, AuditEventType.USER_INVITED)).isEqualTo(1);
        assertThat(tessera.bean(AuditLog.class).count(customer, AuditEventType.USER_ADDED)).isEqualTo(1);
    }

    @Test
    void aMembersRoleStillChangesAtOnce() {
        Scenario.Account account = scenario.account("changer");
        Scenario.User member = scenario.user("member");
        scenario.addMember(account, member, "STANDARD");
        Api.Reply changed = account.admin().api().put(account.path() + "/users/" + member.email(), Map.of("role", "READ_ONLY"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text("role")).isEqualTo("READ_ONLY");
    }

    private static String members(Scenario.Account account) {
        return account.admin().api().get(account.path() + "/users").body();
    }
}
