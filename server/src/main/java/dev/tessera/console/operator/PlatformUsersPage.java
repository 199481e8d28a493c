package dev.tessera.console.operator;

import dev.tessera.account.UserAccounts;
import dev.tessera.account.UserAdministration;
import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditLog;
import dev.tessera.audit.web.RequestActor;
import dev.tessera.console.Dates;
import dev.tessera.console.FieldErrors;
import dev.tessera.console.Labels;
import dev.tessera.console.OperatorGate;
import dev.tessera.system.TesseraException;
import dev.tessera.system.web.ErrorStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The OPERATOR's users (issue 14): every user with role, last sign-in and state; creating one with a
 * first password (the same domain path as {@code POST /api/v1/users}); disabling (after a confirmation)
 * and enabling. The rules (not oneself, not the last operator) are {@link UserAdministration}'s; a refusal
 * is shown on the page with the reason. The latest user events are listed below.
 */
@Controller
@RequestMapping("/operator/users")
class PlatformUsersPage {

    private static final String PAGE = "The users page";
    static final int RECENT_EVENTS = 20;

    private final UserAccounts users;
    private final UserAdministration administration;
    private final AuditLog audit;
    private final OperatorGate operator;
    private final Labels labels;

    PlatformUsersPage(UserAccounts users, UserAdministration administration, AuditLog audit, OperatorGate operator,
            Labels labels) {
        this.users = users;
        this.administration = administration;
        this.audit = audit;
        this.operator = operator;
        this.labels = labels;
    }

    /** A user as the list shows them. */
    record Row(String email, String role, String created, String lastSignIn, boolean disabled, boolean me) {}

    /** A platform event as the list shows it. */
    record Event(String at, String what, String user, String by) {}

    @GetMapping
    String show(Principal principal, Model model) {
        operator.require(principal, PAGE);
        return render(principal, model, "", true, Map.of(), null);
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "false") boolean mustChange, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        operator.require(principal, PAGE);
        FieldErrors errors = new FieldErrors()
                .check(() -> UserAccounts.normalizeEmail(email))
                .check(() -> UserAccounts.checkPassword("password", password));
        if (!errors.any()) {
            try {
                String created = administration.create(email, password, mustChange, RequestActor.of(principal, request));
                redirect.addFlashAttribute("notice", "Created " + created + ". Give them the first password by a "
                        + "channel other than this one's mail; " + (mustChange
                        ? "they choose their own at their first sign-in." : "they can change it under their settings."));
                return "redirect:/operator/users";
            } catch (TesseraException e) {
                if (e.field() == null) {
                    response.setStatus(ErrorStatus.of(e).value());
                    model.addAttribute("problem", e.getMessage());
                    return render(principal, model, email, mustChange, Map.of(), null);
                }
                errors.add(e);
            }
        }
        response.setStatus(400);
        return render(principal, model, email, mustChange, errors.messages(), errors.first());
    }

    @PostMapping("/disable")
    String disable(@RequestParam(defaultValue = "") String email, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return setDisabled(email, true, principal, request, response, model, redirect);
    }

    @PostMapping("/enable")
    String enable(@RequestParam(defaultValue = "") String email, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return setDisabled(email, false, principal, request, response, model, redirect);
    }

    private String setDisabled(String email, boolean disabled, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        operator.require(principal, PAGE);
        try {
            administration.setDisabled(email, disabled, RequestActor.of(principal, request));
        } catch (TesseraException e) {
            response.setStatus(ErrorStatus.of(e).value());
            model.addAttribute("problem", e.getMessage());
            return render(principal, model, "", true, Map.of(), null);
        }
        redirect.addFlashAttribute("notice", disabled
                ? email + " is disabled: they cannot sign in, their API keys are refused, and their open sessions end."
                : email + " is enabled again and can sign in.");
        return "redirect:/operator/users";
    }

    private String render(Principal principal, Model model, String email, boolean mustChange, Map<String, String> errors,
            String first) {
        List<Row> rows = users.list().stream().map(user -> new Row(user.email(), user.operator() ? "Operator" : "User",
                Dates.day(user.createdAt()), user.lastSignedInAt() == null ? "Never" : Dates.minute(user.lastSignedInAt()),
                user.disabled(), user.email().equals(principal.getName()))).toList();
        List<Event> events = audit.platformEvents(RECENT_EVENTS).stream().map(this::event).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("events", events);
        model.addAttribute("email", email);
        model.addAttribute("mustChange", mustChange);
        model.addAttribute("errors", errors);
        model.addAttribute("first", first);
        return "operator-users";
    }

    private Event event(AuditEvent event) {
        return new Event(Dates.minute(event.occurredAt()), labels.event(event.type()),
                event.details().getOrDefault("user", ""), event.actor() == null ? "Tessera" : event.actor());
    }
}
