package dev.tessera.console.operator;

import dev.tessera.console.AdminGate;
import dev.tessera.console.Dates;
import dev.tessera.console.OperatorGate;
import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.outbox.NotificationLog;
import dev.tessera.outbox.NotificationList;
import dev.tessera.outbox.NotificationView;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Notifications: the mails to an account's API contact email with their delivery state, newest
 * first, for the account's ADMINs; and every account's, for the platform OPERATOR.
 */
@Controller
class NotificationsPage {

    static final int PAGE_SIZE = 20;

    private final ManagerAccounts accounts;
    private final NotificationLog log;
    private final AdminGate gate;
    private final OperatorGate operator;

    NotificationsPage(ManagerAccounts accounts, NotificationLog log, AdminGate gate, OperatorGate operator) {
        this.accounts = accounts;
        this.log = log;
        this.gate = gate;
        this.operator = operator;
    }

    /** One mail as shown: its delivery in words, and its plain text. */
    record Row(String customerId, String kind, String recipient, String subject, String state, String stateClass,
            String stateDetail, int attempts, String created, String lastError, String textBody) {

        /** TOKEN_RESET → "Token reset". */
        static String kindLabel(String kind) {
            String words = kind.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }

        static Row of(NotificationView mail) {
            String state;
            String stateClass;
            String detail;
            switch (mail.state()) {
                case HELD -> {
                    state = "Not sent";
                    stateClass = "warn";
                    detail = "Not sent yet: this Tessera has no mail server set up, so the mail waits here. Read it "
                            + "below; it goes out once your operator sets up a mail server.";
                }
                case PENDING -> {
                    boolean retrying = mail.attempts() > 0;
                    state = retrying ? "Retrying" : "Queued";
                    stateClass = retrying ? "warn" : "quiet";
                    detail = (retrying ? "Attempt " + (mail.attempts() + 1) + " " : "Sending ")
                            + (mail.nextAttemptAt() == null ? "soon." : "at " + Dates.second(mail.nextAttemptAt()) + ".");
                }
                case SENDING -> {
                    state = "Sending";
                    stateClass = "quiet";
                    detail = "Being handed to the mail server now.";
                }
                case SENT -> {
                    state = "Sent";
                    stateClass = "ok";
                    detail = "Accepted by the mail server on " + Dates.second(mail.sentAt()) + ".";
                }
                default -> {
                    state = "Failed";
                    stateClass = "bad";
                    detail = "Gave up after " + mail.attempts() + (mail.attempts() == 1 ? " attempt." : " attempts.");
                }
            }
            return new Row(display(mail.customerId()), kindLabel(mail.kind().name()), mail.recipient(), mail.subject(), state,
                    stateClass, detail, mail.attempts(), Dates.second(mail.createdAt()), mail.lastError(),
                    mail.textBody());
        }

        private static String display(String digits) {
            try {
                return CustomerId.parse(digits).display();
            } catch (RuntimeException e) {
                return digits;
            }
        }
    }

    @GetMapping("/accounts/{customerId}/notifications")
    String ofAccount(@PathVariable String customerId, @RequestParam(defaultValue = "1") int page, Principal principal,
            Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), "The notifications page");
        var account = accounts.get(id, principal.getName());
        model.addAttribute("account", account);
        model.addAttribute("title", "Notifications · " + account.name());
        int current = Math.max(page, 1);
        NotificationList found = log.ofAccount(id, principal.getName(), current - 1, PAGE_SIZE);
        if (found.notifications().isEmpty() && current > 1) {
            return "redirect:/accounts/" + id.digits() + "/notifications";
        }
        return render(found, current, model);
    }

    @GetMapping("/operator/notifications")
    String all(@RequestParam(defaultValue = "1") int page, Principal principal, Model model) {
        operator.require(principal, "Every account's notifications");
        model.addAttribute("title", "Notifications · Operator");
        int current = Math.max(page, 1);
        NotificationList found = log.all(current - 1, PAGE_SIZE);
        if (found.notifications().isEmpty() && current > 1) {
            return "redirect:/operator/notifications";
        }
        return render(found, current, model);
    }

    private static String render(NotificationList found, int current, Model model) {
        model.addAttribute("rows", found.notifications().stream().map(Row::of).toList());
        model.addAttribute("page", current);
        model.addAttribute("pages", (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("total", found.total());
        return "notifications";
    }
}
